package io.paygate.sandbox.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.common.keys.KeySource;
import io.paygate.common.keys.PemKeys;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WechatSandboxSettingsTest {

    private static final KeySource MERCHANT = new KeySource(PemKeys.toPem(PemKeys.generateRsa().getPublic()), null);
    private static final KeySource PLATFORM = new KeySource(PemKeys.toPem(PemKeys.generateRsa().getPrivate()), null);

    @Test
    void aDisabledWechatHalfNeedsNothing() {
        var settings = settings(false, null, null, null, List.of());
        assertThat(settings.enabled()).isFalse();
    }

    @Test
    void anEnabledWechatHalfNeedsItsKeysAndA32CharacterApiV3Key() {
        assertThatThrownBy(() -> settings(true, "short", MERCHANT, PLATFORM, schedule()))
                .hasMessageContaining("api-v3-key");
        assertThatThrownBy(() -> settings(true, "0123456789abcdefghijABCDEFGHIJ01", null, PLATFORM, schedule()))
                .hasMessageContaining("merchant-public-key");
        assertThatThrownBy(() -> settings(true, "0123456789abcdefghijABCDEFGHIJ01", MERCHANT, null, schedule()))
                .hasMessageContaining("platform-private-key");
        assertThatThrownBy(() -> settings(true, "0123456789abcdefghijABCDEFGHIJ01", MERCHANT, PLATFORM, List.of()))
                .hasMessageContaining("notify-retry-schedule");
    }

    @Test
    void theSecretsNeverShowInToString() {
        var settings = settings(true, "0123456789abcdefghijABCDEFGHIJ01", MERCHANT, PLATFORM, schedule());
        assertThat(settings.toString()).doesNotContain("0123456789abcdefghij").doesNotContain("PRIVATE");
    }

    @Test
    void theSandboxRefusesToPlayWechatPayWithTheMerchantsOwnKey() {
        var pair = PemKeys.generateRsa();
        var settings = settings(true, "0123456789abcdefghijABCDEFGHIJ01", new KeySource(PemKeys.toPem(pair.getPublic()), null),
                new KeySource(PemKeys.toPem(pair.getPrivate()), null), schedule());
        assertThatThrownBy(() -> new PlatformKeys(settings, Clock.systemUTC())).hasMessageContaining("belongs to the merchant");
    }

    @Test
    void aRotationAddsTheNextPublicKeyIdAndANewCertificate() {
        var keys = new PlatformKeys(settings(true, "0123456789abcdefghijABCDEFGHIJ01", MERCHANT, PLATFORM, schedule()),
                Clock.systemUTC());
        var first = keys.active();
        var second = keys.rotate();
        assertThat(second.publicKeyId()).isEqualTo("PUB_KEY_ID_0119000000012025010100000000000002");
        assertThat(second.certificateSerial()).matches("[0-9A-F]{40}").isNotEqualTo(first.certificateSerial());
        assertThat(keys.all()).containsExactly(first, second);
        assertThat(keys.forAnswer(first.publicKeyId(), WechatSandboxSettings.Signing.PUBLIC_KEY).privateKey())
                .isEqualTo(first.privateKey());
        assertThat(keys.forNotification(WechatSandboxSettings.Signing.PLATFORM_CERTIFICATE).serial())
                .isEqualTo(second.certificateSerial());
        assertThat(first.certificate().getPublicKey()).isEqualTo(first.publicKey());
    }

    private static List<Duration> schedule() {
        return List.of(Duration.ZERO, Duration.ofSeconds(15));
    }

    private static WechatSandboxSettings settings(boolean enabled, String apiV3Key, KeySource merchant, KeySource platform,
                                                  List<Duration> schedule) {
        return new WechatSandboxSettings(enabled, "1900000001", "wx0000000000000001", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
                merchant, platform, "PUB_KEY_ID_0119000000012025010100000000000001", apiV3Key,
                WechatSandboxSettings.Signing.PUBLIC_KEY, schedule, Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ZERO,
                URI.create("http://localhost:8090"), URI.create("https://api.mch.weixin.qq.com"), Duration.ofMinutes(5), false);
    }
}
