package io.paygate.sandbox.wechat;

import io.netty.channel.ChannelOption;
import io.paygate.common.keys.PemKeys;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * WeChat Pay's notifications (ref §4, §6): a JSON envelope whose resource is encrypted with the
 * API v3 key, POSTed with signed {@code Wechatpay-*} headers; acknowledged by any 2xx within the
 * timeout, otherwise re-sent on the retry schedule with the same {@code id} (and the same body),
 * freshly signed each time. Waiting happens on timers and the POST is non-blocking.
 */
final class WechatNotifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WechatNotifier.class);
    private static final int KEPT_RESPONSE_CHARS = 1000;
    static final String SIGN_TEST_PREFIX = "WECHATPAY/SIGNTEST/";

    private final WechatSandboxSettings settings;
    private final PlatformKeys keys;
    private final WechatFaults faults;
    private final Clock clock;
    private final JsonMapper json;
    /** Not the platform's: the "wrong signature" fault signs with it, so merchants' checks must fail. */
    private final PrivateKey strangerKey = PemKeys.generateRsa().getPrivate();
    private final WebClient web;
    private final Scheduler timer = Schedulers.newSingle("wechat-notify-timer", true);
    private final ConcurrentHashMap<String, OrderNotifications> byOutTradeNo = new ConcurrentHashMap<>();

    WechatNotifier(WechatSandboxSettings settings, PlatformKeys keys, WechatFaults faults, Clock clock, JsonMapper json) {
        this.settings = settings;
        this.keys = keys;
        this.faults = faults;
        this.clock = clock;
        this.json = json;
        var http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(settings.notifyTimeout().toMillis(), 10_000))
                .responseTimeout(settings.notifyTimeout());
        this.web = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    /** {@code TRANSACTION.SUCCESS} for a paid order, to its {@code notify_url}. */
    void paid(WechatOrder order) {
        OrderFaults fault = faults.forOrder(order.outTradeNo());
        Map<String, Object> resource = WechatViews.transaction(order,
                Optional.ofNullable(fault.notifyMchid()).orElse(order.mchid()),
                Optional.ofNullable(fault.notifyAppid()).orElse(order.appid()),
                Optional.ofNullable(fault.notifyAmountFen()).orElse(order.totalFen()));
        start(order.outTradeNo(), order.notifyUrl(), "TRANSACTION.SUCCESS", "支付成功", "transaction", resource, fault);
    }

    /** {@code REFUND.SUCCESS|ABNORMAL|CLOSED} to the refund's {@code notify_url}. */
    void refunded(WechatOrder order, WechatRefund refund) {
        OrderFaults fault = faults.forOrder(order.outTradeNo());
        String url = fault.refundNotifyToPaymentUrl() ? order.notifyUrl() : refund.notifyUrl();
        Map<String, Object> resource = WechatViews.refundNotification(order, refund,
                Optional.ofNullable(fault.notifyMchid()).orElse(order.mchid()),
                Optional.ofNullable(fault.notifyAmountFen()).orElse(order.totalFen()));
        start(order.outTradeNo(), url, refund.status().eventType(), refund.status().summary(), "refund", resource, fault);
    }

    private void start(String outTradeNo, String url, String eventType, String summary, String originalType,
                       Map<String, Object> resource, OrderFaults fault) {
        if (url == null || url.isBlank()) {
            log.info("order {}: {} has no notify_url, nothing to notify", outTradeNo, eventType);
            return;
        }
        if (fault.dropNotifications()) {
            log.info("order {}: {} dropped by fault switch", outTradeNo, eventType);
            return;
        }
        Instant now = clock.instant();
        var encrypted = WechatCrypto.encrypt(settings.apiV3Key(), originalType, json.writeValueAsString(resource));
        var resourceJson = new LinkedHashMap<String, Object>();
        resourceJson.put("original_type", originalType);
        resourceJson.put("algorithm", "AEAD_AES_256_GCM");
        resourceJson.put("ciphertext", encrypted.ciphertext());
        resourceJson.put("associated_data", encrypted.associatedData());
        resourceJson.put("nonce", encrypted.nonce());
        var envelope = new LinkedHashMap<String, Object>();
        String id = UUID.randomUUID().toString();
        envelope.put("id", id);
        envelope.put("create_time", WechatTime.format(now));
        envelope.put("resource_type", "encrypt-resource");
        envelope.put("event_type", eventType);
        envelope.put("summary", summary);
        envelope.put("resource", resourceJson);
        var notification = new Notification(id, outTradeNo, eventType, url, json.writeValueAsString(envelope));
        var notifications = byOutTradeNo.computeIfAbsent(outTradeNo, key -> new OrderNotifications());
        Notification previous = notifications.current;
        notifications.current = notification;
        Duration extra = Duration.ofMillis(fault.notifyDelayMillis());
        Mono<NotifyAttempt> probe = fault.signTestProbe()
                ? Mono.defer(() -> deliver(notification, notifications, NotifyAttempt.Trigger.PROBE)) : Mono.empty();
        Mono.delay(settings.notifyRetrySchedule().getFirst().plus(extra), timer)
                .flatMap(tick -> probe)
                .subscribe(attempt -> { }, error -> log.warn("probe of {} stopped: {}", id, error.toString()),
                        () -> scheduleDelivery(notification, notifications, 0, Duration.ZERO, fault.reorder() ? previous : null));
        for (int i = 0; i < fault.extraDeliveries(); i++) {
            // a few milliseconds apart: repeated, as WeChat Pay repeats, not a burst the merchant's server may refuse
            Mono.delay(settings.notifyRetrySchedule().getFirst().plus(extra).plusMillis(20L * (i + 1)), timer)
                    .flatMap(tick -> deliver(notification, notifications, NotifyAttempt.Trigger.SCHEDULE))
                    .subscribe(attempt -> { }, error -> log.warn("duplicate of {} stopped: {}", id, error.toString()));
        }
    }

    /** Delivers the order's latest notification once more, now, whatever was acknowledged before. */
    Optional<Mono<NotifyAttempt>> deliverNow(String outTradeNo) {
        var notifications = byOutTradeNo.get(outTradeNo);
        if (notifications == null || notifications.current == null) {
            return Optional.empty();
        }
        return Optional.of(deliver(notifications.current, notifications, NotifyAttempt.Trigger.MANUAL));
    }

    List<NotifyAttempt> attempts(String outTradeNo) {
        var notifications = byOutTradeNo.get(outTradeNo);
        return notifications == null ? List.of()
                : notifications.attempts.stream().sorted(Comparator.comparingInt(NotifyAttempt::attempt)).toList();
    }

    /**
     * Delivery number {@code index} of the schedule after {@code delay}; the first entry of the
     * schedule has already been waited for when index 0 is scheduled.
     */
    private void scheduleDelivery(Notification notification, OrderNotifications notifications, int index,
                                  Duration delay, Notification older) {
        List<Duration> schedule = settings.notifyRetrySchedule();
        Mono.delay(delay, timer)
                .filter(tick -> !notifications.acknowledged.contains(notification.id()))
                .flatMap(tick -> deliver(notification, notifications, NotifyAttempt.Trigger.SCHEDULE))
                .flatMap(attempt -> older == null ? Mono.just(attempt)
                        : deliver(older, notifications, NotifyAttempt.Trigger.SCHEDULE).thenReturn(attempt))
                .subscribe(
                        attempt -> {
                            if (attempt.acknowledged()) {
                                return;
                            }
                            if (index + 1 < schedule.size()) {
                                scheduleDelivery(notification, notifications, index + 1, schedule.get(index + 1), null);
                            } else {
                                log.warn("notification {} of order {} not acknowledged after {} deliveries: giving up",
                                        notification.id(), notification.outTradeNo(), schedule.size());
                            }
                        },
                        error -> log.warn("notification {} stopped: {}", notification.id(), error.toString()));
    }

    private Mono<NotifyAttempt> deliver(Notification notification, OrderNotifications notifications,
                                        NotifyAttempt.Trigger trigger) {
        int number = notifications.counter.incrementAndGet();
        Instant at = clock.instant();
        OrderFaults fault = faults.forOrder(notification.outTradeNo());
        var signing = keys.forNotification(settings.signing());
        String timestamp = Long.toString(at.getEpochSecond());
        String nonce = WechatCrypto.hexNonce();
        String message = WechatCrypto.responseMessage(timestamp, nonce, notification.body());
        String signature = trigger == NotifyAttempt.Trigger.PROBE
                ? SIGN_TEST_PREFIX + Base64.getEncoder().encodeToString(WechatCrypto.alphanumeric(64).getBytes(StandardCharsets.US_ASCII))
                : WechatCrypto.sign(message, fault.wrongSignature() ? strangerKey : signing.privateKey());
        return web.post()
                .uri(URI.create(notification.url()))
                .header("Content-Type", "application/json")
                .header("Wechatpay-Timestamp", timestamp)
                .header("Wechatpay-Nonce", nonce)
                .header("Wechatpay-Signature", signature)
                .header("Wechatpay-Serial", signing.serial())
                .header("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048")
                .header("Request-ID", WechatApi.requestId())
                .bodyValue(notification.body().getBytes(StandardCharsets.UTF_8))
                .exchangeToMono(response -> response.bodyToMono(byte[].class)
                        .defaultIfEmpty(new byte[0])
                        .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                        .map(body -> {
                            int status = response.statusCode().value();
                            boolean ok = status >= 200 && status < 300 && trigger != NotifyAttempt.Trigger.PROBE;
                            return new NotifyAttempt(notification.id(), notification.eventType(), notification.url(), number,
                                    at, trigger, status, shorten(body), ok, null, signature);
                        }))
                .timeout(settings.notifyTimeout())
                .onErrorResume(error -> Mono.just(new NotifyAttempt(notification.id(), notification.eventType(),
                        notification.url(), number, at, trigger, null, null, false, error.toString(), signature)))
                .doOnNext(attempt -> {
                    notifications.attempts.add(attempt);
                    if (attempt.acknowledged()) {
                        notifications.acknowledged.add(notification.id());
                    }
                    log.info("notification {} ({}) of order {} delivery {} ({}): status {}, acknowledged {}{}",
                            attempt.notificationId(), attempt.eventType(), notification.outTradeNo(), attempt.attempt(),
                            trigger, attempt.httpStatus(), attempt.acknowledged(),
                            attempt.error() == null ? "" : ", " + attempt.error());
                });
    }

    private static String shorten(String body) {
        return body.length() <= KEPT_RESPONSE_CHARS ? body : body.substring(0, KEPT_RESPONSE_CHARS) + "…";
    }

    @Override
    public void close() {
        timer.dispose();
    }

    /**
     * One event to tell the merchant about.
     *
     * @param id   the envelope id, the same across every delivery
     * @param body the envelope as sent, the same across every delivery
     */
    record Notification(String id, String outTradeNo, String eventType, String url, String body) {
    }

    /** What was notified for one order. */
    private static final class OrderNotifications {
        private volatile Notification current;
        private final AtomicInteger counter = new AtomicInteger();
        private final List<NotifyAttempt> attempts = new CopyOnWriteArrayList<>();
        private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    }
}
