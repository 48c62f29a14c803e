package io.paygate.notify.wechat;

import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.model.TransactionAmount;
import io.paygate.notify.wechat.WechatRejected.Reason;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Pipeline step "check": after the signature held and the resource decrypted, the event type
 * must be the endpoint's, and the fields must be ours and well formed. A validly signed
 * notification for another merchant or app is refused here. Whether the amount equals the
 * order's is for payment handling downstream, which knows the order; this step checks its shape.
 */
@Component
class WechatFieldCheck {

    /** Our order numbers: {@code yyyyMMddHHmmss} plus the zero-padded database id, digits only, WeChat's 32 at most. */
    static final Pattern ORDER_NO = Pattern.compile("[0-9]{15,32}");
    /** WeChat Pay's transaction and refund ids are digits, 28 to 32 of them today; allow some room. */
    private static final Pattern PLATFORM_NO = Pattern.compile("[0-9A-Za-z_-]{1,64}");
    static final String CNY = "CNY";
    static final Set<String> REFUND_STATUSES = Set.of("SUCCESS", "CLOSED", "ABNORMAL");
    /** Our refund numbers: the order number, {@code R}, a sequence (order-service makes them). */
    static final java.util.regex.Pattern REFUND_NO = java.util.regex.Pattern.compile("\\d{15,32}R\\d{1,9}");

    private final String mchid;
    private final String appid;

    @Autowired
    WechatFieldCheck(WechatSettings settings) {
        this(settings.mchid(), settings.appid());
    }

    WechatFieldCheck(String mchid, String appid) {
        this.mchid = mchid;
        this.appid = appid;
    }

    static void checkEventType(WechatEndpoint endpoint, WechatEnvelope envelope) {
        if (!endpoint.accepts(envelope.eventType())) {
            throw new WechatRejected(Reason.EVENT_TYPE_UNEXPECTED, "event_type '" + WechatBody.printable(envelope.eventType())
                    + "' does not belong on the " + endpoint.tag() + " URL");
        }
    }

    /** A payment resource: ours, our order-number shape, a positive whole amount in CNY. */
    WechatPayment payment(WechatEnvelope envelope, Transaction transaction) {
        ours(transaction.getMchid(), transaction.getAppid());
        String orderNo = orderNo(transaction.getOutTradeNo());
        TransactionAmount amount = transaction.getAmount();
        if (amount == null || amount.getTotal() == null || amount.getTotal() <= 0) {
            throw new WechatRejected(Reason.AMOUNT_INVALID, "amount.total is missing or not a positive number of fen");
        }
        if (!CNY.equals(amount.getCurrency())) {
            throw new WechatRejected(Reason.AMOUNT_INVALID,
                    "amount.currency '" + WechatBody.printable(String.valueOf(amount.getCurrency())) + "' is not CNY");
        }
        if (transaction.getTradeState() == null) {
            throw new WechatRejected(Reason.TRADE_STATE_UNKNOWN, "trade_state is missing or not one WeChat Pay documents");
        }
        String transactionId = transaction.getTransactionId();
        if (transactionId != null && !PLATFORM_NO.matcher(transactionId).matches()) {
            throw new WechatRejected(Reason.TRADE_NO_INVALID, "transaction_id is malformed");
        }
        if (transactionId == null && transaction.getTradeState() == Transaction.TradeStateEnum.SUCCESS) {
            throw new WechatRejected(Reason.TRADE_NO_INVALID, "a successful payment without transaction_id");
        }
        return new WechatPayment(envelope.id(), orderNo, transactionId, amount.getTotal(), CNY, transaction.getAppid(),
                transaction.getTradeState(), transaction.getSuccessTime());
    }

    /** A refund resource: our merchant (refunds carry no appid), our order-number shape, a known status, positive amounts. */
    WechatRefund refund(WechatRefund refund) {
        if (!mchid.equals(refund.mchid())) {
            throw new WechatRejected(Reason.MCHID_MISMATCH, "mchid '" + WechatBody.printable(String.valueOf(refund.mchid())) + "' is not ours");
        }
        orderNo(refund.outTradeNo());
        if (refund.outRefundNo() == null || !refund.outRefundNo().startsWith(refund.outTradeNo() + "R")
                || !REFUND_NO.matcher(refund.outRefundNo()).matches()) {
            throw new WechatRejected(Reason.REFUND_NO_INVALID, "out_refund_no is not one of our refund numbers of that order");
        }
        if (refund.transactionId() == null || refund.transactionId().isBlank() || refund.transactionId().length() > 64) {
            throw new WechatRejected(Reason.TRADE_NO_INVALID, "transaction_id is missing or too long");
        }
        if (refund.refundStatus() == null || !REFUND_STATUSES.contains(refund.refundStatus())) {
            throw new WechatRejected(Reason.REFUND_STATUS_UNKNOWN,
                    "refund_status '" + WechatBody.printable(String.valueOf(refund.refundStatus())) + "' is not one WeChat Pay documents");
        }
        var amount = refund.amount();
        if (amount == null || amount.total() == null || amount.total() <= 0 || amount.refund() == null || amount.refund() <= 0
                || amount.refund() > amount.total()) {
            throw new WechatRejected(Reason.AMOUNT_INVALID, "amount.total and amount.refund must be positive fen, refund at most total");
        }
        return refund;
    }

    private void ours(String claimedMchid, String claimedAppid) {
        if (!mchid.equals(claimedMchid)) {
            throw new WechatRejected(Reason.MCHID_MISMATCH, "mchid '" + WechatBody.printable(String.valueOf(claimedMchid)) + "' is not ours");
        }
        if (!appid.equals(claimedAppid)) {
            throw new WechatRejected(Reason.APPID_MISMATCH, "appid '" + WechatBody.printable(String.valueOf(claimedAppid)) + "' is not ours");
        }
    }

    private static String orderNo(String claimed) {
        if (claimed == null || !ORDER_NO.matcher(claimed).matches()) {
            throw new WechatRejected(Reason.ORDER_NO_INVALID, "out_trade_no is not 15 to 32 digits");
        }
        return claimed;
    }
}
