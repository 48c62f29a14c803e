package io.paygate.bench;

import com.alipay.api.internal.util.AlipaySignature;
import com.wechat.pay.java.core.cipher.AeadAesCipher;
import com.wechat.pay.java.core.cipher.AeadCipher;
import com.wechat.pay.java.core.cipher.RSAVerifier;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import io.paygate.common.keys.PemKeys;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import org.HdrHistogram.ConcurrentHistogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Scenario 1, the notify path's physical limit on this machine: no HTTP, no Spring — the SDK's
 * signature check (RSA-2048; for WeChat Pay also AES-256-GCM and its JSON reading) and a Kafka
 * produce of the same two records notify-ingress writes per notification (the raw notification,
 * then the payment), acknowledged with acks=all by the local broker, with notify-ingress's own
 * producer settings. As many verifying threads as cores, as many notifications in flight as the
 * HTTP scenario has connections. Records go to a topic of their own, which nothing consumes.
 */
final class Ceiling {

    static final String TOPIC = "bench.ceiling";
    /** Signing is slow and verifying one notification costs the same the 2nd time: a few thousand are cycled. */
    private static final int DISTINCT = 2000;

    private Ceiling() {
    }

    record Result(String name, long done, long failed, double seconds, ConcurrentHistogram latency) {
        double perSecond() {
            return done / seconds;
        }

        String summary() {
            return "%s: %d verified and acknowledged (%d failed) in %.1f s = %.0f/s; p50 %.2f ms, p99 %.2f ms".formatted(
                    name, done, failed, seconds, perSecond(), latency.getValueAtPercentile(50) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0);
        }
    }

    static Result alipay(Paygate paygate, int count, Duration limit, int inFlight) {
        String privateKey = PemKeys.base64Body(paygate.alipayPlatformPrivatePem());
        String publicKey = PemKeys.base64Body(paygate.alipayPlatformPublicPem());
        String appId = paygate.property("notify-ingress", "paygate.alipay.app-id");
        String sellerId = paygate.property("notify-ingress", "paygate.alipay.seller-id");
        var forms = new ArrayList<String>(DISTINCT);
        for (int i = 0; i < DISTINCT; i++) {
            forms.add(BenchSamples.alipayForm(orderNo(i), 100 + i, appId, sellerId, privateKey));
        }
        return run(paygate, "ceiling alipay", count, limit, inFlight, forms, i -> {
            try {
                return AlipaySignature.rsaCheckV1(parse(forms.get(i % DISTINCT)), publicKey, "utf-8", "RSA2");
            } catch (com.alipay.api.AlipayApiException e) {
                return false;
            }
        });
    }

    static Result wechat(Paygate paygate, int count, Duration limit, int inFlight) {
        String mchid = paygate.property("notify-ingress", "paygate.wechat.mchid");
        String appid = paygate.property("notify-ingress", "paygate.wechat.appid");
        String keyId = paygate.property("notify-ingress", "paygate.wechat.public-keys[0].id");
        PrivateKey platformKey = PemKeys.readPrivate(paygate.wechatPlatformPrivatePem());
        var parser = new NotificationParser(
                Map.of("WECHATPAY2-SHA256-RSA2048", new RSAVerifier(PemKeys.readPublic(paygate.wechatPlatformPublicPem()), keyId)),
                Map.<String, AeadCipher>of("AEAD_AES_256_GCM", new AeadAesCipher(paygate.wechatApiV3Key().getBytes(StandardCharsets.UTF_8))));
        var signed = new ArrayList<BenchSamples.WechatSigned>(DISTINCT);
        for (int i = 0; i < DISTINCT; i++) {
            signed.add(BenchSamples.wechatSigned(orderNo(i), 100 + i, mchid, appid, paygate.wechatApiV3Key(), platformKey, keyId,
                    Instant.now()));
        }
        return run(paygate, "ceiling wechat", count, limit, inFlight, signed.stream().map(BenchSamples.WechatSigned::body).toList(), i -> {
            var n = signed.get(i % DISTINCT);
            var request = new RequestParam.Builder()
                    .serialNumber(n.headers().get("Wechatpay-Serial"))
                    .nonce(n.headers().get("Wechatpay-Nonce"))
                    .signature(n.headers().get("Wechatpay-Signature"))
                    .timestamp(n.headers().get("Wechatpay-Timestamp"))
                    .signType(n.headers().get("Wechatpay-Signature-Type"))
                    .body(n.body())
                    .build();
            Transaction transaction = parser.parse(request, Transaction.class);
            return transaction != null && transaction.getTradeState() == Transaction.TradeStateEnum.SUCCESS;
        });
    }

