package io.paygate.payment.reconcile;

import java.time.Instant;

/**
 * One payment or refund on one side of a reconciliation: ours, or a row of the platform's bill.
 *
 * @param kind        payment or refund
 * @param orderNo     our order number (the platforms' {@code out_trade_no}); what payments match on
 * @param refundNo    our refund number on refunds; what refunds match on
 * @param tradeNo     the platform's trade number, where known
 * @param amountFen   paid, or given back (positive), in fen
 * @param feeMilliFen the platform's fee (bill rows only), thousandths of a fen
 * @param at          when it happened, as the side that recorded it says
 */
record Item(Kind kind, String orderNo, String refundNo, String tradeNo, long amountFen, long feeMilliFen, Instant at) {

    enum Kind {
        PAYMENT,
        REFUND
    }

    static Item payment(String orderNo, String tradeNo, long amountFen, Instant at) {
        return new Item(Kind.PAYMENT, orderNo, null, tradeNo, amountFen, 0, at);
    }

    static Item refund(String orderNo, String refundNo, String tradeNo, long amountFen, Instant at) {
        return new Item(Kind.REFUND, orderNo, refundNo, tradeNo, amountFen, 0, at);
    }

    /** Payments match on the order number, refunds on the refund number. */
    String key() {
        return kind == Kind.PAYMENT ? "P:" + orderNo : "R:" + refundNo;
    }
}
