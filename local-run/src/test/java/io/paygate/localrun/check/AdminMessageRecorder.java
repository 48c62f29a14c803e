package io.paygate.localrun.check;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every admin message fulfillment-service sends, read from its live stream ({@code /admin/v1/stream})
 * the way the console reads it, reconnecting with {@code Last-Event-ID}. The service keeps only
 * its recent messages, so a run with more than that is counted here, from its start.
 */
public final class AdminMessageRecorder implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One message as the stream carries it. */
    public record Message(long id, String kind, String orderNo) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String streamUrl;
    private final String authorization;
    private final Map<Long, Message> messages = new ConcurrentSkipListMap<>();
    private final Thread reader;
    private volatile boolean closed;

    public AdminMessageRecorder(String fulfillmentBaseUrl, String authorization) {
        this.streamUrl = fulfillmentBaseUrl + "/admin/v1/stream";
        this.authorization = authorization;
        this.reader = Thread.ofPlatform().daemon().name("admin-message-recorder").start(this::read);
    }

    public List<Message> all() {
        return List.copyOf(messages.values());
    }

    public long count(String orderNo, String kind) {
        return messages.values().stream().filter(m -> orderNo.equals(m.orderNo()) && kind.equals(m.kind())).count();
    }

    private void read() {
        while (!closed) {
            long lastId = messages.isEmpty() ? 0 : ((ConcurrentSkipListMap<Long, Message>) messages).lastKey();
            var request = HttpRequest.newBuilder(URI.create(streamUrl))
                    .header("Authorization", authorization)
                    .header("Accept", "text/event-stream");
            if (lastId > 0) {
                request.header("Last-Event-ID", Long.toString(lastId));
            }
            try {
                var response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while (!closed && (line = lines.readLine()) != null) {
                        if (line.startsWith("data:")) {
                            JsonNode message = JSON.readTree(line.substring(5).strip());
                            long id = message.get("id").asLong();
                            messages.putIfAbsent(id, new Message(id, message.path("kind").asString(""), message.path("orderNo").asString("")));
                        }
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // the service may be starting or away; reconnect like a browser's EventSource
            }
            // a moment before reconnecting, as an EventSource does
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
    }
}
