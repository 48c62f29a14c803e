package io.paygate.notify.alipay;

import io.micrometer.core.instrument.MeterRegistry;
import io.paygate.events.Channel;
import io.paygate.events.Envelope;
import io.paygate.events.NotificationReceived;
import io.paygate.notify.alipay.AlipayMapping.Outcome;
import io.paygate.notify.alipay.NotificationRejected.Reason;
import io.paygate.notify.orders.KnownOrders;
import io.paygate.notify.publish.EventIds;
import io.paygate.notify.publish.NotifyEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The fixed pipeline for Alipay: parse → verify → check → map → publish and wait for the
 * broker's acknowledgement → answer. Each step refuses with its own reason; a refused
 * notification publishes nothing, is logged with its reason and counted in
 * {@code paygate.notify.rejected}.
 */
@Component
class AlipayNotificationPipeline {

    private static final Logger log = LoggerFactory.getLogger(AlipayNotificationPipeline.class);
    private static final String CHANNEL_TAG = "alipay";

    /** What Alipay reads: exactly {@code success} stops its retries, anything else makes it retry. */
    enum Answer {
        SUCCESS("success"),
        FAILURE("failure");

        private final String word;

        Answer(String word) {
            this.word = word;
        }

        String word() {
            return word;
        }
    }

    /** Which endpoint refused, as a metric tag. */
    enum Endpoint {
        NOTIFY,
        RETURN
    }

    private final AlipaySignatureCheck signatures;
    private final AlipayFieldCheck fields;
    private final NotifyEvents events;
    private final MeterRegistry meters;
    private final KnownOrders orders;

    AlipayNotificationPipeline(AlipaySignatureCheck signatures, AlipayFieldCheck fields, NotifyEvents events, MeterRegistry meters,
                               KnownOrders orders) {
        this.orders = orders;
        this.signatures = signatures;
        this.fields = fields;
        this.events = events;
        this.meters = meters;
    }

    /**
     * @param body        the request body exactly as received
     * @param contentType the request's content type as sent, or empty
     * @param receivedAt  when it arrived
     */
    Mono<Answer> handle(byte[] body, String contentType, Instant receivedAt) {
        AlipayForm form = null;
        AlipayNotification notification;
        Outcome outcome;
        try {
            requireForm(contentType);
            form = AlipayForm.parse(body);
            signatures.verify(form);
            notification = fields.check(form);
            outcome = AlipayMapping.map(notification, receivedAt);
        } catch (NotificationRejected rejected) {
            refused(Endpoint.NOTIFY, rejected, form);
            return Mono.just(Answer.FAILURE);
        }
        List<Envelope<?>> published = envelopes(form, notification, outcome, contentType, receivedAt);
        AlipayForm verified = form;
        return orders.started(Channel.ALIPAY, notification.orderNo())
                .onErrorResume(failure -> {
                    orderCheckFailed(notification, failure);
                    return Mono.empty();
                })
                .flatMap(started -> {
                    if (!started) {
                        refused(Endpoint.NOTIFY, new NotificationRejected(Reason.ORDER_UNKNOWN,
                                "no Alipay payment of order " + notification.orderNo() + " was started here"), verified);
                        return Mono.just(Answer.FAILURE);
                    }
                    return events.publishAll(published)
                            .then(Mono.fromSupplier(() -> {
                                accepted(notification, outcome);
                                return Answer.SUCCESS;
                            }))
                            .onErrorResume(failure -> {
                                publishFailed(notification, failure);
                                return Mono.just(Answer.FAILURE);
                            });
                })
                .defaultIfEmpty(Answer.FAILURE);
    }

