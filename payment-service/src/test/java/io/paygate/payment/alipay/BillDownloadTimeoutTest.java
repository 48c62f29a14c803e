package io.paygate.payment.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The bill download's timeout covers the whole answer, not only the wait for its headers: a
 * server that answers at once and then sends the body a byte a second is given up on.
 */
class BillDownloadTimeoutTest {

    @Test
    void aServerThatTricklesTheBillIsGivenUpOnWithinTheTimeout() throws Exception {
        try (var trickle = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> serveSlowly(trickle));
            Duration timeout = Duration.ofSeconds(2);

            long started = System.nanoTime();
            assertThatThrownBy(() -> AlipayGateway.download(HttpClient.newHttpClient(),
                    URI.create("http://127.0.0.1:" + trickle.getLocalPort() + "/bill.zip"), timeout))
                    .isInstanceOf(TimeoutException.class);
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(waited).isGreaterThanOrEqualTo(timeout.minusMillis(100)).isLessThan(timeout.plusSeconds(10));
        }
    }

    @Test
    void theWholeDownloadIsBoundedInProduction() {
        assertThat(AlipayGateway.BILL_DOWNLOAD_TIMEOUT).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
    }

    /** Headers at once, promising 10,000 bytes; then one byte a second. */
    private static void serveSlowly(ServerSocket server) {
        try (var socket = server.accept(); OutputStream out = socket.getOutputStream()) {
            socket.getInputStream().read(new byte[4096]);
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/zip\r\nContent-Length: 10000\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 60; i++) {
                out.write('x');
                out.flush();
                Thread.sleep(1000);
            }
        } catch (IOException | InterruptedException closed) {
            // the client gave up, or the test ended
        }
    }
}
