package io.paygate.payment.attempt;

import io.paygate.common.web.ApiException;
import io.paygate.events.Channel;
import io.swagger.v3.oas.annotations.Operation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * For notify-ingress, on the internal network: did we ever start a payment of this order on this
 * channel? A platform's notification for an order we never asked it to take is not ours, however
 * well it is signed. Answers only yes (200) or no (404); nothing about the order itself. The same
 * question for many orders at once is one request and one query: under a burst of notifications
 * notify-ingress asks in batches.
 */
@RestController
class AttemptLookup {

    private final DatabaseClient db;

    AttemptLookup(DatabaseClient db) {
        this.db = db;
    }

    record Started(String orderNo, Channel channel) {
    }

    /** The most orders one request may ask about. */
    static final int MAX_ASKED = 200;

    /** Which of these (channel, order) pairs had a payment started here. */
    record Asked(List<Started> asked) {
    }

    /** The pairs asked about that had a payment started here, in the order asked; the others had none. */
    record Answered(List<Started> started) {
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

    @Operation(summary = "Internal: which of these orders had a payment started on the given channel (notify-ingress asks, in batches)")
    @PostMapping("/internal/v1/attempts/started")
    Mono<Answered> startedAmong(@RequestBody Asked request) {
        List<Started> asked = request == null ? null : request.asked();
        if (asked == null || asked.isEmpty() || asked.size() > MAX_ASKED) {
            return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "asked_invalid",
                    "asked must list 1 to " + MAX_ASKED + " orders"));
        }
        if (asked.stream().anyMatch(one -> one == null || one.channel() == null || one.orderNo() == null || one.orderNo().isBlank())) {
            return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "asked_invalid", "every entry needs a channel and an orderNo"));
        }
        String[] orderNos = asked.stream().map(Started::orderNo).distinct().toArray(String[]::new);
        return db.sql("select distinct order_no, channel from payment_attempts where order_no = any(:orderNos)")
                .bind("orderNos", orderNos)
                .map(row -> row.get("channel", String.class) + ":" + row.get("order_no", String.class))
                .all()
                .collect(HashSet<String>::new, Set::add)
                .map(found -> new Answered(asked.stream().filter(one -> found.contains(one.channel().name() + ":" + one.orderNo()))
                        .distinct().toList()));
    }
}
