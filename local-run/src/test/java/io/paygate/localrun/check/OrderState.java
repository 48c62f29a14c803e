package io.paygate.localrun.check;

import java.util.List;

/**
 * What paygate ended up with for one order: order-service's row, payments and refunds, and the
 * effects the order's payment caused, counted where they landed.
 *
 * @param status          order-service's status
 * @param payableFen      what the buyer had to pay
 * @param refundedFen     order-service's refunded total of the order's own payment
 * @param payments        every payment order-service recorded for it
 * @param refunds         every refund order-service started for it
 * @param effects         what its payment caused, counted
 */
public record OrderState(String orderNo, String status, long payableFen, long refundedFen, List<Payment> payments,
                         List<Refund> refunds, Effects effects) {

    public OrderState {
        payments = List.copyOf(payments);
        refunds = List.copyOf(refunds);
    }

    /** One platform trade order-service recorded ({@code payments} row) and what became of it. */
    public record Payment(String channel, String platformTradeNo, long amountFen, String outcome) {
    }

    /** One refund order-service started; {@code kind} ORDER (of the order's payment) or PAYMENT (a whole extra payment). */
    public record Refund(long amountFen, String status, String kind) {
    }

    /**
     * @param paidTransitions       transitions to PAID (order-service outbox rows of OrderPaid)
     * @param lateTransitions       transitions to PAID_AFTER_TIMEOUT (outbox rows of OrderPaidAfterTimeout)
     * @param orderPaidEvents       distinct OrderPaid events ({@code ce_id}) on the order topic
     * @param orderPaidRecords      OrderPaid records on the order topic, redeliveries of one event included
     * @param receiptMails          distinct receipts the SMTP server received for it (by {@code Message-ID})
     * @param paidAdminMessages     "order paid" messages the admins got for it
     * @param receiptCopies         receipts received, copies of one mail (the same {@code Message-ID}) included:
     *                              a mail sent again after a crash between the server's acceptance and its
     *                              record (at-least-once delivery of one mail; not a defect)
     */
    public record Effects(int paidTransitions, int lateTransitions, int orderPaidEvents, int orderPaidRecords,
                          int receiptMails, int paidAdminMessages, int receiptCopies) {

        public static final Effects NONE = new Effects(0, 0, 0, 0, 0, 0);

        /** Every receipt received once. */
        public Effects(int paidTransitions, int lateTransitions, int orderPaidEvents, int orderPaidRecords, int receiptMails,
                       int paidAdminMessages) {
            this(paidTransitions, lateTransitions, orderPaidEvents, orderPaidRecords, receiptMails, paidAdminMessages, receiptMails);
        }
    }
}
