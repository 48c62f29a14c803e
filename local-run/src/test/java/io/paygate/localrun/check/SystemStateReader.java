package io.paygate.localrun.check;

import io.paygate.devstack.MailSink;
import io.paygate.devstack.TopicRecorder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads paygate's final state of some orders: order-service's database (orders, payments,
 * refunds, and its outbox, where each transition left its event), the order topic, the SMTP
 * sink and the admin messages.
 */
public final class SystemStateReader {

    static final String ORDER_PAID = "io.paygate.OrderPaid.v1";
    static final String ORDER_PAID_AFTER_TIMEOUT = "io.paygate.OrderPaidAfterTimeout.v1";
    private static final Pattern ORDER_NO = Pattern.compile("\\d{15,32}");

    private final String orderJdbcUrl;
    private final String user;
    private final String password;
    private final TopicRecorder topics;
    private final MailSink mail;
    private final AdminMessageRecorder admin;

    /**
     * @param topics records the order topic ({@code paygate.order.v1}) from its beginning
     */
    public SystemStateReader(String orderJdbcUrl, String user, String password, TopicRecorder topics, MailSink mail,
                             AdminMessageRecorder admin) {
        this.orderJdbcUrl = orderJdbcUrl;
        this.user = user;
        this.password = password;
        this.topics = topics;
        this.mail = mail;
        this.admin = admin;
    }

    public List<OrderState> read(Collection<String> orderNos) {
        Set<String> wanted = new HashSet<>(orderNos);
        var orders = new ArrayList<OrderState>();
        try (Connection db = DriverManager.getConnection(orderJdbcUrl, user, password)) {
            String[] numbers = wanted.toArray(String[]::new);
            Map<String, List<OrderState.Payment>> payments = new HashMap<>();
            try (var query = db.prepareStatement("select order_no, channel, platform_trade_no, amount_fen, outcome from payments where order_no = any (?)")) {
                query.setArray(1, db.createArrayOf("varchar", numbers));
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        payments.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(new OrderState.Payment(
                                rows.getString(2), rows.getString(3), rows.getLong(4), rows.getString(5)));
                    }
                }
            }
            Map<String, List<OrderState.Refund>> refunds = new HashMap<>();
            try (var query = db.prepareStatement("select order_no, amount_fen, status, kind from refunds where order_no = any (?)")) {
                query.setArray(1, db.createArrayOf("varchar", numbers));
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        refunds.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(new OrderState.Refund(
                                rows.getLong(2), rows.getString(3), rows.getString(4)));
                    }
                }
            }
            Map<String, Integer> transitions = new HashMap<>();
            try (var query = db.prepareStatement("select msg_key, type, count(*) from outbox where msg_key = any (?) and type in (?, ?) group by 1, 2")) {
                query.setArray(1, db.createArrayOf("varchar", numbers));
                query.setString(2, ORDER_PAID);
                query.setString(3, ORDER_PAID_AFTER_TIMEOUT);
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        transitions.put(rows.getString(1) + "|" + rows.getString(2), rows.getInt(3));
                    }
                }
            }
            Map<String, String> customers = new HashMap<>();
            try (var query = db.prepareStatement("select order_no, customer_email from orders where order_no = any (?)")) {
                query.setArray(1, db.createArrayOf("varchar", numbers));
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        customers.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
            var copies = new HashMap<String, Integer>();
            var mails = receiptsByOrder(customers, copies);
            try (var query = db.prepareStatement("select order_no, status, payable_fen, refunded_fen from orders where order_no = any (?)")) {
                query.setArray(1, db.createArrayOf("varchar", numbers));
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        String orderNo = rows.getString(1);
                        var paidRecords = topics.of(orderNo, ORDER_PAID);
                        int paidEvents = (int) paidRecords.stream().map(r -> TopicRecorder.header(r, "ce_id")).distinct().count();
                        var effects = new OrderState.Effects(
                                transitions.getOrDefault(orderNo + "|" + ORDER_PAID, 0),
                                transitions.getOrDefault(orderNo + "|" + ORDER_PAID_AFTER_TIMEOUT, 0),
                                paidEvents, paidRecords.size(),
                                mails.getOrDefault(orderNo, Set.of()).size(),
                                (int) admin.count(orderNo, "ORDER_PAID"),
                                copies.getOrDefault(orderNo, 0));
                        orders.add(new OrderState(orderNo, rows.getString(2), rows.getLong(3), rows.getLong(4),
                                payments.getOrDefault(orderNo, List.of()), refunds.getOrDefault(orderNo, List.of()), effects));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read order-service's database", e);
        }
        return orders;
    }

    /**
     * Receipts by order: the {@code Message-ID}s of mails to the order's customer whose subject
     * names the order, refund notices left out (their subjects say so: "退款成功" / "Refund
     * completed"). {@code copies} gets every such mail counted, copies of one included.
     */
    private Map<String, Set<String>> receiptsByOrder(Map<String, String> customers, Map<String, Integer> copies) {
        var receipts = new HashMap<String, Set<String>>();
        List<MailSink.Mail> received = mail.received();
        for (int n = 0; n < received.size(); n++) {
            MailSink.Mail m = received.get(n);
            String subject = m.subject() == null ? "" : m.subject();
            if (subject.contains("退款") || subject.toLowerCase(Locale.ROOT).contains("refund")) {
                continue;
            }
            Matcher number = ORDER_NO.matcher(subject);
            while (number.find()) {
                String email = customers.get(number.group());
                if (email != null && m.to().contains(email)) {
                    // a mail without a Message-ID is its own: it can never pass as a copy of another
                    String id = m.messageId() != null ? m.messageId() : "no Message-ID #" + n;
                    receipts.computeIfAbsent(number.group(), k -> new HashSet<>()).add(id);
                    copies.merge(number.group(), 1, Integer::sum);
                }
            }
        }
        return receipts;
    }
}