    /** Alipay posts a form; anything declared otherwise is not Alipay (a missing type is read as a form). */
    private static void requireForm(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            throw new NotificationRejected(Reason.CONTENT_TYPE_UNSUPPORTED, "content type is not a media type");
        }
        if (!MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type)) {
            throw new NotificationRejected(Reason.CONTENT_TYPE_UNSUPPORTED,
                    "content type " + type.getType() + "/" + type.getSubtype() + " is not a form");
        }
    }

    private void orderCheckFailed(AlipayNotification notification, Throwable failure) {
        meters.counter("paygate.notify.order.check.failed", "channel", CHANNEL_TAG).increment();
        log.atWarn()
                .addKeyValue("channel", Channel.ALIPAY)
                .addKeyValue("orderNo", notification.orderNo())
                .addKeyValue("error", failure.getClass().getSimpleName())
                .log("cannot ask payment-service about order {}, answering failure so Alipay retries: {}", notification.orderNo(),
                        failure.toString());
    }

    /**
     * The browser return is signed like a notification and gets the same checks, but it is never
     * proof of payment: nothing is published for it.
     *
     * @return the order number the buyer came back for
     * @throws NotificationRejected when it does not verify or is not ours
     */
    String verifyReturn(String rawQuery) {
        AlipayForm form = null;
        try {
            form = AlipayForm.parse(rawQuery == null ? null : rawQuery.getBytes(StandardCharsets.ISO_8859_1));
            signatures.verify(form);
            return fields.checkOurs(form);
        } catch (NotificationRejected rejected) {
            refused(Endpoint.RETURN, rejected, form);
            throw rejected;
        }
    }

    /** A body over the size limit, refused before it was read to the end. */
    void refusedUnread(NotificationRejected rejected) {
        refused(Endpoint.NOTIFY, rejected, null);
    }

    private static List<Envelope<?>> envelopes(AlipayForm form, AlipayNotification notification, Outcome outcome,
                                               String contentType, Instant receivedAt) {
        var kind = outcome instanceof Outcome.RefundUpdate ? NotificationReceived.Kind.REFUND : NotificationReceived.Kind.PAYMENT;
        var received = new NotificationReceived(notification.orderNo(), Channel.ALIPAY, kind, receivedAt, contentType, form.text());
        String notifyId = notification.notifyId() == null ? "" : notification.notifyId();
        var envelopes = new ArrayList<Envelope<?>>();
        envelopes.add(new Envelope<>(EventIds.notification(Channel.ALIPAY, notifyId, notification.sign()),
                NotifyEvents.SOURCE, receivedAt, received));
        if (outcome instanceof Outcome.Closed closed) {
            envelopes.add(new Envelope<>(java.util.UUID.nameUUIDFromBytes(("ALIPAY:" + notification.tradeNo() + ":closed")
                    .getBytes(StandardCharsets.UTF_8)).toString(), NotifyEvents.SOURCE, receivedAt, closed.closed()));
        }
        if (outcome instanceof Outcome.Paid paid) {
            envelopes.add(new Envelope<>(EventIds.paid(Channel.ALIPAY, notification.tradeNo()),
                    NotifyEvents.SOURCE, receivedAt, paid.payment()));
        }
        return envelopes;
    }

    private void refused(Endpoint endpoint, NotificationRejected rejected, AlipayForm form) {
        meters.counter("paygate.notify.rejected",
                "channel", CHANNEL_TAG, "endpoint", endpoint.name().toLowerCase(Locale.ROOT),
                "reason", rejected.reason().tag()).increment();
        LoggingEventBuilder line = log.atWarn()
                .addKeyValue("channel", Channel.ALIPAY)
                .addKeyValue("endpoint", endpoint)
                .addKeyValue("reason", rejected.reason());
        String claimedOrderNo = form == null ? null : form.field("out_trade_no");
        if (claimedOrderNo != null && AlipayFieldCheck.ORDER_NO.matcher(claimedOrderNo).matches()) {
            line = line.addKeyValue("orderNo", claimedOrderNo);
        }
        line.log("Alipay {} refused ({}): {}", endpoint == Endpoint.NOTIFY ? "notification" : "browser return",
                rejected.reason(), rejected.getMessage());
    }

    private void accepted(AlipayNotification notification, Outcome outcome) {
        meters.counter("paygate.notify.accepted", "channel", CHANNEL_TAG, "outcome", outcome.tag()).increment();
        log.atInfo()
                .addKeyValue("channel", Channel.ALIPAY)
                .addKeyValue("orderNo", notification.orderNo())
                .addKeyValue("tradeNo", notification.tradeNo())
                .addKeyValue("tradeStatus", notification.tradeStatus())
                .addKeyValue("outcome", outcome.tag())
                .log("Alipay notification published and acknowledged ({})", outcome.tag());
    }

    private void publishFailed(AlipayNotification notification, Throwable failure) {
        meters.counter("paygate.notify.publish.failed", "channel", CHANNEL_TAG).increment();
        log.atWarn()
                .addKeyValue("channel", Channel.ALIPAY)
                .addKeyValue("orderNo", notification.orderNo())
                .addKeyValue("tradeNo", notification.tradeNo())
                .addKeyValue("error", failure.getClass().getSimpleName())
                .log("Alipay notification not acknowledged by Kafka, answering failure so Alipay retries: {}", failure.toString());
    }
}
