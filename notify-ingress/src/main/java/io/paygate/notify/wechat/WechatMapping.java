package io.paygate.notify.wechat;

import com.wechat.pay.java.service.payments.model.Transaction.TradeStateEnum;
import io.paygate.events.Channel;
import io.paygate.events.PaymentSucceeded;
import io.paygate.events.RefundFailed;
import io.paygate.events.RefundSucceeded;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pipeline step "map": WeChat Pay's {@code trade_state} to what it means for paygate. Only
 * {@code SUCCESS} becomes a payment event. {@code REFUND} is also a paid trade, but one whose
 * payment was reported already and is now being refunded: reading it as a new payment is the
 * classic "refund mistaken for payment" bug.
 */
final class WechatMapping {

    private WechatMapping() {
    }

    /** What a trade state says about the money. */
    enum Meaning {
        PAID,
        REFUNDING,
        NOT_PAID_YET,
        CLOSED,
        FAILED
    }

    /** The table: every trade state the SDK knows. Built with a switch so that a new SDK state does not compile until placed. */
    static final Map<TradeStateEnum, Meaning> TRADE_STATES = table();

    private static Map<TradeStateEnum, Meaning> table() {
        var table = new EnumMap<TradeStateEnum, Meaning>(TradeStateEnum.class);
        for (TradeStateEnum state : TradeStateEnum.values()) {
            table.put(state, switch (state) {
                case SUCCESS -> Meaning.PAID;
                case REFUND -> Meaning.REFUNDING;
                case NOTPAY, USERPAYING, ACCEPT -> Meaning.NOT_PAID_YET;
                case CLOSED, REVOKED -> Meaning.CLOSED;
                case PAYERROR -> Meaning.FAILED;
            });
        }
        return Map.copyOf(table);
    }

    /** What a verified notification amounts to. Only {@link Paid} becomes a payment event. */
    sealed interface Outcome {

        /** The metric tag and log value. */
        String tag();

        /** The buyer paid: publish the payment. */
        record Paid(PaymentSucceeded payment) implements Outcome {
            @Override
            public String tag() {
                return "paid";
            }
        }

        /** A trade state that is explicitly not a new payment; recorded, nothing else published. */
        record NoPayment(Meaning meaning) implements Outcome {
            @Override
            public String tag() {
                return meaning.name().toLowerCase(java.util.Locale.ROOT);
            }
        }

        /** Our refund went through ({@code REFUND.SUCCESS}): publish {@code RefundSucceeded}. */
        record Refunded(RefundSucceeded refund) implements Outcome {
            @Override
            public String tag() {
                return "refunded";
            }
        }

        /** Our refund ended without the money going back ({@code REFUND.CLOSED}, {@code REFUND.ABNORMAL}): {@code RefundFailed}. */
        record RefundEnded(RefundFailed refund) implements Outcome {
            @Override
            public String tag() {
                return "refund_failed";
            }
        }
    }

    /** @param receivedAt when the notification arrived, the last resort for the payment time */
    static Outcome map(WechatPayment payment, Instant receivedAt) {
        Meaning meaning = TRADE_STATES.get(payment.tradeState());
        if (meaning != Meaning.PAID) {
            return new Outcome.NoPayment(meaning);
        }
        Instant paidAt = rfc3339(payment.successTime()).orElse(receivedAt);
        return new Outcome.Paid(new PaymentSucceeded(payment.orderNo(), Channel.WECHAT, payment.transactionId(),
                payment.amountFen(), payment.currency(), paidAt, payment.appid(), PaymentSucceeded.Source.NOTIFICATION));
    }

    /**
     * A refund's end, exhaustively: SUCCESS, CLOSED, ABNORMAL (the field check refused anything
     * else). The same refund number gives the same event id as payment-service's own answer.
     */
    static Outcome map(WechatRefund refund, Instant receivedAt) {
        long amount = refund.amount().refund();
        return switch (refund.refundStatus()) {
            case "SUCCESS" -> new Outcome.Refunded(new RefundSucceeded(refund.outTradeNo(), refund.outRefundNo(), amount,
                    Channel.WECHAT, refund.transactionId(), rfc3339(refund.successTime()).orElse(receivedAt)));
            case "CLOSED" -> new Outcome.RefundEnded(new RefundFailed(refund.outTradeNo(), refund.outRefundNo(), amount,
                    Channel.WECHAT, "CLOSED", "退款关闭 the refund was closed at WeChat Pay", receivedAt));
            case "ABNORMAL" -> new Outcome.RefundEnded(new RefundFailed(refund.outTradeNo(), refund.outRefundNo(), amount,
                    Channel.WECHAT, "ABNORMAL", "退款异常 the buyer's account could not take the money; re-issue it at WeChat Pay",
                    receivedAt));
            default -> throw new IllegalArgumentException("refund status " + refund.refundStatus() + " passed the field check");
        };
    }

    /** A WeChat Pay time ({@code 2024-01-01T12:01:00+08:00}), or empty when absent or malformed. */
    static Optional<Instant> rfc3339(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
