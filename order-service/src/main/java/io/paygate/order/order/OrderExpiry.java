package io.paygate.order.order;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The expiry job: unpaid orders past their deadline become TIMED_OUT, a page at a time. Safe
 * with several instances: each order is locked and moved with a guarded update, so a second
 * instance finds it already moved and skips it.
 */
@Component
class OrderExpiry {

    private static final Logger log = LoggerFactory.getLogger(OrderExpiry.class);
    private static final int PAGE = 200;

    private final OrderRepository orders;
    private final OrderClosing closing;
    private final Clock clock;

    OrderExpiry(OrderRepository orders, OrderClosing closing, Clock clock) {
        this.orders = orders;
        this.closing = closing;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${paygate.order.expiry-interval:5s}")
    void expireOverdue() {
        long total = 0;
        while (true) {
            Long expired = orders.overdue(clock.instant(), PAGE)
                    .concatMap(orderNo -> closing.expire(orderNo)
                            .onErrorResume(IllegalTransition.class, moved -> reactor.core.publisher.Mono.empty()))
                    .count()
                    .block(Duration.ofMinutes(1));
            total += expired == null ? 0 : expired;
            // a full page may hide more; a short one (or one another instance emptied) means done
            if (expired == null || expired < PAGE) {
                break;
            }
        }
        if (total > 0) {
            log.info("{} unpaid orders timed out", total);
        }
    }
}
