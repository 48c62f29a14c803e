package io.paygate.notify.wechat;

import com.wechat.pay.java.service.payments.model.Transaction;
import io.paygate.bench.BenchSamples;
import io.paygate.bench.jmh.Sample;
import io.paygate.notify.wechat.WechatSettings.TrustedKey;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * notify-ingress's WeChat Pay steps: the whole verify-and-decrypt step as the service wires it
 * ({@code WechatSignatureCheck} over the SDK's NotificationParser), and the steps after it —
 * read the envelope, check the fields, map to PaymentSucceeded. In notify-ingress's package
 * because those steps are package-private there; nothing of the service is changed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WechatNotificationMapping {

    private WechatSignatureCheck signatures;
    private WechatHeaders headers;
    private String body;
    private Transaction transaction;
    private WechatFieldCheck fields;
    private Instant receivedAt;

    @Setup
    public void notification() {
        var keys = Sample.platformKeys();
        var signed = BenchSamples.wechatSigned(Sample.ORDER_NO, Sample.AMOUNT_FEN, Sample.WECHAT_MCHID, Sample.WECHAT_APPID,
                Sample.API_V3_KEY, keys.getPrivate(), Sample.WECHAT_KEY_ID, Instant.now());
        var http = new org.springframework.http.HttpHeaders();
        signed.headers().forEach(http::add);
        headers = WechatHeaders.from(http);
        body = signed.body();
        signatures = new WechatSignatureCheck(java.util.List.of(new TrustedKey(Sample.WECHAT_KEY_ID, keys.getPublic(), null)),
                Sample.API_V3_KEY, WechatSettings.Verification.PUBLIC_KEY);
        fields = new WechatFieldCheck(Sample.WECHAT_MCHID, Sample.WECHAT_APPID);
        receivedAt = Instant.now();
        transaction = verifyAndDecrypt();
        if (!(envelopeCheckMap() instanceof WechatMapping.Outcome.Paid)) {
            throw new IllegalStateException("the sample notification does not map to a payment");
        }
    }

    @Benchmark
    public Transaction verifyAndDecrypt() {
        return signatures.verifiedAndDecrypted(headers, body, Transaction.class);
    }

    @Benchmark
    public WechatMapping.Outcome envelopeCheckMap() {
        WechatEnvelope envelope = WechatEnvelope.of(body);
        WechatFieldCheck.checkEventType(WechatEndpoint.PAYMENT, envelope);
        return WechatMapping.map(fields.payment(envelope, transaction), receivedAt);
    }
}
