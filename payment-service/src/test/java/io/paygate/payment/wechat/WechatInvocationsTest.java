package io.paygate.payment.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.cipher.Signer;
import io.paygate.common.keys.PemKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The payment sheet parameters are checked by WeChat's client with the merchant's public key over
 * four lines (ref §2.4); these tests check them exactly that way, not by re-running our signer.
 */
class WechatInvocationsTest {

    private static final KeyPair MERCHANT = PemKeys.generateRsa();
    private static final KeyPair WECHAT = PemKeys.generateRsa();
    private static final Instant NOW = Instant.parse("2026-11-26T10:15:30Z");
    private static final Signer SIGNER = new RSAPublicKeyConfig.Builder()
            .merchantId("1230000109")
            .privateKey(PemKeys.base64Body(PemKeys.toPem(MERCHANT.getPrivate())))
            .merchantSerialNumber("5157F09EFDC096DE15EBE81A47057A7232F1B8E1")
            .publicKey(PemKeys.base64Body(PemKeys.toPem(WECHAT.getPublic())))
            .publicKeyId("PUB_KEY_ID_0112345678901234567890")
            .apiV3Key("0123456789abcdef0123456789abcdef")
            .build().createSigner();

    @Test
    void appParametersVerifyWithTheMerchantPublicKeyOverAppidTimestampNonceAndBarePrepayId() throws Exception {
        var params = WechatInvocations.app(SIGNER, "wxd678efh567hg6787", "1230000109", "wx261015304412345678901234567890", NOW);

        assertThat(params.appid()).isEqualTo("wxd678efh567hg6787");
        assertThat(params.partnerid()).isEqualTo("1230000109");
        assertThat(params.prepayid()).isEqualTo("wx261015304412345678901234567890");
        assertThat(params.packageValue()).isEqualTo("Sign=WXPay");
        assertThat(params.timestamp()).isEqualTo("1795688130");
        assertThat(params.noncestr()).matches("[0-9A-Za-z]{32}");
        String message = params.appid() + "\n" + params.timestamp() + "\n" + params.noncestr() + "\n" + params.prepayid() + "\n";
        assertThat(verifies(MERCHANT.getPublic(), message, params.sign())).isTrue();
        // the same signature does not cover another prepay id, and no other key made it
        assertThat(verifies(MERCHANT.getPublic(), message.replace("7890\n", "7891\n"), params.sign())).isFalse();
        assertThat(verifies(WECHAT.getPublic(), message, params.sign())).isFalse();
    }

    @Test
    void jsapiParametersVerifyOverAppIdTimeStampNonceStrAndPackage() throws Exception {
        var params = WechatInvocations.jsapi(SIGNER, "wxd678efh567hg6787", "wx261015304412345678901234567890", NOW);

        assertThat(params.appId()).isEqualTo("wxd678efh567hg6787");
        assertThat(params.timeStamp()).isEqualTo("1795688130");
        assertThat(params.nonceStr()).matches("[0-9A-Za-z]{32}");
        assertThat(params.packageValue()).isEqualTo("prepay_id=wx261015304412345678901234567890");
        assertThat(params.signType()).isEqualTo("RSA");
        String message = params.appId() + "\n" + params.timeStamp() + "\n" + params.nonceStr() + "\n" + params.packageValue() + "\n";
        assertThat(verifies(MERCHANT.getPublic(), message, params.paySign())).isTrue();
        assertThat(verifies(MERCHANT.getPublic(), "wx261015304412345678901234567890\n", params.paySign())).isFalse();
    }

    @Test
    void eachInvocationHasItsOwnNonce() {
        var first = WechatInvocations.jsapi(SIGNER, "wx1", "wxp", NOW);
        var second = WechatInvocations.jsapi(SIGNER, "wx1", "wxp", NOW);

        assertThat(first.nonceStr()).isNotEqualTo(second.nonceStr());
        assertThat(first.paySign()).isNotEqualTo(second.paySign());
    }

    @Test
    void theJsonNamesAreTheOnesWechatsClientReads() {
        var mapper = tools.jackson.databind.json.JsonMapper.builder().build();

        String app = mapper.writeValueAsString(WechatInvocations.app(SIGNER, "wx1", "123", "wxp", NOW, "n".repeat(32)));
        String jsapi = mapper.writeValueAsString(WechatInvocations.jsapi(SIGNER, "wx1", "wxp", NOW, "n".repeat(32)));

        assertThat(mapper.readTree(app).propertyNames()).containsExactlyInAnyOrder(
                "appid", "partnerid", "prepayid", "package", "noncestr", "timestamp", "sign");
        assertThat(mapper.readTree(jsapi).propertyNames()).containsExactlyInAnyOrder(
                "appId", "timeStamp", "nonceStr", "package", "signType", "paySign");
    }

    private static boolean verifies(PublicKey key, String message, String base64Signature) throws Exception {
        var verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(message.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(base64Signature));
    }
}
