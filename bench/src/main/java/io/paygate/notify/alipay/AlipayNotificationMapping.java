package io.paygate.notify.alipay;

import io.paygate.bench.BenchSamples;
import io.paygate.bench.jmh.Sample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * notify-ingress's Alipay steps around the signature check — parse the raw form, check its
 * fields, map it to PaymentSucceeded — on a real notification body. In notify-ingress's package
 * because those steps are package-private there; nothing of the service is changed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AlipayNotificationMapping {

    private byte[] body;
    private AlipayFieldCheck fields;
    private Instant receivedAt;

    @Setup
    public void notification() {
        var keys = Sample.platformKeys();
        body = BenchSamples.alipayForm(Sample.ORDER_NO, Sample.AMOUNT_FEN, Sample.ALIPAY_APP_ID, Sample.ALIPAY_SELLER_ID,
                Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded())).getBytes(StandardCharsets.UTF_8);
        fields = new AlipayFieldCheck(Sample.ALIPAY_APP_ID, Sample.ALIPAY_SELLER_ID);
        receivedAt = Instant.now();
        if (!(parseCheckMap() instanceof AlipayMapping.Outcome.Paid)) {
            throw new IllegalStateException("the sample notification does not map to a payment");
        }
    }

    @Benchmark
    public AlipayForm parse() {
        return AlipayForm.parse(body);
    }

    @Benchmark
    public AlipayMapping.Outcome parseCheckMap() {
        return AlipayMapping.map(fields.check(AlipayForm.parse(body)), receivedAt);
    }
}
