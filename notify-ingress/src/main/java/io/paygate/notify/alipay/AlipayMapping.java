package io.paygate.notify.alipay;

import io.paygate.events.Channel;
import io.paygate.events.PaymentClosed;
import io.paygate.events.PaymentSucceeded;
import io.paygate.notify.alipay.NotificationRejected.Reason;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Arrays;
import java.util.Optional;

/**
 * Pipeline step "map": Alipay's {@code trade_status} to what it means for paygate. Only
 * {@code TRADE_SUCCESS} and {@code TRADE_FINISHED} say the buyer paid, and not even those when
 * they carry refund fields: a partial refund re-sends {@code TRADE_SUCCESS} with
 * {@code refund_fee}, {@code gmt_refund} and {@code out_biz_no}, and a trade past its refund
 * window re-sends {@code TRADE_FINISHED}.
 */
final class AlipayMapping {

    /** Alipay's timestamps are Beijing time, whatever the zone of this JVM. */
    static final ZoneId ALIPAY_ZONE = ZoneId.of("Asia/Shanghai");
    /** {@code yyyy-MM-dd HH:mm:ss}; refund times may add milliseconds. */
    private static final DateTimeFormatter ALIPAY_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);
    static final String CNY = "CNY";

    private AlipayMapping() {
    }

    /** What a trade status says about the money, before refund fields are considered. */
    enum Meaning {
        PAID,
        CLOSED,
        NOT_PAID_YET
    }

    /** The table: every {@code trade_status} Alipay documents and its meaning. Anything else is refused. */
    enum TradeStatus {
        WAIT_BUYER_PAY(Meaning.NOT_PAID_YET),
        TRADE_CLOSED(Meaning.CLOSED),
        TRADE_SUCCESS(Meaning.PAID),
        TRADE_FINISHED(Meaning.PAID);

        private final Meaning meaning;

        TradeStatus(Meaning meaning) {
            this.meaning = meaning;
        }

        Meaning meaning() {
            return meaning;
        }

        static Optional<TradeStatus> of(String value) {
            return Arrays.stream(values()).filter(status -> status.name().equals(value)).findFirst();
        }
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

        /** A refund moved on an already paid trade; refund events are not published from notifications yet. */
        record RefundUpdate() implements Outcome {
            @Override
            public String tag() {
                return "refund_update";
            }
        }

        /** An unpaid trade was closed (timeout or close call): publish PaymentClosed. */
        record Closed(PaymentClosed closed) implements Outcome {
            @Override
            public String tag() {
                return "closed";
            }
        }

        /** The buyer opened the cashier but has not paid. */
        record AwaitingPayment() implements Outcome {
            @Override
            public String tag() {
                return "awaiting_payment";
            }
        }
    }

    static TradeStatus tradeStatus(String value) {
        return TradeStatus.of(value).orElseThrow(() -> new NotificationRejected(Reason.TRADE_STATUS_UNKNOWN,
                "trade_status '" + AlipayForm.printable(String.valueOf(value)) + "' is not one Alipay documents"));
    }

    /**
     * @param receivedAt when the notification arrived, the last resort for the payment time
     */
    static Outcome map(AlipayNotification notification, Instant receivedAt) {
        TradeStatus status = tradeStatus(notification.tradeStatus());
        return switch (status.meaning()) {
            case PAID -> notification.refund() ? new Outcome.RefundUpdate() : new Outcome.Paid(payment(notification, receivedAt));
            case CLOSED -> notification.refund() ? new Outcome.RefundUpdate()
                    : new Outcome.Closed(new PaymentClosed(notification.orderNo(), Channel.ALIPAY, notification.tradeNo(),
                            alipayTime(notification.notifyTime()).orElse(receivedAt)));
            case NOT_PAID_YET -> new Outcome.AwaitingPayment();
        };
    }

    private static PaymentSucceeded payment(AlipayNotification notification, Instant receivedAt) {
        Instant paidAt = alipayTime(notification.gmtPayment())
                .or(() -> alipayTime(notification.notifyTime()))
                .orElse(receivedAt);
        return new PaymentSucceeded(notification.orderNo(), Channel.ALIPAY, notification.tradeNo(),
                notification.amountFen(), CNY, paidAt, notification.appId(), PaymentSucceeded.Source.NOTIFICATION);
    }

    /** An Alipay timestamp, or empty when absent or not in Alipay's format. */
    static Optional<Instant> alipayTime(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(text, ALIPAY_TIME).atZone(ALIPAY_ZONE).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
