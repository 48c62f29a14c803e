package io.paygate.notify.hostile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Requests exactly as an attacker sends them, over a real socket: any content type (or none),
 * chunked bodies with no length, hundreds of headers. The JDK client, so Spring's client codecs
 * never reshape what is sent.
 */
public final class RawHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RawHttp() {
    }

    /** POST {@code body}; {@code contentType} null sends none; a null header value is skipped. */
    public static HttpResponse<String> post(String url, String contentType, Map<String, String> headers, byte[] body, boolean chunked)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.setHeader("Content-Type", contentType);
        }
        headers.forEach((name, value) -> {
            if (value != null) {
                request.header(name, value);
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code count} distinct headers of {@code size} bytes each, for a header flood. */
    public static Map<String, String> flood(int count, int size) {
        var headers = new java.util.LinkedHashMap<String, String>();
        for (int i = 0; i < count; i++) {
            headers.put("X-Flood-" + i, "f".repeat(size));
        }
        return headers;
    }
}
