package io.paygate.sandbox.wechat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One order ({@code out_trade_no}) at the sandbox's WeChat Pay. Immutable: transitions return the
 * next state and refuse moves the current state does not allow, naming it.
 *
 * @param transactionId WeChat Pay's order number, given at creation, shown once paid
 * @param credential    what prepay answered: {@code code_url}, {@code prepay_id} or {@code h5_url}
 * @param prepayId      the prepay id (also behind code_url and h5_url)
 * @param fingerprint   the prepay parameters, to tell a repeated prepay from a conflicting one
 * @param requiredOpenid JSAPI's {@code payer.openid}: only this payer may pay, or null
 * @param payerOpenid   who paid, once paid
 * @param timeExpire    after this an unpaid order is closed
 * @param refunds       refunds, oldest first
 */
record WechatOrder(String outTradeNo, String transactionId, String prepayId, String credential, String mchid, String appid,
                   TradeType tradeType, String description, String attach, String notifyUrl, long totalFen,
                   String requiredOpenid, String fingerprint, Instant createdAt, Instant timeExpire, TradeState state,
                   String payerOpenid, Instant successAt, Instant closedAt, List<WechatRefund> refunds) {

    /** The openid of the sandbox's one payer when the product does not name one. */
    static final String DEFAULT_OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
    static final String BANK_TYPE = "OTHERS";

    WechatOrder {
        refunds = List.copyOf(refunds);
    }

    WechatOrder pay(String openid, Instant now) {
        require(TradeState.NOTPAY, "pay");
        return with(TradeState.SUCCESS, openid, now, null, refunds);
    }

    WechatOrder close(Instant now) {
        require(TradeState.NOTPAY, "close");
        return with(TradeState.CLOSED, null, null, now, refunds);
    }

    WechatOrder expireIfDue(Instant now) {
        return state == TradeState.NOTPAY && timeExpire != null && !now.isBefore(timeExpire) ? close(timeExpire) : this;
    }

    /** A new refund; the caller has checked it against {@link #refundableFen()}. */
    WechatOrder refund(WechatRefund refund) {
        if (!state.paid()) {
            throw new IllegalTransition(this, "refund");
        }
        var next = new ArrayList<>(refunds);
        next.add(refund);
        return with(TradeState.REFUND, payerOpenid, successAt, closedAt, next);
    }

    WechatOrder updateRefund(String outRefundNo, UnaryOperator<WechatRefund> change) {
        return with(state, payerOpenid, successAt, closedAt,
                refunds.stream().map(r -> r.outRefundNo().equals(outRefundNo) ? change.apply(r) : r).toList());
    }

    long refundableFen() {
        return totalFen - refunds.stream().filter(WechatRefund::holdsAmount).mapToLong(WechatRefund::refundFen).sum();
    }

    long refundedFen() {
        return refunds.stream().filter(r -> r.status() == RefundStatus.SUCCESS).mapToLong(WechatRefund::refundFen).sum();
    }

    /** Moves every time of the order into the past, e.g. onto yesterday's bill. */
    WechatOrder backdate(Duration by) {
        return new WechatOrder(outTradeNo, transactionId, prepayId, credential, mchid, appid, tradeType, description, attach,
                notifyUrl, totalFen, requiredOpenid, fingerprint, createdAt.minus(by),
                timeExpire == null ? null : timeExpire.minus(by), state, payerOpenid,
                successAt == null ? null : successAt.minus(by), closedAt == null ? null : closedAt.minus(by),
                refunds.stream().map(r -> r.backdate(by)).toList());
    }

    private WechatOrder with(TradeState next, String openid, Instant paidAt, Instant closed, List<WechatRefund> nextRefunds) {
        return new WechatOrder(outTradeNo, transactionId, prepayId, credential, mchid, appid, tradeType, description, attach,
                notifyUrl, totalFen, requiredOpenid, fingerprint, createdAt, timeExpire, next, openid, paidAt, closed, nextRefunds);
    }

    private void require(TradeState expected, String move) {
        if (state != expected) {
            throw new IllegalTransition(this, move);
        }
    }

    /** A move the order's current state does not allow. */
    static final class IllegalTransition extends RuntimeException {
        private final transient WechatOrder order;

        IllegalTransition(WechatOrder order, String move) {
            super("order " + order.outTradeNo() + " is " + order.state() + ": cannot " + move);
            this.order = order;
        }

        WechatOrder order() {
            return order;
        }
    }
}
