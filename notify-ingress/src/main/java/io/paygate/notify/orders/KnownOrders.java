package io.paygate.notify.orders;

import io.paygate.events.Channel;
import io.paygate.notify.NotifySettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriUtils;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * Whether a notification's order is one we asked the platform to take: payment-service is asked
 * whether it ever started a payment of that order on that channel. A yes never turns into a no,
 * so yeses are remembered (bounded). When payment-service cannot answer, the check fails and the
 * notification is answered "not recorded", so the platform asks again later.
 *
 * <p>Without {@code paygate.notify.payment-service-url} (notify-ingress on its own, as in its
 * module tests) there is no one to ask and every well-formed order number passes.
 */
@Component
public class KnownOrders {

    private static final int REMEMBERED = 10_000;

    private final WebClient payments;
    /** {@code <payment-service>/internal/v1/attempts/<CHANNEL>/} per channel, built once. */
    private final Map<Channel, String> attemptsBase = new EnumMap<>(Channel.class);
    private final NotifySettings settings;
    private final Map<String, Boolean> known = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    private final Map<String, Mono<Boolean>> asking = new java.util.concurrent.ConcurrentHashMap<>();

    public KnownOrders(NotifySettings settings) {
        this.settings = settings;
        this.payments = settings.paymentServiceUrl() == null ? null : WebClient.create();
        if (payments != null) {
            String base = settings.paymentServiceUrl().toString();
            base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
            for (Channel channel : Channel.values()) {
                attemptsBase.put(channel, base + "/internal/v1/attempts/" + channel.name() + "/");
            }
        }
    }

    /**
     * True if a payment of the order was started on the channel; an error if that cannot be known
     * now. Concurrent deliveries of one order (platforms re-send in bursts) share one question.
     */
    public Mono<Boolean> started(Channel channel, String orderNo) {
        String key = channel + ":" + orderNo;
        if (payments == null || known.containsKey(key)) {
            return Mono.just(true);
        }
        return asking.computeIfAbsent(key, k -> ask(channel, orderNo)
                .doFinally(signal -> asking.remove(k))
                .cache());
    }

    private Mono<Boolean> ask(Channel channel, String orderNo) {
        return payments.get().uri(attemptUri(channel, orderNo))
                .retrieve()
                .toBodilessEntity()
                .map(ok -> {
                    known.put(channel + ":" + orderNo, Boolean.TRUE);
                    return true;
                })
                .onErrorResume(WebClientResponseException.NotFound.class, notFound -> Mono.just(false))
                .timeout(settings.orderCheckTimeout());
    }

    /**
     * By concatenation: expanding a URI template per notification was 11% of the service's CPU
     * (docs/benchmarks.md). The pipelines pass only order numbers they checked to be digits; any
     * other character is percent-encoded all the same, so the path stays one segment.
     */
    URI attemptUri(Channel channel, String orderNo) {
        return URI.create(attemptsBase.get(channel) + pathSegment(orderNo));
    }

    static String pathSegment(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-' || c == '_')) {
                return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
            }
        }
        return value;
    }
}
