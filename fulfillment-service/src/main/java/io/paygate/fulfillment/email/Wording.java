package io.paygate.fulfillment.email;

import io.paygate.common.money.Yuan;
import io.paygate.events.Channel;
import io.paygate.events.DuplicatePaymentReceived;
import io.paygate.events.OrderPaid;
import io.paygate.events.OrderPaidAfterTimeout;
import io.paygate.events.OrderRefunded;
import io.paygate.events.PaymentAmountMismatched;
import io.paygate.events.RefundFailed;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Everything this service says, in the configured language: the customer's mails, the admins'
 * alert mails and the one-line admin messages. Pure: it builds texts from events and sends
 * nothing. Amounts are fen formatted as yuan without floating point; times are in the business
 * time zone.
 */
@Component
public class Wording {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final MailSettings settings;
    private final Templates templates;

    public Wording(MailSettings settings) {
        this.settings = settings;
        this.templates = Templates.load(settings.locale());
    }

    /** An admin alert: the line for the live stream and the chat robot, and the mail to the admins. */
    public record Alert(String line, Mail mail) {
    }

    /** The customer's receipt for a paid order. */
    public Mail receipt(OrderPaid paid) {
        Map<String, String> values = values(paid.orderNo());
        values.put("item", paid.subject());
        values.put("amount", amount(paid.amountFen(), paid.currency()));
        values.put("platform", platform(paid.channel()));
        values.put("tradeNo", paid.free() ? "—" : paid.platformTradeNo());
        values.put("paidAt", time(paid.paidAt()));
        return mail("receipt", List.of(paid.customerEmail()), templates.line("subject.receipt", values), values);
    }

    /** The customer's notice that money went back. */
    public Mail refundNotice(OrderRefunded refunded) {
        Map<String, String> values = values(refunded.orderNo());
        values.put("refundNo", refunded.refundNo());
        values.put("amount", yuan(refunded.amountFen()));
        values.put("refundedTotal", yuan(refunded.refundedTotalFen()));
        values.put("state", templates.line(refunded.fullyRefunded() ? "refund.full" : "refund.partial"));
        values.put("refundedAt", time(refunded.refundedAt()));
        return mail("refund", List.of(refunded.customerEmail()), templates.line("subject.refund", values), values);
    }

    /** {@code 订单 2026… 已支付 ¥88.88 (支付宝 2026…)}. */
    public String paidLine(OrderPaid paid) {
        Map<String, String> values = values(paid.orderNo());
        if (paid.free()) {
            return templates.line("admin.paid.free", values);
        }
        values.put("amount", amount(paid.amountFen(), paid.currency()));
        values.put("platform", platform(paid.channel()));
        values.put("tradeNo", paid.platformTradeNo());
        return templates.line("admin.paid", values);
    }

    public String refundedLine(OrderRefunded refunded) {
        Map<String, String> values = values(refunded.orderNo());
        values.put("amount", yuan(refunded.amountFen()));
        values.put("refundedTotal", yuan(refunded.refundedTotalFen()));
        values.put("full", refunded.fullyRefunded() ? templates.line("admin.refunded.full") : "");
        return templates.line("admin.refunded", values);
    }

    public Alert paidAfterTimeout(OrderPaidAfterTimeout late, String link) {
        Map<String, String> values = payment(late.orderNo(), late.amountFen(), late.currency(), late.channel(),
                late.platformTradeNo(), late.paidAt(), link);
        values.put("deadline", time(late.expiresAt()));
        return alert("admin.late", "detail.late", values);
    }

    public Alert amountMismatch(PaymentAmountMismatched mismatch, String link) {
        Map<String, String> values = payment(mismatch.orderNo(), mismatch.amountFen(), mismatch.currency(),
                mismatch.channel(), mismatch.platformTradeNo(), mismatch.paidAt(), link);
        values.put("expected", amount(mismatch.expectedFen(), mismatch.currency()));
        return alert("admin.mismatch", "detail.mismatch", values);
    }

    public Alert duplicatePayment(DuplicatePaymentReceived duplicate, String link) {
        Map<String, String> values = payment(duplicate.orderNo(), duplicate.amountFen(), duplicate.currency(),
                duplicate.channel(), duplicate.platformTradeNo(), duplicate.paidAt(), link);
        values.put("refundNo", duplicate.refundNo());
        return alert("admin.duplicate", "detail.duplicate", values);
    }

