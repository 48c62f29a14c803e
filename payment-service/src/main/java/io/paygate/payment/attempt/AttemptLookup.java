package io.paygate.payment.attempt;

import io.paygate.common.web.ApiException;
import io.paygate.events.Channel;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * For notify-ingress, on the internal network: did we ever start a payment of this order on this
 * channel? A platform's notification for an order we never asked it to take is not ours, however
 * well it is signed. Answers only yes (200) or no (404); nothing about the order itself.
 */
@RestController
class AttemptLookup {

    private final DatabaseClient db;

    AttemptLookup(DatabaseClient db) {
        this.db = db;
    }

    record Started(String orderNo, Channel channel) {
    }

    @Operation(summary = "Internal: whether a payment of the order was ever started on the channel (notify-ingress asks)")
    @GetMapping("/internal/v1/attempts/{channel}/{orderNo}")
    Mono<Started> started(@PathVariable Channel channel, @PathVariable String orderNo) {
        return db.sql("select 1 from payment_attempts where order_no = :orderNo and channel = :channel limit 1")
                .bind("orderNo", orderNo)
                .bind("channel", channel.name())
                .map(row -> new Started(orderNo, channel))
                .one()
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.NOT_FOUND, "attempt_not_found",
                        "no " + channel + " payment of order " + orderNo + " was started here")));
    }
}
