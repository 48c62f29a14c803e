package io.paygate.notify.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.common.keys.KeySource;
import io.paygate.notify.wechat.WechatSettings.PublicKeyEntry;
import io.paygate.notify.wechat.WechatSettings.Verification;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WechatSettingsTest {

    private static final WechatPlatform PLATFORM = WechatPlatform.withPublicKey();
    private static final WechatPlatform CERTIFIED = WechatPlatform.withCertificate();
    private static final String KEY = WechatNotificationFixture.API_V3_KEY;

    @Test
    void disabledNeedsNothingElse() {
        var settings = new WechatSettings(false, null, null, null, null, null, null, Duration.ofMinutes(5));

        assertThat(settings.enabled()).isFalse();
    }

    @Test
    void publicKeyModeTrustsEveryConfiguredKeyById() {
        var settings = enabled(Verification.PUBLIC_KEY, KEY, List.of(),
                List.of(entry(PLATFORM), entry(WechatPlatform.withPublicKey())));

        assertThat(settings.trustedKeys()).hasSize(2).first().extracting(WechatSettings.TrustedKey::serial).isEqualTo(PLATFORM.serial());
    }

    @Test
    void certificateModeTrustsCertificatesByUpperCaseHexSerial() {
        var settings = enabled(Verification.PLATFORM_CERTIFICATE, KEY, List.of(new KeySource(CERTIFIED.certificatePem(), null)), List.of());

        assertThat(settings.trustedKeys()).singleElement().extracting(WechatSettings.TrustedKey::serial).isEqualTo(CERTIFIED.serial());
    }

    @Test
    void enabledWithoutMchidNamesTheKey() {
        assertThatThrownBy(() -> new WechatSettings(true, " ", "wx1", KEY, Verification.PUBLIC_KEY, List.of(), List.of(entry(PLATFORM)),
                Duration.ofMinutes(5))).hasMessageContaining("paygate.wechat.mchid");
    }

    @Test
    void apiV3KeyMustBe32Bytes() {
        assertThatThrownBy(() -> enabled(Verification.PUBLIC_KEY, "short", List.of(), List.of(entry(PLATFORM))))
                .hasMessageContaining("paygate.wechat.api-v3-key");
    }

    @Test
    void publicKeyModeWithoutKeysNamesTheKey() {
        assertThatThrownBy(() -> enabled(Verification.PUBLIC_KEY, KEY, List.of(), List.of()))
                .hasMessageContaining("paygate.wechat.public-keys");
    }

    @Test
    void certificateModeWithoutCertificatesNamesTheKey() {
        assertThatThrownBy(() -> enabled(Verification.PLATFORM_CERTIFICATE, KEY, List.of(), List.of(entry(PLATFORM))))
                .hasMessageContaining("paygate.wechat.platform-certificates");
    }

    @Test
    void aCertificateThatIsNotOneNamesItsPosition() {
        assertThatThrownBy(() -> enabled(Verification.PLATFORM_CERTIFICATE, KEY,
                List.of(new KeySource(CERTIFIED.certificatePem(), null), new KeySource(PLATFORM.publicKeyPem(), null)), List.of()))
                .hasMessageContaining("paygate.wechat.platform-certificates[1]");
    }

    @Test
    void publicKeyIdMustBeAWechatPayKeyId() {
        assertThatThrownBy(() -> enabled(Verification.PUBLIC_KEY, KEY, List.of(),
                List.of(new PublicKeyEntry("1234", new KeySource(PLATFORM.publicKeyPem(), null)))))
                .hasMessageContaining("paygate.wechat.public-keys[0].id");
    }

    @Test
    void verificationModeIsRequired() {
        assertThatThrownBy(() -> enabled(null, KEY, List.of(), List.of(entry(PLATFORM))))
                .hasMessageContaining("paygate.wechat.verification");
    }

    @Test
    void toStringNeverShowsTheApiV3Key() {
        var settings = enabled(Verification.PUBLIC_KEY, KEY, List.of(), List.of(entry(PLATFORM)));

        assertThat(settings.toString()).doesNotContain(KEY).contains("apiV3Key=****");
    }

    private static WechatSettings enabled(Verification verification, String apiV3Key, List<KeySource> certificates, List<PublicKeyEntry> keys) {
        return new WechatSettings(true, "1230000109", "wxd678efh567hg6787", apiV3Key, verification, certificates, keys, Duration.ofMinutes(5));
    }

    private static PublicKeyEntry entry(WechatPlatform platform) {
        return new PublicKeyEntry(platform.serial(), new KeySource(platform.publicKeyPem(), null));
    }
}
