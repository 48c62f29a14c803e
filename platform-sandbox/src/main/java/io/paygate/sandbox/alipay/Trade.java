package io.paygate.sandbox.alipay;

import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One trade at the sandbox's Alipay. Immutable: transitions return the next state and refuse
 * moves the current status does not allow, naming that status.
 *
 * @param tradeNo        Alipay's trade number
 * @param outTradeNo     the merchant's order number
 * @param appId          the application that opened it
 * @param product        page, wap or app pay
 * @param charset        the charset the merchant used, reused for what is sent back
 * @param signType       the merchant's signature type, reused for notifications and returns
 * @param totalFen       the amount
 * @param subject        the order title
 * @param body           the optional order description
 * @param passbackParams echoed to the merchant in notifications
 * @param notifyUrl      where notifications go, or null
 * @param returnUrl      where the browser goes after paying, or null
 * @param quitUrl        where a buyer who abandons the wap cashier goes, or null
 * @param createdAt      when the buyer first opened the cashier
 * @param expiresAt      after this an unpaid trade is closed ({@code time_expire}/{@code timeout_express})
 * @param status         current status
 * @param paidAt         payment time, once paid
 * @param closedAt       close time, once closed (unpaid and closed, or refunded in full)
 * @param refunds        successful refunds, oldest first
 */
record Trade(
        String tradeNo,
        String outTradeNo,
        String appId,
        Product product,
        Charset charset,
        SignType signType,
        long totalFen,
        String subject,
        String body,
        String passbackParams,
        String notifyUrl,
        String returnUrl,
        String quitUrl,
        Instant createdAt,
        Instant expiresAt,
        TradeStatus status,
        Instant paidAt,
        Instant closedAt,
        List<Refund> refunds) {

    Trade {
        refunds = List.copyOf(refunds);
    }

    /** The sandbox's one buyer: Alipay user id and the masked logon id merchants get to see. */
    static final String BUYER_ID = "2088102000000001";
    static final String BUYER_LOGON_ID = "san***@example.com";

    Trade pay(Instant now) {
        requireStatus(TradeStatus.WAIT_BUYER_PAY, "pay");
        return with(TradeStatus.TRADE_SUCCESS, now, null);
    }

    Trade close(Instant now) {
        requireStatus(TradeStatus.WAIT_BUYER_PAY, "close");
        return with(TradeStatus.TRADE_CLOSED, null, now);
    }

    /**
     * Gives back {@code amountFen} more; refunding the whole amount closes the trade (ref §5.3).
     * The caller has checked the amount against {@link #refundableFen()}.
     */
    Trade refund(Refund refund) {
        if (status != TradeStatus.TRADE_SUCCESS) {
            throw new IllegalTransition(this, "refund");
        }
        if (refund.amountFen() < 1 || refund.amountFen() > refundableFen()) {
            throw new IllegalArgumentException("refund of " + refund.amountFen() + " fen exceeds the refundable "
                    + refundableFen() + " fen of trade " + tradeNo);
        }
        var all = new ArrayList<>(refunds);
        all.add(refund);
        boolean full = refundedFen() + refund.amountFen() == totalFen;
        return new Trade(tradeNo, outTradeNo, appId, product, charset, signType, totalFen, subject, body, passbackParams,
                notifyUrl, returnUrl, quitUrl, createdAt, expiresAt, full ? TradeStatus.TRADE_CLOSED : status, paidAt,
                full ? refund.at() : closedAt, all);
    }

    Optional<Refund> refundFor(String outRequestNo) {
        return refunds.stream().filter(r -> r.outRequestNo().equals(outRequestNo)).findFirst();
    }

    long refundedFen() {
        return refunds.stream().mapToLong(Refund::amountFen).sum();
    }

    long refundableFen() {
        return totalFen - refundedFen();
    }

    /** Paid at some point, whatever happened since (a trade refunded in full is closed, but was paid). */
    boolean wasPaid() {
        return paidAt != null;
    }

    /** The same trade with every time moved into the past, so that it falls on an earlier bill day. */
    Trade backdated(Duration by) {
        return new Trade(tradeNo, outTradeNo, appId, product, charset, signType, totalFen, subject, body, passbackParams,
                notifyUrl, returnUrl, quitUrl, createdAt.minus(by), expiresAt.minus(by), status, minus(paidAt, by),
                minus(closedAt, by), refunds.stream().map(r -> new Refund(r.outRequestNo(), r.amountFen(), r.at().minus(by))).toList());
    }

    private static Instant minus(Instant instant, Duration by) {
        return instant == null ? null : instant.minus(by);
    }

    /** An unpaid trade past its deadline is closed as of that deadline. */
    Trade expireIfDue(Instant now) {
        if (status == TradeStatus.WAIT_BUYER_PAY && !now.isBefore(expiresAt)) {
            return with(TradeStatus.TRADE_CLOSED, null, expiresAt);
        }
        return this;
    }

    /** Re-opening the cashier with the same order shows this trade; anything else is a different order. */
    boolean sameOrder(long otherTotalFen, String otherSubject) {
        return totalFen == otherTotalFen && subject.equals(otherSubject);
    }

    boolean isPaid() {
        return status == TradeStatus.TRADE_SUCCESS || status == TradeStatus.TRADE_FINISHED;
    }

    private void requireStatus(TradeStatus expected, String action) {
        if (status != expected) {
            throw new IllegalTransition(this, action);
        }
    }

    private Trade with(TradeStatus next, Instant paid, Instant closed) {
        return new Trade(tradeNo, outTradeNo, appId, product, charset, signType, totalFen, subject, body, passbackParams,
                notifyUrl, returnUrl, quitUrl, createdAt, expiresAt, next, paid != null ? paid : paidAt,
                closed != null ? closed : closedAt, refunds);
    }

    /** A move the trade's current status does not allow. */
    static final class IllegalTransition extends RuntimeException {

        private final Trade trade;

        IllegalTransition(Trade trade, String action) {
            super("cannot " + action + " trade " + trade.tradeNo() + " in status " + trade.status(), null, false, false);
            this.trade = trade;
        }

        Trade trade() {
            return trade;
        }
    }
}
