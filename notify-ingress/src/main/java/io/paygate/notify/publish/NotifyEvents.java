package io.paygate.notify.publish;

import io.paygate.common.faults.CrashPoints;
import io.paygate.common.kafka.EventPublisher;
import io.paygate.events.Envelope;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes what one notification produced. Completes only when the broker acknowledged
 * every event (acks=all), and fails as soon as any of them fails or times out: the caller
 * then answers the platform with failure so that it retries.
 */
@Component
public class NotifyEvents {

    /** {@code ce_source} of every event notify-ingress publishes. */
    public static final String SOURCE = "/paygate/notify-ingress";

    /** Crash point: the broker acknowledged every event, and the platform has no answer yet. */
    public static final String AFTER_PUBLISH = "notify.after-publish";

    private final EventPublisher publisher;

    public NotifyEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /** The events go to different topics, so they are sent together rather than one after another. */
    public Mono<Void> publishAll(List<Envelope<?>> events) {
        return Flux.fromIterable(events)
                .flatMap(publisher::publish)
                .then(Mono.fromRunnable(() -> CrashPoints.reach(AFTER_PUBLISH)));
    }
}
