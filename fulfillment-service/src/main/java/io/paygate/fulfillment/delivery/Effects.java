package io.paygate.fulfillment.delivery;

import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The local outbox of things to send. A consumer records what an event should send here, in
 * the transaction that claims the event id, and moves on; the {@link DeliveryWorker} sends them,
 * retries failures with bounded exponential back-off and dead-letters what never goes through.
 * So a mail server or robot that is down never holds up the consumer, and nothing is lost.
 */
@Component
public class Effects {

    private final EffectStore store;
    private final DeliveryWorker worker;
    private final Clock clock;

    Effects(EffectStore store, DeliveryWorker worker, Clock clock) {
        this.store = store;
        this.worker = worker;
        this.clock = clock;
    }

    /**
     * Queues the effects of one fact; run it inside the consumer's transaction. At most one
     * effect of each kind per fact, however often this is called.
     */
    public Mono<Void> schedule(EventOrigin origin, String factKey, String orderNo, List<PlannedEffect> effects) {
        return Flux.fromIterable(effects)
                .concatMap(effect -> store.insert(origin, factKey, orderNo, effect, clock.instant()))
                .then();
    }

    /**
     * Re-queues the dead-lettered effects of an event (it is being replayed from the dead-letter
     * topic). Returns how many; effects that were delivered are never sent again.
     */
    public Mono<Long> revive(String eventId) {
        return store.revive(eventId, clock.instant());
    }

    /** Sends what was just queued now rather than at the next poll. Call it after the commit. */
    public void wake() {
        worker.wake();
    }
}
