package io.paygate.notify.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.notify.wechat.WechatRejected.Reason;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class WechatHeadersTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(5);

    @Test
    void headerNamesAreMatchedWhateverTheirCase() {
        var headers = new HttpHeaders();
        headers.add("wechatpay-timestamp", "1795714093");
        headers.add("WECHATPAY-NONCE", "n");
        headers.add("wechatpay-signature", "c2ln");
        headers.add("Wechatpay-serial", "PUB_KEY_ID_01");

        WechatHeaders read = WechatHeaders.from(headers);

        assertThat(read).isEqualTo(new WechatHeaders("1795714093", "n", "c2ln", "PUB_KEY_ID_01", null));
    }

    @Test
    void missingHeadersAreNamedInTheRefusal() {
        var headers = new HttpHeaders();
        headers.add("Wechatpay-Nonce", "n");
        headers.add("Wechatpay-Signature", "c2ln");

        assertThatThrownBy(() -> WechatHeaders.from(headers))
                .isInstanceOfSatisfying(WechatRejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.HEADERS_MISSING))
                .hasMessageContaining("Wechatpay-Timestamp").hasMessageContaining("Wechatpay-Serial");
    }

    @Test
    void timestampWithinTheWindowEitherWayPasses() {
        signedAt(NOW.minusSeconds(299)).checkFresh(NOW, WINDOW);
        signedAt(NOW.plusSeconds(299)).checkFresh(NOW, WINDOW);
        signedAt(NOW.minusSeconds(300)).checkFresh(NOW, WINDOW);
    }

    @Test
    void timestampOutsideTheWindowIsStale() {
        assertThatThrownBy(() -> signedAt(NOW.minusSeconds(301)).checkFresh(NOW, WINDOW))
                .isInstanceOfSatisfying(WechatRejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.TIMESTAMP_STALE));
        assertThatThrownBy(() -> signedAt(NOW.plusSeconds(3600)).checkFresh(NOW, WINDOW))
                .isInstanceOfSatisfying(WechatRejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.TIMESTAMP_STALE));
    }

    @Test
    void timestampThatIsNotUnixSecondsIsInvalid() {
        var headers = new WechatHeaders("2026-11-26T10:00:00Z", "n", "c2ln", "PUB_KEY_ID_01", null);

        assertThatThrownBy(() -> headers.checkFresh(NOW, WINDOW))
                .isInstanceOfSatisfying(WechatRejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.TIMESTAMP_INVALID));
    }

    @Test
    void signatureProbeIsRefused() {
        var headers = new WechatHeaders("1795714093", "n", "WECHATPAY/SIGNTEST/abc", "PUB_KEY_ID_01", null);

        assertThatThrownBy(headers::rejectSignatureProbe)
                .isInstanceOfSatisfying(WechatRejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.SIGNATURE_PROBE));
    }

    @Test
    void toStringLeavesTheSignatureOut() {
        assertThat(new WechatHeaders("1", "n", "SECRET-SIGNATURE", "PUB_KEY_ID_01", null).toString()).doesNotContain("SECRET-SIGNATURE");
    }

    private static WechatHeaders signedAt(Instant sentAt) {
        return new WechatHeaders(Long.toString(sentAt.getEpochSecond()), "n", "c2ln", "PUB_KEY_ID_01", null);
    }
}
