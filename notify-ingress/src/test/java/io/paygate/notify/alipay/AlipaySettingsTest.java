package io.paygate.notify.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.common.keys.KeySource;
import io.paygate.common.keys.PemKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlipaySettingsTest {

    private static final String PUBLIC_PEM = PemKeys.toPem(PemKeys.generateRsa().getPublic());

    @Test
    void takesThePublicKeyFromAFileAndHandsTheSdkItsBase64Body(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("alipay-public.pem");
        Files.writeString(file, PUBLIC_PEM);

        var settings = new AlipaySettings("2021000000000001", " ", new KeySource(null, file));

        assertThat(settings.alipayPublicKeyBase64()).doesNotContain("-----", "\n");
        assertThat(settings.sellerId()).isNull();
    }

    @Test
    void refusesToStartWithoutAppId() {
        assertThatThrownBy(() -> new AlipaySettings("", null, new KeySource(PUBLIC_PEM, null)))
                .hasMessageContaining("paygate.alipay.app-id");
    }

    @Test
    void refusesToStartWithoutPublicKey() {
        assertThatThrownBy(() -> new AlipaySettings("2021000000000001", null, new KeySource("", Path.of(""))))
                .hasMessageContaining("paygate.alipay.alipay-public-key");
        assertThatThrownBy(() -> new AlipaySettings("2021000000000001", null, null))
                .hasMessageContaining("paygate.alipay.alipay-public-key");
    }

    @Test
    void refusesToStartWithAnUnreadableKeyFile(@TempDir Path dir) {
        assertThatThrownBy(() -> new AlipaySettings("2021000000000001", null, new KeySource(null, dir.resolve("missing.pem"))))
                .hasMessageContaining("paygate.alipay.alipay-public-key.file");
    }

    @Test
    void refusesToStartWithSomethingThatIsNotAPublicKey() {
        String privatePem = PemKeys.toPem(PemKeys.generateRsa().getPrivate());

        assertThatThrownBy(() -> new AlipaySettings("2021000000000001", null, new KeySource("not a key", null)))
                .hasMessageContaining("paygate.alipay.alipay-public-key");
        assertThatThrownBy(() -> new AlipaySettings("2021000000000001", null, new KeySource(privatePem, null)))
                .hasMessageContaining("paygate.alipay.alipay-public-key")
                .hasMessageNotContaining(PemKeys.base64Body(privatePem).substring(0, 20));
    }

    @Test
    void neverShowsTheKeyInToString() {
        var settings = new AlipaySettings("2021000000000001", null, new KeySource(PUBLIC_PEM, null));

        assertThat(settings.toString()).doesNotContain(PemKeys.base64Body(PUBLIC_PEM).substring(0, 20));
    }
}
