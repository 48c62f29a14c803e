package io.paygate.notify.alipay;

import io.paygate.common.money.Yuan;
import io.paygate.notify.alipay.NotificationRejected.Reason;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Pipeline step "check": after the signature holds, the fields must be ours and well formed.
 * A validly signed notification for another application (sandbox cross-talk, a second
 * merchant configuration) is refused here. Whether the amount equals the order's is for
 * payment handling downstream, which knows the order; this step only checks its format.
 */
@Component
class AlipayFieldCheck {

    /** Our order numbers: {@code yyyyMMddHHmmss} plus the zero-padded database id, digits only, WeChat's 32 at most. */
    static final Pattern ORDER_NO = Pattern.compile("[0-9]{15,32}");
    /** Alipay trade numbers are up to 64 characters; nothing in them is whitespace. */
    private static final Pattern TRADE_NO = Pattern.compile("\\S{1,64}");
    /** Fields that only a refund update carries. */
    static final List<String> REFUND_FIELDS = List.of("refund_fee", "gmt_refund", "out_biz_no");

    private final String appId;
    private final String sellerId;

    @Autowired
    AlipayFieldCheck(AlipaySettings settings) {
        this(settings.appId(), settings.sellerId());
    }

    AlipayFieldCheck(String appId, String sellerId) {
        this.appId = appId;
        this.sellerId = sellerId;
    }

    AlipayNotification check(AlipayForm form) {
        String orderNo = checkOurs(form);
        String tradeNo = form.field("trade_no");
        if (tradeNo == null || !TRADE_NO.matcher(tradeNo).matches()) {
            throw new NotificationRejected(Reason.TRADE_NO_INVALID, "trade_no is missing or malformed");
        }
        long amountFen;
        try {
            amountFen = Yuan.parseFen(form.field("total_amount"));
        } catch (IllegalArgumentException e) {
            throw new NotificationRejected(Reason.AMOUNT_INVALID,
                    "total_amount '" + AlipayForm.printable(String.valueOf(form.field("total_amount"))) + "' is not yuan with two decimals");
        }
        if (amountFen <= 0) {
            // Alipay's smallest trade is 0.01; a zero-yuan "payment" is not one, whoever signed it
            throw new NotificationRejected(Reason.AMOUNT_INVALID, "total_amount must be more than 0.00");
        }
        boolean refund = REFUND_FIELDS.stream().anyMatch(form::has);
        return new AlipayNotification(form.field("notify_id"), appId, orderNo, tradeNo, amountFen,
                form.field("trade_status"), form.field("gmt_payment"), form.field("notify_time"), refund, form.field("sign"));
    }

    /**
     * The checks a browser return gets too: our application, our seller, our order-number shape.
     *
     * @return the order number
     */
    String checkOurs(AlipayForm form) {
        String claimedApp = form.field("app_id");
        if (!appId.equals(claimedApp)) {
            throw new NotificationRejected(Reason.APP_ID_MISMATCH,
                    "app_id '" + AlipayForm.printable(String.valueOf(claimedApp)) + "' is not ours");
        }
        String claimedSeller = form.field("seller_id");
        if (sellerId != null && claimedSeller != null && !sellerId.equals(claimedSeller)) {
            throw new NotificationRejected(Reason.SELLER_ID_MISMATCH,
                    "seller_id '" + AlipayForm.printable(claimedSeller) + "' is not ours");
        }
        String orderNo = form.field("out_trade_no");
        if (orderNo == null || !ORDER_NO.matcher(orderNo).matches()) {
            throw new NotificationRejected(Reason.ORDER_NO_INVALID, "out_trade_no is not 15 to 32 digits");
        }
        return orderNo;
    }
}
