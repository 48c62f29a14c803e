package io.paygate.notify.wechat;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/** Decrypted resources as WeChat Pay sends them, for the test merchant. */
final class WechatNotificationFixture {

    static final String MCHID = "1230000109";
    static final String APPID = "wxd678efh567hg6787";
    static final String API_V3_KEY = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6";
    static final String SUCCESS_TIME = "2026-11-26T17:31:02+08:00";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private WechatNotificationFixture() {
    }

    /** A fresh order number of our shape: {@code yyyyMMddHHmmss} + 6 digits. */
    static String newOrderNo() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                + String.format("%06d", SEQUENCE.incrementAndGet() % 1_000_000);
    }

    static String transactionIdFor(String orderNo) {
        return "42000" + orderNo.substring(orderNo.length() - 20 < 0 ? 0 : orderNo.length() - 20);
    }

    static String transaction(String orderNo, String tradeState, long total) {
        return transaction(MCHID, APPID, orderNo, tradeState, String.valueOf(total), "CNY");
    }

    static String paid(String orderNo) {
        return transaction(orderNo, "SUCCESS", 8888);
    }

    static String transaction(String mchid, String appid, String orderNo, String tradeState, String totalJson, String currency) {
        boolean paid = "SUCCESS".equals(tradeState) || "REFUND".equals(tradeState);
        return "{\"amount\":{\"currency\":\"" + currency + "\",\"payer_currency\":\"CNY\",\"payer_total\":" + totalJson
                + ",\"total\":" + totalJson + "},\"appid\":\"" + appid + "\",\"attach\":\"\",\"bank_type\":\"OTHERS\","
                + "\"mchid\":\"" + mchid + "\",\"out_trade_no\":\"" + orderNo + "\",\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"},"
                + "\"promotion_detail\":[],"
                + (paid ? "\"success_time\":\"" + SUCCESS_TIME + "\"," : "")
                + "\"trade_state\":\"" + tradeState + "\",\"trade_state_desc\":\"支付成功\",\"trade_type\":\"NATIVE\""
                + (paid ? ",\"transaction_id\":\"" + transactionIdFor(orderNo) + "\"" : "") + "}";
    }

    static String refund(String orderNo, String status) {
        return refund(MCHID, orderNo, status);
    }

    static String refund(String mchid, String orderNo, String status) {
        return "{\"mchid\":\"" + mchid + "\",\"transaction_id\":\"" + transactionIdFor(orderNo) + "\",\"out_trade_no\":\"" + orderNo
                + "\",\"refund_id\":\"50200207182018070300011301001\",\"out_refund_no\":\"" + orderNo + "R1\",\"refund_status\":\""
                + status + "\",\"success_time\":\"2026-11-26T18:00:00+08:00\",\"user_received_account\":\"招商银行信用卡0403\","
                + "\"amount\":{\"total\":8888,\"refund\":888,\"payer_total\":8888,\"payer_refund\":888}}";
    }
}
