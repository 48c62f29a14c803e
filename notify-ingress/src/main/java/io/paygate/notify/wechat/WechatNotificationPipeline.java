package io.paygate.notify.wechat;

import com.wechat.pay.java.service.payments.model.Transaction;
import io.micrometer.core.instrument.MeterRegistry;
import io.paygate.events.Channel;
import io.paygate.events.Envelope;
import io.paygate.notify.orders.KnownOrders;
import io.paygate.events.NotificationReceived;
import io.paygate.notify.publish.EventIds;
import io.paygate.notify.publish.NotifyEvents;
import io.paygate.notify.wechat.WechatMapping.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The fixed pipeline for WeChat Pay API v3: read → headers → timestamp window → signature probe →
 * verify and decrypt → event type → fields → map → publish and wait for the broker's
 * acknowledgement → answer. Each step refuses with its own reason; a refused notification
 * publishes nothing, is logged with its reason and counted in {@code paygate.notify.rejected}.
 */
@Component
class WechatNotificationPipeline {

    private static final Logger log = LoggerFactory.getLogger(WechatNotificationPipeline.class);
    private static final String CHANNEL_TAG = "wechat";

    /**
     * What WeChat Pay reads: the HTTP status alone (a 200 with {@code FAIL} in the body counts as
     * success). 2xx stops its retries, anything else makes it retry.
     *
     * @param message the {@code message} of the {@code {"code":"FAIL"}} body; null on success
     */
    record Answer(HttpStatus status, String message) {

        static final Answer ACCEPTED = new Answer(HttpStatus.NO_CONTENT, null);
        static final Answer NOT_RECORDED = new Answer(HttpStatus.SERVICE_UNAVAILABLE, "notification not recorded, retry later");
        static final Answer DISABLED = new Answer(HttpStatus.SERVICE_UNAVAILABLE, "WeChat Pay is not enabled");

        static Answer refused(WechatRejected rejected) {
            return new Answer(rejected.reason().authenticity() ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST,
                    "notification refused: " + rejected.reason().tag());
        }
    }

    private final WechatSettings settings;
    private final WechatSignatureCheck signatures;
    private final WechatFieldCheck fields;
    private final NotifyEvents events;
    private final MeterRegistry meters;
    private final KnownOrders orders;

    WechatNotificationPipeline(WechatSettings settings, WechatSignatureCheck signatures, WechatFieldCheck fields,
                               NotifyEvents events, MeterRegistry meters, KnownOrders orders) {
        this.orders = orders;
        this.settings = settings;
        this.signatures = signatures;
        this.fields = fields;
        this.events = events;
        this.meters = meters;
    }

    boolean enabled() {
        return settings.enabled();
    }

