package io.paygate.payment.refund;

import io.micrometer.core.instrument.MeterRegistry;
import io.paygate.payment.platform.Gateways;
import io.paygate.payment.platform.PlatformGateway;
import io.paygate.payment.platform.PlatformRefund;
import io.paygate.payment.refund.Refunds.Refund;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Asks the platforms again about refunds that have not ended, on a decaying schedule: WeChat's
 * PROCESSING refunds, and calls whose answer never came. A query that finds no refund under the
 * number means the request never took, so it is sent again under the same number. Ends only with
 * the platform's word; refund notifications (WeChat) settle a refund sooner.
 */
@Component
class RefundRecheck {

    private static final Logger log = LoggerFactory.getLogger(RefundRecheck.class);

    private final RefundSettings settings;
    private final Refunds refunds;
    private final Gateways gateways;
    private final RefundExecution execution;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final MeterRegistry meters;

    RefundRecheck(RefundSettings settings, Refunds refunds, Gateways gateways, RefundExecution execution,
                  TransactionalOperator tx, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.refunds = refunds;
        this.gateways = gateways;
        this.execution = execution;
        this.tx = tx;
        this.clock = clock;
        this.meters = meters;
    }

    @Scheduled(fixedDelayString = "${paygate.payment.refund-recheck.interval:10s}")
    void recheck() {
        if (!settings.enabled()) {
            return;
        }
        Instant now = clock.instant();
        // claim in one short transaction; ask the platforms outside it, so no row lock waits on a network call
        var due = tx.transactional(refunds.claimDue(now, settings.batch(), settings::delayBefore).collectList())
                .block(Duration.ofMinutes(1));
        if (due == null) {
            return;
        }
        for (Refund refund : due) {
            String outcome;
            try {
                outcome = check(refund).block(Duration.ofMinutes(1));
            } catch (RuntimeException e) {
                outcome = "error";
                log.atWarn().addKeyValue("orderNo", refund.orderNo())
                        .log("could not re-check refund {} of order {}: {}", refund.refundNo(), refund.orderNo(), e.toString());
            }
            meters.counter("paygate.payment.refund.rechecked", "channel", refund.channel().name(), "outcome",
                    outcome == null ? "none" : outcome).increment();
        }
    }

    Mono<String> check(Refund refund) {
        PlatformGateway gateway = gateways.of(refund.channel()).orElse(null);
        if (gateway == null) {
            return Mono.just("no_gateway");
        }
        return gateway.refundQuery(refund.orderNo(), refund.refundNo()).flatMap(found -> found instanceof PlatformRefund.NotFound
                ? gateway.refund(refund.order()).flatMap(again -> execution.apply(refund, again)).map(outcome -> "resent_" + outcome)
                : execution.apply(refund, found));
    }
}
