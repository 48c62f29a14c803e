package io.paygate.fulfillment.orders;

import io.paygate.common.consume.ProcessedEvents;
import io.paygate.common.money.Yuan;
import io.paygate.events.OrderPaid;
import io.paygate.fulfillment.admin.AdminMessage;
import io.paygate.fulfillment.admin.AdminMessages;
import io.paygate.fulfillment.email.ReceiptMail;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A paid order gets one receipt email and one admin message, however often its OrderPaid is
 * delivered.
 */
@Component
class PaidOrderFulfillment {

    private static final Logger log = LoggerFactory.getLogger(PaidOrderFulfillment.class);
    /** Longer than the SMTP timeouts together, so a slow server fails as itself, not as this. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    enum Outcome {
        FULFILLED,
        DUPLICATE_EVENT,
        ALREADY_FULFILLED
    }

    private final ProcessedEvents processed;
    private final Deliveries deliveries;
    private final ReceiptMail receipts;
    private final AdminMessages admin;
    private final TransactionalOperator tx;
    private final Clock clock;

    PaidOrderFulfillment(ProcessedEvents processed, Deliveries deliveries, ReceiptMail receipts,
                         AdminMessages admin, TransactionalOperator tx, Clock clock) {
        this.processed = processed;
        this.deliveries = deliveries;
        this.receipts = receipts;
        this.admin = admin;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Claims the event id, records the delivery and sends the receipt in one transaction, then
     * tells the admins. If SMTP fails, the exception propagates, the transaction rolls back and
     * the record is retried with back-off, then dead-lettered. A crash after SMTP accepted the
     * mail and before the commit means the redelivered event sends it again: at most one extra
     * mail per crash, never none. Blocks the listener thread (never an event loop) until done.
     */
    Outcome fulfil(String eventId, OrderPaid paid) {
        Outcome outcome = tx.transactional(processed.claim(eventId)
                        .flatMap(first -> first ? deliver(eventId, paid) : Mono.just(Outcome.DUPLICATE_EVENT)))
                .block(TIMEOUT);
        switch (outcome) {
            case FULFILLED -> {
                // after the commit: an admin message must never announce a delivery that rolled back
                admin.publish(AdminMessage.Kind.ORDER_PAID, paid.orderNo(), adminText(paid), paid.amountFen());
                log.atInfo().addKeyValue("orderNo", paid.orderNo()).addKeyValue("eventId", eventId)
                        .log("order {} fulfilled: receipt mailed, admins told", paid.orderNo());
            }
            case DUPLICATE_EVENT -> log.atInfo().addKeyValue("orderNo", paid.orderNo()).addKeyValue("eventId", eventId)
                    .log("order {}: event {} already processed; ignoring the repeat", paid.orderNo(), eventId);
            case ALREADY_FULFILLED -> log.atInfo().addKeyValue("orderNo", paid.orderNo()).addKeyValue("eventId", eventId)
                    .log("order {}: already fulfilled under another event id; ignoring {}", paid.orderNo(), eventId);
        }
        return outcome;
    }

    private Mono<Outcome> deliver(String eventId, OrderPaid paid) {
        // the row is written before the send but commits only after SMTP accepted the mail
        return deliveries.record(eventId, paid.orderNo(), Deliveries.Kind.RECEIPT_EMAIL, paid.customerEmail(), clock.instant())
                .flatMap(first -> first
                        // JavaMailSender blocks: off the R2DBC event loop the row insert completed on
                        ? Mono.fromRunnable(() -> receipts.send(paid)).subscribeOn(Schedulers.boundedElastic())
                                .thenReturn(Outcome.FULFILLED)
                        : Mono.just(Outcome.ALREADY_FULFILLED));
    }

    /** {@code 订单 20261126… 已支付 ¥88.88 (支付宝 2026112622…)}. */
    static String adminText(OrderPaid paid) {
        if (paid.free()) {
            return "订单 " + paid.orderNo() + " 已由优惠券全额抵扣";
        }
        String platform = switch (paid.channel()) {
            case ALIPAY -> "支付宝";
            case WECHAT -> "微信支付";
        };
        String amount = "CNY".equals(paid.currency()) ? "¥" + Yuan.format(paid.amountFen())
                : Yuan.format(paid.amountFen()) + " " + paid.currency();
        return "订单 " + paid.orderNo() + " 已支付 " + amount + " (" + platform + " " + paid.platformTradeNo() + ")";
    }
}
