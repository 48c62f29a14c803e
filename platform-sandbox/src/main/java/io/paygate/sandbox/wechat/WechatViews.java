package io.paygate.sandbox.wechat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON objects the API answers with and notifications carry (ref §3.2, §4.2), as ordered maps
 * without nulls, so that exactly the fields WeChat Pay sends appear.
 */
final class WechatViews {

    private WechatViews() {
    }

    /** A Transaction; unpaid orders have no transaction_id, payer, success_time, bank_type or payer_total. */
    static Map<String, Object> transaction(WechatOrder order, String mchid, String appid, long totalFen) {
        var amount = new LinkedHashMap<String, Object>();
        amount.put("total", totalFen);
        amount.put("currency", "CNY");
        var out = new LinkedHashMap<String, Object>();
        out.put("appid", appid);
        out.put("mchid", mchid);
        out.put("out_trade_no", order.outTradeNo());
        out.put("trade_state", order.state().name());
        out.put("trade_state_desc", order.state().description());
        out.put("attach", order.attach() == null ? "" : order.attach());
        if (order.state().paid()) {
            out.put("transaction_id", order.transactionId());
            out.put("trade_type", order.tradeType().name());
            out.put("bank_type", WechatOrder.BANK_TYPE);
            out.put("success_time", WechatTime.format(order.successAt()));
            out.put("payer", Map.of("openid", order.payerOpenid()));
            amount.put("payer_total", totalFen);
            amount.put("payer_currency", "CNY");
            out.put("promotion_detail", List.of());
        }
        out.put("amount", amount);
        return out;
    }

    static Map<String, Object> transaction(WechatOrder order) {
        return transaction(order, order.mchid(), order.appid(), order.totalFen());
    }

    /** A Refund as create and query answer it. */
    static Map<String, Object> refund(WechatOrder order, WechatRefund refund) {
        var amount = new LinkedHashMap<String, Object>();
        amount.put("total", order.totalFen());
        amount.put("refund", refund.refundFen());
        amount.put("from", List.of());
        amount.put("payer_total", order.totalFen());
        amount.put("payer_refund", refund.refundFen());
        amount.put("settlement_refund", refund.refundFen());
        amount.put("settlement_total", order.totalFen());
        amount.put("discount_refund", 0);
        amount.put("currency", "CNY");
        amount.put("refund_fee", 0);
        var out = new LinkedHashMap<String, Object>();
        out.put("refund_id", refund.refundId());
        out.put("out_refund_no", refund.outRefundNo());
        out.put("transaction_id", refund.transactionId());
        out.put("out_trade_no", refund.outTradeNo());
        out.put("channel", "ORIGINAL");
        out.put("user_received_account", "支付用户零钱");
        if (refund.successAt() != null) {
            out.put("success_time", WechatTime.format(refund.successAt()));
        }
        out.put("create_time", WechatTime.format(refund.createdAt()));
        out.put("status", refund.status().name());
        out.put("funds_account", "AVAILABLE");
        out.put("amount", amount);
        out.put("promotion_detail", List.of());
        return out;
    }

    /** The decrypted resource of a {@code REFUND.*} notification. */
    static Map<String, Object> refundNotification(WechatOrder order, WechatRefund refund, String mchid, long totalFen) {
        var amount = new LinkedHashMap<String, Object>();
        amount.put("total", totalFen);
        amount.put("refund", refund.refundFen());
        amount.put("payer_total", totalFen);
        amount.put("payer_refund", refund.refundFen());
        var out = new LinkedHashMap<String, Object>();
        out.put("mchid", mchid);
        out.put("out_trade_no", order.outTradeNo());
        out.put("transaction_id", order.transactionId());
        out.put("out_refund_no", refund.outRefundNo());
        out.put("refund_id", refund.refundId());
        out.put("refund_status", refund.status().name());
        if (refund.successAt() != null) {
            out.put("success_time", WechatTime.format(refund.successAt()));
        }
        out.put("user_received_account", "支付用户零钱");
        out.put("amount", amount);
        return out;
    }
}
