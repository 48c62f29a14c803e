package io.paygate.notify.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.paygate.events.Channel;
import io.paygate.notify.NotifySettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How notify-ingress asks "was a payment of this order started?": in batches, over the internal
 * request payment-service answers ({@code AttemptLookup}; the two together are exercised by the
 * local run's notification tests). Here a small HTTP server answers in payment-service's format
 * from a fixed set of started payments and records what it was asked, so the batching can be seen.
 */
class KnownOrdersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile long delayMillis;
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void answersYesOnlyForTheChannelThePaymentWasStartedOnAndRemembersTheYes() throws IOException {
        started.add("ALIPAY:202611270846350000005518");
        var orders = knownOrders(serve("/pay"));

        assertThat(orders.started(Channel.ALIPAY, "202611270846350000005518").block()).isTrue();
        assertThat(orders.started(Channel.WECHAT, "202611270846350000005518").block()).isFalse();
        assertThat(orders.started(Channel.ALIPAY, "202611270846350000009999").block()).isFalse();
        assertThat(orders.started(Channel.ALIPAY, "202611270846350000005518").block()).isTrue();

        assertThat(paths).containsOnly("/pay/internal/v1/attempts/started");
        // the repeated yes was not asked again; the two noes were
        assertThat(batchSizes).hasSize(3);
    }

    @Test
    void aBurstOfQuestionsLeavesInAFewBatchesAndEveryOneGetsItsOwnAnswer() throws IOException {
        delayMillis = 20;
        var asked = new ArrayList<String>();
        for (int i = 0; i < 500; i++) {
            String orderNo = "2026112708463500000" + (10_000 + i);
            asked.add(orderNo);
            if (i % 3 == 0) {
                started.add("WECHAT:" + orderNo);
            }
        }
        var orders = knownOrders(serve(""));

        List<Boolean> answers = Flux.fromIterable(asked)
                .flatMapSequential(orderNo -> orders.started(Channel.WECHAT, orderNo), 500)
                .collectList().block(Duration.ofSeconds(30));

        for (int i = 0; i < asked.size(); i++) {
            assertThat(answers.get(i)).as(asked.get(i)).isEqualTo(i % 3 == 0);
        }
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(500);
        assertThat(batchSizes).allMatch(size -> size <= KnownOrders.BATCH);
        assertThat(batchSizes.size()).as("requests for 500 questions: %s", batchSizes).isLessThan(20);
    }

    @Test
    void whenPaymentServiceFailsTheQuestionFailsAndIsAskedAgainNextTime() throws IOException {
        started.add("ALIPAY:42");
        status = 503;
        var orders = knownOrders(serve(""));

        assertThatThrownBy(() -> orders.started(Channel.ALIPAY, "42").block()).isInstanceOf(WebClientResponseException.class);

        status = 200;
        assertThat(orders.started(Channel.ALIPAY, "42").block()).isTrue();
    }

    @Test
    void aPaymentServiceThatDoesNotAnswerFailsTheQuestionAfterTheCheckTimeout() throws IOException {
        delayMillis = 5_000;
        var orders = new KnownOrders(settings(serve(""), Duration.ofMillis(300)));

        Mono<Boolean> question = orders.started(Channel.ALIPAY, "43");

        assertThatThrownBy(() -> question.block(Duration.ofSeconds(3)))
                .hasRootCauseInstanceOf(java.util.concurrent.TimeoutException.class);
    }

    @Test
    void questionsWhoseAskersGaveUpWhileAllRequestsWereOutAreNotSentLater() throws Exception {
        delayMillis = 1_500;
        var orders = new KnownOrders(settings(serve(""), Duration.ofMillis(300)));

        // four go out at once (one request each), the other 46 queue behind them; all time out
        List<Throwable> failures = Flux.range(0, 50)
                .flatMap(i -> orders.started(Channel.ALIPAY, String.valueOf(5_000 + i)).then(Mono.<Throwable>empty())
                        .onErrorResume(Mono::just), 50)
                .collectList().block(Duration.ofSeconds(5));
        assertThat(failures).hasSize(50).allMatch(f -> f instanceof java.util.concurrent.TimeoutException);

        // once the four requests are answered, nothing of the stale 46 is asked
        await().during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(5)).until(() -> batchSizes.size() == 4);
        assertThat(batchSizes).containsExactly(1, 1, 1, 1);
    }

    private String serve(String contextPath) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            JsonNode asked = JSON.readTree(exchange.getRequestBody().readAllBytes()).get("asked");
            batchSizes.add(asked.size());
            var yes = new ArrayList<String>();
            for (JsonNode one : asked) {
                if (started.contains(one.get("channel").asString() + ":" + one.get("orderNo").asString())) {
                    yes.add(one.toString());
                }
            }
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = ("{\"started\":[" + String.join(",", yes) + "]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + contextPath;
    }

    private static KnownOrders knownOrders(String paymentServiceUrl) {
        return new KnownOrders(settings(paymentServiceUrl, Duration.ofSeconds(5)));
    }

    private static NotifySettings settings(String paymentServiceUrl, Duration timeout) {
        return new NotifySettings(URI.create("http://localhost:8081/pay/result"), DataSize.ofKilobytes(64),
                URI.create(paymentServiceUrl), timeout);
    }
}
