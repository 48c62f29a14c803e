package io.paygate.notify.alipay;

import static io.paygate.notify.alipay.AlipayNotificationFixture.newOrderNo;
import static io.paygate.notify.alipay.AlipayNotificationFixture.tradeSuccess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alipay.api.internal.util.AlipaySignature;
import io.paygate.common.keys.PemKeys;
import io.paygate.notify.alipay.NotificationRejected.Reason;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Security;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlipaySignatureCheckTest {

    private static final KeyPair ALIPAY = PemKeys.generateRsa();
    private static final KeyPair STRANGER = PemKeys.generateRsa();

    private final AlipaySigner alipay = new AlipaySigner(ALIPAY.getPrivate());
    private final AlipaySignatureCheck check = new AlipaySignatureCheck(AlipaySigner.base64(ALIPAY.getPublic().getEncoded()));

    @Test
    void ourSignerBuildsTheSameContentTheSdkChecks() {
        Map<String, String> signed = alipay.sign(with(tradeSuccess(newOrderNo()), "refund_fee", ""));

        assertThat(AlipaySigner.content(signed)).isEqualTo(AlipaySignature.getSignCheckContentV1(new HashMap<>(signed)));
    }

    @Test
    void acceptsANotificationSignedWithAlipaysKey() {
        var form = form(alipay.sign(tradeSuccess(newOrderNo())));

        assertThatCode(() -> check.verify(form)).doesNotThrowAnyException();
    }

    @Test
    void acceptsANotificationSignedInGbk() {
        var fields = with(tradeSuccess(newOrderNo()), "charset", "gbk");
        var signed = alipay.sign(fields);

        var form = AlipayForm.parse(AlipaySigner.formBytes(signed));

        assertThat(form.field("subject")).startsWith("订单");
        assertThatCode(() -> check.verify(form)).doesNotThrowAnyException();
    }

    @Test
    void refusesASignatureByAnotherKey() {
        var form = form(new AlipaySigner(STRANGER.getPrivate()).sign(tradeSuccess(newOrderNo())));

        assertRefused(form, Reason.SIGNATURE_INVALID);
    }

    @Test
    void refusesAFieldChangedAfterSigning() {
        var form = form(AlipaySigner.with(alipay.sign(tradeSuccess(newOrderNo())), "total_amount", "0.01"));

        assertRefused(form, Reason.SIGNATURE_INVALID);
    }

    @Test
    void refusesAFieldAddedAfterSigning() {
        var form = form(AlipaySigner.with(alipay.sign(tradeSuccess(newOrderNo())), "refund_fee", "88.88"));

        assertRefused(form, Reason.SIGNATURE_INVALID);
    }

    @Test
    void refusesANotificationWithoutSign() {
        var form = form(AlipaySigner.without(alipay.sign(tradeSuccess(newOrderNo())), "sign"));

        assertRefused(form, Reason.SIGN_MISSING);
    }

    @Test
    void refusesASignThatIsNotBase64() {
        var form = form(AlipaySigner.with(alipay.sign(tradeSuccess(newOrderNo())), "sign", "not base64 at all!"));

        assertRefused(form, Reason.SIGNATURE_INVALID);
    }

    @Test
    void refusesADowngradeToSha1Rsa() {
        var form = form(AlipaySigner.with(alipay.sign(tradeSuccess(newOrderNo())), "sign_type", "RSA"));

        assertRefused(form, Reason.SIGN_TYPE_UNSUPPORTED);
    }

    @Test
    void refusesContentSignedInOneCharsetAndDeclaredInAnother() {
        var utf8Signed = alipay.sign(tradeSuccess(newOrderNo()));
        Charset gbk = Charset.forName("GBK");
        String body = AlipaySigner.form(utf8Signed).replace("charset=utf-8", "charset=gbk")
                .replace(URLEncoder.encode(utf8Signed.get("subject"), StandardCharsets.UTF_8), URLEncoder.encode(utf8Signed.get("subject"), gbk));

        assertRefused(AlipayForm.parse(body.getBytes(StandardCharsets.US_ASCII)), Reason.SIGNATURE_INVALID);
    }

    @Test
    void agreesWithTheSdksOwnCheckOnGenuineTamperedForeignAndMalformedSignatures() throws Exception {
        String key = AlipaySigner.base64(ALIPAY.getPublic().getEncoded());
        var genuine = alipay.sign(with(tradeSuccess(newOrderNo()), "refund_fee", ""));
        var cases = java.util.List.of(genuine,
                alipay.sign(with(tradeSuccess(newOrderNo()), "charset", "gbk")),
                AlipaySigner.with(genuine, "total_amount", "0.01"),
                new AlipaySigner(STRANGER.getPrivate()).sign(tradeSuccess(newOrderNo())),
                AlipaySigner.with(genuine, "sign", "not base64 at all!"),
                AlipaySigner.with(genuine, "sign", ""));

        for (Map<String, String> fields : cases) {
            var form = form(fields);
            boolean sdk;
            try {
                sdk = AlipaySignature.rsaCheckV1(new HashMap<>(form.fields()), key, form.charset().name(), "RSA2");
            } catch (Exception e) {
                sdk = false;
            }
            boolean ours = org.assertj.core.api.Assertions.catchThrowable(() -> check.verify(form)) == null;
            assertThat(ours).as("verdict on %s", fields).isEqualTo(sdk);
        }
    }

    @Test
    void leavesTheFormItChecksUntouched() {
        var form = form(alipay.sign(tradeSuccess(newOrderNo())));

        check.verify(form);

        assertThat(form.fields()).containsKeys("sign", "sign_type");
    }

    @Test
    void verifyingDoesNotWeakenTheJvmsCertificatePathChecks() {
        String before = Security.getProperty("jdk.certpath.disabledAlgorithms");

        check.verify(form(alipay.sign(tradeSuccess(newOrderNo()))));

        assertThat(Security.getProperty("jdk.certpath.disabledAlgorithms")).isEqualTo(before).isNotEmpty();
    }

    private static AlipayForm form(Map<String, String> fields) {
        return AlipayForm.parse(AlipaySigner.formBytes(fields));
    }

    private static Map<String, String> with(Map<String, String> fields, String name, String value) {
        return AlipaySigner.with(fields, name, value);
    }

    private void assertRefused(AlipayForm form, Reason reason) {
        assertThatThrownBy(() -> check.verify(form))
                .isInstanceOfSatisfying(NotificationRejected.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).doesNotContain(form.fields().getOrDefault("sign", "\u0000"));
                });
    }
}