    /**
     * @param endpoint   which URL it arrived on
     * @param body       the request body exactly as received
     * @param headers    the request headers
     * @param receivedAt when it arrived
     */
    Mono<Answer> handle(WechatEndpoint endpoint, byte[] body, HttpHeaders headers, Instant receivedAt) {
        String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
        String text;
        WechatHeaders signed;
        WechatEnvelope envelope;
        String orderNo;
        Outcome outcome;
        String tradeNo;
        try {
            text = WechatBody.read(contentType, body);
            signed = WechatHeaders.from(headers);
            signed.checkFresh(receivedAt, settings.timestampWindow());
            signed.rejectSignatureProbe();
            if (endpoint == WechatEndpoint.PAYMENT) {
                Transaction transaction = signatures.verifiedAndDecrypted(signed, text, Transaction.class);
                envelope = WechatEnvelope.of(text);
                WechatFieldCheck.checkEventType(endpoint, envelope);
                WechatPayment payment = fields.payment(envelope, transaction);
                orderNo = payment.orderNo();
                tradeNo = payment.transactionId();
                outcome = WechatMapping.map(payment, receivedAt);
            } else {
                WechatRefund refund = signatures.verifiedAndDecrypted(signed, text, WechatRefund.class);
                envelope = WechatEnvelope.of(text);
                WechatFieldCheck.checkEventType(endpoint, envelope);
                fields.refund(refund);
                orderNo = refund.outTradeNo();
                tradeNo = refund.transactionId();
                outcome = WechatMapping.map(refund, receivedAt);
            }
        } catch (WechatRejected rejected) {
            refused(endpoint, rejected);
            return Mono.just(Answer.refused(rejected));
        }
        var received = new NotificationReceived(orderNo, Channel.WECHAT, endpoint.kind(), receivedAt, contentType, text);
        List<Envelope<?>> published = new ArrayList<>();
        published.add(new Envelope<>(EventIds.notification(Channel.WECHAT, envelope.id(), signed.signature()),
                NotifyEvents.SOURCE, receivedAt, received));
        switch (outcome) {
            case Outcome.Paid paid -> published.add(new Envelope<>(EventIds.paid(Channel.WECHAT, paid.payment().platformTradeNo()),
                    NotifyEvents.SOURCE, receivedAt, paid.payment()));
            case Outcome.Refunded refunded -> published.add(new Envelope<>(EventIds.refundSucceeded(refunded.refund().refundNo()),
                    NotifyEvents.SOURCE, receivedAt, refunded.refund()));
            case Outcome.RefundEnded ended -> published.add(new Envelope<>(EventIds.refundFailed(ended.refund().refundNo()),
                    NotifyEvents.SOURCE, receivedAt, ended.refund()));
            case Outcome.NoPayment none -> {
                // recorded as received, nothing else to say
            }
        }
        return orders.started(Channel.WECHAT, orderNo)
                .onErrorResume(failure -> {
                    orderCheckFailed(endpoint, orderNo, failure);
                    return Mono.empty();
                })
                .flatMap(started -> {
                    if (!started) {
                        var unknown = new WechatRejected(WechatRejected.Reason.ORDER_UNKNOWN, "no WeChat Pay payment of order " + orderNo + " was started here");
                        refused(endpoint, unknown);
                        return Mono.just(Answer.refused(unknown));
                    }
                    return events.publishAll(published)
                            .then(Mono.fromSupplier(() -> {
                                accepted(endpoint, orderNo, tradeNo, envelope, outcome);
                                return Answer.ACCEPTED;
                            }))
                            .onErrorResume(failure -> {
                                publishFailed(endpoint, orderNo, failure);
                                return Mono.just(Answer.NOT_RECORDED);
                            });
                })
                .defaultIfEmpty(Answer.NOT_RECORDED);
    }

    private void orderCheckFailed(WechatEndpoint endpoint, String orderNo, Throwable failure) {
        meters.counter("paygate.notify.order.check.failed", "channel", CHANNEL_TAG).increment();
        log.atWarn()
                .addKeyValue("channel", Channel.WECHAT)
                .addKeyValue("endpoint", endpoint)
                .addKeyValue("orderNo", orderNo)
                .addKeyValue("error", failure.getClass().getSimpleName())
                .log("cannot ask payment-service about order {}, answering not recorded so WeChat Pay retries: {}", orderNo,
                        failure.toString());
    }

    /** A body over the size limit, refused before it was read to the end. */
    Answer refusedUnread(WechatEndpoint endpoint, WechatRejected rejected) {
        refused(endpoint, rejected);
        return Answer.refused(rejected);
    }

    private void refused(WechatEndpoint endpoint, WechatRejected rejected) {
        meters.counter("paygate.notify.rejected",
                "channel", CHANNEL_TAG, "endpoint", endpoint.tag(), "reason", rejected.reason().tag()).increment();
        log.atWarn()
                .addKeyValue("channel", Channel.WECHAT)
                .addKeyValue("endpoint", endpoint)
                .addKeyValue("reason", rejected.reason())
                .log("WeChat Pay {} notification refused ({}): {}", endpoint.tag(), rejected.reason(), rejected.getMessage());
    }

    private void accepted(WechatEndpoint endpoint, String orderNo, String tradeNo, WechatEnvelope envelope, Outcome outcome) {
        meters.counter("paygate.notify.accepted", "channel", CHANNEL_TAG, "outcome", outcome.tag()).increment();
        log.atInfo()
                .addKeyValue("channel", Channel.WECHAT)
                .addKeyValue("endpoint", endpoint)
                .addKeyValue("orderNo", orderNo)
                .addKeyValue("tradeNo", tradeNo)
                .addKeyValue("eventType", envelope.eventType())
                .addKeyValue("outcome", outcome.tag())
                .log("WeChat Pay notification published and acknowledged ({})", outcome.tag());
    }

    private void publishFailed(WechatEndpoint endpoint, String orderNo, Throwable failure) {
        meters.counter("paygate.notify.publish.failed", "channel", CHANNEL_TAG).increment();
        log.atWarn()
                .addKeyValue("channel", Channel.WECHAT)
                .addKeyValue("endpoint", endpoint)
                .addKeyValue("orderNo", orderNo)
                .addKeyValue("error", failure.getClass().getSimpleName())
                .log("WeChat Pay notification not acknowledged by Kafka, answering failure so WeChat Pay retries: {}", failure.toString());
    }
}
