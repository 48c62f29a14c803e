package io.paygate.notify.orders;

import io.paygate.events.Channel;
import io.paygate.notify.NotifySettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Whether a notification's order is one we asked the platform to take: payment-service is asked
 * whether it ever started a payment of that order on that channel. A yes never turns into a no,
 * so yeses are remembered (bounded). When payment-service cannot answer, the check fails and the
 * notification is answered "not recorded", so the platform asks again later.
 *
 * <p>Questions go out in batches ({@code POST /internal/v1/attempts/started}): with no request
 * in flight a question is sent at once, alone; while {@link #IN_FLIGHT} requests are waiting for
 * their answers, new questions queue and leave together, up to {@link #BATCH} per request, as
 * soon as one of them is answered. A burst of notifications costs a few requests, not one each.
 *
 * <p>Without {@code paygate.notify.payment-service-url} (notify-ingress on its own, as in its
 * module tests) there is no one to ask and every well-formed order number passes.
 */
@Component
public class KnownOrders {

    private static final int REMEMBERED = 10_000;
    /** Requests to payment-service waiting for their answer at the same time. */
    static final int IN_FLIGHT = 4;
    /** Questions per request at most (payment-service takes up to 200). */
    static final int BATCH = 100;

    private final WebClient payments;
    private final URI startedUri;
    private final NotifySettings settings;
    private final Map<String, Boolean> known = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    private final Map<String, Mono<Boolean>> asking = new ConcurrentHashMap<>();
    private final Queue<Question> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    public KnownOrders(NotifySettings settings) {
        this.settings = settings;
        this.payments = settings.paymentServiceUrl() == null ? null : WebClient.create();
        if (payments != null) {
            String base = settings.paymentServiceUrl().toString();
            base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
            startedUri = URI.create(base + "/internal/v1/attempts/started");
        } else {
            startedUri = null;
        }
    }

    /**
     * True if a payment of the order was started on the channel; an error if that cannot be known
     * now. Concurrent deliveries of one order (platforms re-send in bursts) share one question.
     */
    public Mono<Boolean> started(Channel channel, String orderNo) {
        String key = key(channel, orderNo);
        if (payments == null || known.containsKey(key)) {
            return Mono.just(true);
        }
        // forgotten before the answer reaches anyone: whoever asks after hearing it asks anew
        return asking.computeIfAbsent(key, k -> ask(channel, orderNo)
                .doOnTerminate(() -> asking.remove(k))
                .cache());
    }

    private Mono<Boolean> ask(Channel channel, String orderNo) {
        return Mono.defer(() -> {
                    Sinks.One<Boolean> answer = Sinks.one();
                    waiting.add(new Question(channel, orderNo, answer, System.nanoTime() + settings.orderCheckTimeout().toNanos()));
                    sendWaiting();
                    return answer.asMono();
                })
                .timeout(settings.orderCheckTimeout());
    }

    /** Sends what is queued while fewer than {@link #IN_FLIGHT} requests are out; each answered request calls it again. */
    private void sendWaiting() {
        while (!waiting.isEmpty()) {
            int out = inFlight.get();
            if (out >= IN_FLIGHT) {
                return; // an answer on its way sends the rest
            }
            if (!inFlight.compareAndSet(out, out + 1)) {
                continue;
            }
            List<Question> batch = new ArrayList<>();
            long now = System.nanoTime();
            long worthAsking = settings.orderCheckTimeout().toNanos() / 4;
            for (Question next; batch.size() < BATCH && (next = waiting.poll()) != null; ) {
                // one whose asker has (all but) timed out is dropped: it could not be answered in time, and
                // while payment-service is slow the queue must not grow with questions nobody waits for
                if (next.deadline() - now > worthAsking) {
                    batch.add(next);
                }
            }
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            ask(batch).doFinally(signal -> {
                inFlight.decrementAndGet();
                sendWaiting();
            }).subscribe(started -> answer(batch, started), failure -> batch.forEach(q -> q.answer().tryEmitError(failure)));
        }
    }

    private Mono<Set<String>> ask(List<Question> batch) {
        var asked = batch.stream().map(q -> new Asked.One(q.orderNo(), q.channel())).toList();
        return payments.post().uri(startedUri)
                .bodyValue(new Asked(asked))
                .retrieve()
                .bodyToMono(Answered.class)
                .filter(answered -> answered.started() != null)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("payment-service answered without a started list")))
                .map(answered -> {
                    Set<String> started = new HashSet<>();
                    for (Asked.One one : answered.started()) {
                        started.add(key(one.channel(), one.orderNo()));
                    }
                    return started;
                })
                .timeout(settings.orderCheckTimeout());
    }

    private void answer(List<Question> batch, Set<String> started) {
        for (Question question : batch) {
            String key = key(question.channel(), question.orderNo());
            boolean yes = started.contains(key);
            if (yes) {
                known.put(key, Boolean.TRUE);
            }
            question.answer().tryEmitValue(yes);
        }
    }

    private static String key(Channel channel, String orderNo) {
        return channel + ":" + orderNo;
    }

    /** @param deadline {@link System#nanoTime()} after which its asker has timed out */
    private record Question(Channel channel, String orderNo, Sinks.One<Boolean> answer, long deadline) {
    }

    /** payment-service's {@code AttemptLookup} request. */
    record Asked(List<One> asked) {
        record One(String orderNo, Channel channel) {
        }
    }

    /** payment-service's {@code AttemptLookup} answer. */
    record Answered(List<Asked.One> started) {
    }
}
