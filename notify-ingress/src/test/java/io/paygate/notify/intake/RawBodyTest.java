package io.paygate.notify.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class RawBodyTest {

    private static final DefaultDataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;

    @Test
    void bodyInSeveralChunksIsReadWholeAndByteForByte() {
        var request = MockServerHttpRequest.post("/notify").body(Flux.just(
                BUFFERS.wrap("{\"a\":".getBytes(StandardCharsets.UTF_8)), BUFFERS.wrap("\"支付\"}".getBytes(StandardCharsets.UTF_8))));

        StepVerifier.create(RawBody.read(request, 1024))
                .assertNext(bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"a\":\"支付\"}"))
                .verifyComplete();
    }

    @Test
    void noBodyIsEmptyBytes() {
        StepVerifier.create(RawBody.read(MockServerHttpRequest.post("/notify").build(), 1024))
                .assertNext(bytes -> assertThat(bytes).isEmpty())
                .verifyComplete();
    }

    @Test
    void bodyOverTheLimitFails() {
        var request = MockServerHttpRequest.post("/notify").body("x".repeat(2048));

        StepVerifier.create(RawBody.read(request, 1024)).verifyError(DataBufferLimitException.class);
    }

    @Test
    void printableShortensAndHidesControlCharacters() {
        assertThat(RawBody.printable("a\nb\u0000c")).isEqualTo("a?b?c");
        assertThat(RawBody.printable("x".repeat(50))).hasSize(41).endsWith("…");
    }
}
