package io.paygate.payment.alipay;

import io.paygate.payment.platform.PlatformRefund;
import io.paygate.payment.platform.PlatformTrade;
import io.paygate.common.money.Yuan;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/** Alipay's trade statuses and refusal codes to our outcomes, table-driven and exhaustive. */
final class AlipayMapping {

    /** Every {@code trade_status} Alipay has; anything else is not trusted. */
    enum TradeStatus {
        WAIT_BUYER_PAY,
        TRADE_CLOSED,
        TRADE_SUCCESS,
        TRADE_FINISHED
    }

    /** Refusals that mean "we cannot know right now", not "no". */
    private static final Map<String, Boolean> UNKNOWN_CODES = Map.of(
            "ACQ.SYSTEM_ERROR", true,
            "isp.unknow-error", true,
            "aop.unknow-error", true);

    private AlipayMapping() {
    }

    static PlatformTrade trade(String status, String tradeNo, String totalAmount, Date paidAt) {
        TradeStatus known;
        try {
            known = TradeStatus.valueOf(status);
        } catch (IllegalArgumentException | NullPointerException e) {
            return new PlatformTrade.Unknown("unexpected trade_status " + status);
        }
        return switch (known) {
            case WAIT_BUYER_PAY -> new PlatformTrade.Waiting(tradeNo);
            case TRADE_CLOSED -> new PlatformTrade.Closed(tradeNo);
            case TRADE_SUCCESS, TRADE_FINISHED -> {
                try {
                    yield new PlatformTrade.Paid(tradeNo, Yuan.parseFen(totalAmount),
                            paidAt == null ? Instant.now() : paidAt.toInstant());
                } catch (IllegalArgumentException e) {
                    yield new PlatformTrade.Unknown("malformed total_amount " + totalAmount);
                }
            }
        };
    }

    static PlatformTrade refusal(String subCode, String subMsg) {
        if (subCode == null || UNKNOWN_CODES.containsKey(subCode)) {
            return new PlatformTrade.Unknown("Alipay answered " + subCode + " " + subMsg);
        }
        if ("ACQ.TRADE_NOT_EXIST".equals(subCode)) {
            return new PlatformTrade.NotFound();
        }
        return new PlatformTrade.Refused(subCode, subMsg);
    }

    /** A refused {@code alipay.trade.refund}: a definite no, unless the code says Alipay itself does not know. */
    static PlatformRefund refundRefusal(String subCode, String subMsg) {
        if (subCode == null || UNKNOWN_CODES.containsKey(subCode)) {
            return new PlatformRefund.Unknown("Alipay answered " + subCode + " " + subMsg);
        }
        return new PlatformRefund.Refused(subCode, subMsg);
    }

    /**
     * A refused {@code alipay.trade.fastpay.refund.query} says nothing about the refund, except
     * that a trade Alipay does not have cannot have been refunded.
     */
    static PlatformRefund refundQueryRefusal(String subCode, String subMsg) {
        if ("ACQ.TRADE_NOT_EXIST".equals(subCode)) {
            return new PlatformRefund.NotFound();
        }
        return new PlatformRefund.Unknown("refund query answered " + subCode + " " + subMsg);
    }

    /** {@code refund_status}: {@code REFUND_SUCCESS}, or absent when Alipay has no finished refund under the number. */
    static PlatformRefund refundStatus(String refundStatus, String tradeNo, Date refundedAt) {
        if (refundStatus == null || refundStatus.isEmpty()) {
            return new PlatformRefund.NotFound();
        }
        if ("REFUND_SUCCESS".equals(refundStatus)) {
            return new PlatformRefund.Succeeded(tradeNo, refundedAt == null ? Instant.now() : refundedAt.toInstant());
        }
        return new PlatformRefund.Unknown("unexpected refund_status " + refundStatus);
    }
}
