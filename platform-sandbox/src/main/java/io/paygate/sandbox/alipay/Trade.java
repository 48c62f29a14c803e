package io.paygate.sandbox.alipay;

import java.nio.charset.Charset;
import java.time.Instant;

/**
 * One trade at the sandbox's Alipay. Immutable: transitions return the next state and refuse
 * moves the current status does not allow, naming that status.
 *
 * @param tradeNo        Alipay's trade number
 * @param outTradeNo     the merchant's order number
 * @param appId          the application that opened it
 * @param product        page or wap pay
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
 * @param closedAt       close time, once closed
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
        Instant closedAt) {

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
                closed != null ? closed : closedAt);
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