    public Alert refundFailed(RefundFailed failed, String link) {
        Map<String, String> values = values(failed.orderNo());
        values.put("amount", yuan(failed.amountFen()));
        values.put("platform", platform(failed.channel()));
        values.put("tradeNo", "—");
        values.put("at", time(failed.failedAt()));
        values.put("link", link);
        values.put("refundNo", failed.refundNo());
        values.put("code", failed.code() == null ? "—" : failed.code());
        values.put("message", failed.message() == null ? "" : failed.message());
        return alert("admin.refundFailed", "detail.refundFailed", values);
    }

    /** For the admins when a refund asked for {@code open} ago has still not ended at its platform. */
    public Alert refundStuck(String orderNo, String refundNo, long amountFen, Instant requestedAt, java.time.Duration open,
                             String link) {
        Map<String, String> values = values(orderNo);
        values.put("amount", yuan(amountFen));
        values.put("platform", "—");
        values.put("tradeNo", "—");
        values.put("at", time(requestedAt));
        values.put("link", link);
        values.put("refundNo", refundNo);
        values.put("minutes", Long.toString(open.toMinutes()));
        return alert("admin.refundStuck", "detail.refundStuck", values);
    }

    /**
     * For the admins when a reconciliation run found discrepancies or failed. The "order number"
     * of such an alert is the run's key, {@code CHANNEL/day}.
     */
    public Alert reconciliation(io.paygate.events.ReconciliationCompleted run, String link) {
        Map<String, String> values = values(run.key());
        var d = run.discrepancies();
        values.put("amount", "—");
        values.put("platform", platform(run.channel()));
        values.put("tradeNo", "—");
        values.put("at", time(run.endedAt()));
        values.put("link", link);
        values.put("day", run.day().toString());
        values.put("count", Integer.toString(d.total()));
        values.put("types", "PAID_AT_PLATFORM_ONLY " + d.paidAtPlatformOnly() + ", PAID_HERE_ONLY " + d.paidHereOnly()
                + ", AMOUNT_DIFFERS " + d.amountDiffers() + ", REFUND_MISSING_HERE " + d.refundMissingHere()
                + ", REFUND_MISSING_AT_PLATFORM " + d.refundMissingAtPlatform());
        values.put("ours", run.ourPayments() + " / " + yuan(run.ourPaymentFen()));
        values.put("bill", run.platformPayments() + " / " + yuan(run.platformPaymentFen()));
        values.put("matched", Integer.toString(run.matched()));
        values.put("reason", run.reason() == null ? "—" : run.reason());
        return run.status() == io.paygate.events.ReconciliationCompleted.Status.FAILED
                ? alert("admin.reconciliationFailed", "detail.reconciliationFailed", values)
                : alert("admin.reconciliation", "detail.reconciliation", values);
    }

    /** For the admins when something could not be delivered after every retry. */
    public String deliveryFailedLine(String orderNo, String what, String reason) {
        Map<String, String> values = values(orderNo);
        values.put("what", templates.line("what." + what));
        values.put("reason", reason);
        return templates.line("admin.deliveryFailed", values);
    }

    private Alert alert(String lineKey, String detailKey, Map<String, String> values) {
        String line = templates.line(lineKey, values);
        values.put("line", line);
        values.put("detail", templates.line(detailKey, values));
        return new Alert(line, mail("alert", settings.admins(), line, values));
    }

    private Mail mail(String template, List<String> to, String subject, Map<String, String> values) {
        return new Mail(to, subject, templates.text(template, values), templates.html(template, values));
    }

    private Map<String, String> payment(String orderNo, long amountFen, String currency, Channel channel,
                                        String tradeNo, Instant paidAt, String link) {
        Map<String, String> values = values(orderNo);
        values.put("amount", amount(amountFen, currency));
        values.put("platform", platform(channel));
        values.put("tradeNo", tradeNo == null ? "—" : tradeNo);
        values.put("at", time(paidAt));
        values.put("paidAt", time(paidAt));
        values.put("link", link);
        return values;
    }

    private static Map<String, String> values(String orderNo) {
        var values = new HashMap<String, String>();
        values.put("orderNo", orderNo);
        return values;
    }

    /** {@code ¥88.88} for yuan; any other currency keeps its code, so nothing is shown as yuan by mistake. */
    static String amount(long fen, String currency) {
        return "CNY".equals(currency) ? yuan(fen) : Yuan.format(fen) + " " + currency;
    }

    private static String yuan(long fen) {
        return "¥" + Yuan.format(fen);
    }

    private String platform(Channel channel) {
        return templates.line(channel == null ? "platform.coupon" : "platform." + channel.name());
    }

    private String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant.atZone(settings.zone())) + " (" + settings.zone().getId() + ")";
    }
}
