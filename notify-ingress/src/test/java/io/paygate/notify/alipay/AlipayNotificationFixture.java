package io.paygate.notify.alipay;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Notifications as Alipay sends them, unsigned; sign them with {@link AlipaySigner}. */
public final class AlipayNotificationFixture {

    public static final String APP_ID = "2021000000000001";
    public static final String SELLER_ID = "2088000000000001";
    private static final DateTimeFormatter ORDER_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final AtomicLong SEQUENCE = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000_000L));

    private AlipayNotificationFixture() {
    }

    /** A fresh order number in paygate's shape: 14 digits of time plus a 10-digit zero-padded id. */
    public static String newOrderNo() {
        return LocalDateTime.now().format(ORDER_TIME) + String.format("%010d", SEQUENCE.incrementAndGet());
    }

    /** A page-pay success notification for an order of 88.88 yuan. */
    public static Map<String, String> tradeSuccess(String orderNo) {
        return notification(orderNo, "TRADE_SUCCESS", "88.88");
    }

    public static Map<String, String> notification(String orderNo, String tradeStatus, String totalAmount) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("gmt_create", "2026-11-26 17:30:05");
        fields.put("charset", "utf-8");
        fields.put("seller_email", "merchant@example.com");
        fields.put("subject", "订单 " + orderNo);
        fields.put("buyer_id", "2088102177846880");
        fields.put("invoice_amount", totalAmount);
        fields.put("notify_id", "2026112600222173059046380543" + orderNo.substring(orderNo.length() - 4));
        fields.put("fund_bill_list", "[{\"amount\":\"" + totalAmount + "\",\"fundChannel\":\"ALIPAYACCOUNT\"}]");
        fields.put("notify_type", "trade_status_sync");
        fields.put("trade_status", tradeStatus);
        fields.put("receipt_amount", totalAmount);
        fields.put("buyer_pay_amount", totalAmount);
        fields.put("app_id", APP_ID);
        fields.put("auth_app_id", APP_ID);
        fields.put("notify_time", "2026-11-26 17:31:03");
        fields.put("point_amount", "0.00");
        fields.put("total_amount", totalAmount);
        fields.put("seller_id", SELLER_ID);
        fields.put("trade_no", tradeNoFor(orderNo));
        fields.put("out_trade_no", orderNo);
        fields.put("gmt_payment", "2026-11-26 17:31:02");
        fields.put("version", "1.0");
        return fields;
    }

    /** A partial refund re-sends TRADE_SUCCESS with the refund's fields. */
    public static Map<String, String> partialRefund(String orderNo) {
        var fields = new LinkedHashMap<>(tradeSuccess(orderNo));
        fields.put("refund_fee", "10.00");
        fields.put("gmt_refund", "2026-11-27 10:00:00.345");
        fields.put("out_biz_no", orderNo + "R1");
        return fields;
    }

    /** The browser return after page pay: signed like a notification, with fewer fields. */
    public static Map<String, String> browserReturn(String orderNo) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("charset", "utf-8");
        fields.put("out_trade_no", orderNo);
        fields.put("method", "alipay.trade.page.pay.return");
        fields.put("total_amount", "88.88");
        fields.put("trade_no", tradeNoFor(orderNo));
        fields.put("auth_app_id", APP_ID);
        fields.put("version", "1.0");
        fields.put("app_id", APP_ID);
        fields.put("seller_id", SELLER_ID);
        fields.put("timestamp", "2026-11-26 17:31:05");
        return fields;
    }

    public static String tradeNoFor(String orderNo) {
        return "2026112622001" + orderNo.substring(orderNo.length() - 10);
    }
}
