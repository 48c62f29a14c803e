package io.paygate.bench.jmh;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import com.wechat.pay.java.core.cipher.AeadAesCipher;
import com.wechat.pay.java.core.cipher.AeadCipher;
import com.wechat.pay.java.core.cipher.RSAVerifier;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import io.paygate.bench.BenchSamples;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The notify path's cryptography through the SDKs, as notify-ingress calls them: alipay-sdk-java's
 * 4-argument {@code rsaCheckV1} (RSA2) on a fresh copy of the form's fields, and wechatpay-java's
 * {@link NotificationParser} (SHA256withRSA over the headers and body, AES-256-GCM decryption of
 * the resource, Gson into {@link Transaction}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SdkVerification {

    private Map<String, String> alipayFields;
    private String alipayPublicKey;
    private NotificationParser wechatParser;
    private RequestParam wechatRequest;

    @Setup
    public void keysAndNotifications() {
        KeyPair alipay = Sample.platformKeys();
        alipayPublicKey = Base64.getEncoder().encodeToString(alipay.getPublic().getEncoded());
        alipayFields = BenchSamples.alipayFields(Sample.ORDER_NO, Sample.AMOUNT_FEN, Sample.ALIPAY_APP_ID, Sample.ALIPAY_SELLER_ID,
                Base64.getEncoder().encodeToString(alipay.getPrivate().getEncoded()));

        KeyPair wechat = Sample.platformKeys();
        wechatParser = new NotificationParser(
                Map.of("WECHATPAY2-SHA256-RSA2048", new RSAVerifier(wechat.getPublic(), Sample.WECHAT_KEY_ID)),
                Map.<String, AeadCipher>of("AEAD_AES_256_GCM", new AeadAesCipher(Sample.API_V3_KEY.getBytes(StandardCharsets.UTF_8))));
        var signed = BenchSamples.wechatSigned(Sample.ORDER_NO, Sample.AMOUNT_FEN, Sample.WECHAT_MCHID, Sample.WECHAT_APPID,
                Sample.API_V3_KEY, wechat.getPrivate(), Sample.WECHAT_KEY_ID, Instant.now());
        wechatRequest = new RequestParam.Builder()
                .serialNumber(signed.headers().get("Wechatpay-Serial"))
                .nonce(signed.headers().get("Wechatpay-Nonce"))
                .signature(signed.headers().get("Wechatpay-Signature"))
                .timestamp(signed.headers().get("Wechatpay-Timestamp"))
                .signType(signed.headers().get("Wechatpay-Signature-Type"))
                .body(signed.body())
                .build();
        if (!alipayRsa2Check() || wechatNotificationParser().getTradeState() != Transaction.TradeStateEnum.SUCCESS) {
            throw new IllegalStateException("the sample notifications do not verify");
        }
    }

    @Benchmark
    public boolean alipayRsa2Check() {
        try {
            return AlipaySignature.rsaCheckV1(new HashMap<>(alipayFields), alipayPublicKey, "utf-8", "RSA2");
        } catch (AlipayApiException e) {
            throw new IllegalStateException(e);
        }
    }

    @Benchmark
    public Transaction wechatNotificationParser() {
        return wechatParser.parse(wechatRequest, Transaction.class);
    }
}