    private static Result run(Paygate paygate, String name, int count, Duration limit, int inFlight, List<String> raw,
                              IntPredicate verify) {
        createTopic(paygate);
        var settings = new Properties();
        settings.putAll(paygate.producerSettings("notify-ingress"));
        settings.put("client.id", "bench-ceiling");
        // the size of what PaymentSucceeded is on the wire
        byte[] payment = ("{\"orderNo\":\"202611261731020000000001\",\"channel\":\"ALIPAY\",\"platformTradeNo\":"
                + "\"2026112622001499999999000001\",\"amountFen\":8888,\"currency\":\"CNY\",\"paidAt\":\"2026-11-26T09:31:02Z\","
                + "\"appId\":\"2021000000000001\",\"source\":\"NOTIFICATION\"}").getBytes(StandardCharsets.UTF_8);
        var latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
        var done = new AtomicLong();
        var failed = new AtomicLong();
        var next = new AtomicInteger();
        var window = new Semaphore(inFlight);
        int threads = Runtime.getRuntime().availableProcessors();
        try (var producer = new KafkaProducer<String, byte[]>(settings)) {
            // warm the connection and metadata, as a running service has them
            producer.send(new ProducerRecord<>(TOPIC, "warm", payment)).get(10, TimeUnit.SECONDS);
            long start = System.nanoTime();
            long end = start + limit.toNanos();
            var finished = new CountDownLatch(threads);
            for (int t = 0; t < threads; t++) {
                Thread.ofPlatform().name("bench-ceiling-" + t).start(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count && System.nanoTime() < end) {
                        window.acquireUninterruptibly();
                        long began = System.nanoTime();
                        if (!verify.test(i)) {
                            failed.incrementAndGet();
                            window.release();
                            continue;
                        }
                        String key = orderNo(i);
                        var acks = new AtomicInteger(2);
                        org.apache.kafka.clients.producer.Callback acked = (metadata, error) -> {
                            if (error != null) {
                                failed.incrementAndGet();
                            }
                            if (acks.decrementAndGet() == 0) {
                                latency.recordValue((System.nanoTime() - began) / 1000);
                                done.incrementAndGet();
                                window.release();
                            }
                        };
                        producer.send(new ProducerRecord<>(TOPIC, key, raw.get(i % DISTINCT).getBytes(StandardCharsets.UTF_8)), acked);
                        producer.send(new ProducerRecord<>(TOPIC, key, payment), acked);
                    }
                    finished.countDown();
                });
            }
            finished.await();
            window.acquireUninterruptibly(inFlight);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(name, done.get(), failed.get(), seconds, latency);
        } catch (Exception e) {
            throw new IllegalStateException(name + " failed", e);
        }
    }

    private static void createTopic(Paygate paygate) {
        int partitions = Integer.parseInt(paygate.run().service("notify-ingress").getEnvironment()
                .getProperty("paygate.kafka.partitions", "3"));
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, paygate.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + TOPIC, e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + TOPIC, e);
        }
    }

    /** What notify-ingress does first with a form: its fields, URL-decoded (the SDK is given a fresh mutable map). */
    static Map<String, String> parse(String form) {
        var fields = new HashMap<String, String>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static String orderNo(int i) {
        return "20261126173102%010d".formatted(i);
    }
}
