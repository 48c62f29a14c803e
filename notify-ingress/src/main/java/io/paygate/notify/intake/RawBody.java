package io.paygate.notify.intake;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * What every platform's notification endpoint does first: take the body as raw bytes, never
 * bound or decoded by the framework, because the platform signed exactly those bytes and the
 * audit topic keeps them as sent.
 */
public final class RawBody {

    private RawBody() {
    }

    /**
     * The whole body, or an empty array when there is none.
     *
     * @param maxBytes the most that is read; a longer body fails with {@link DataBufferLimitException}
     *                 before it was read to the end
     */
    public static Mono<byte[]> read(ServerHttpRequest request, int maxBytes) {
        return DataBufferUtils.join(request.getBody(), maxBytes)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0]);
    }

    /** Unverified input goes into log lines only shortened and without control characters. */
    public static String printable(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
