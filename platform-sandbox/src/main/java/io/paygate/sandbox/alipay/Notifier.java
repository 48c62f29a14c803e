package io.paygate.sandbox.alipay;

import io.netty.channel.ChannelOption;
import io.paygate.common.keys.PemKeys;
import io.paygate.common.money.Yuan;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

/**
 * Alipay's asynchronous notifications (ref §5, §7): a signed form POSTed to the trade's
 * {@code notify_url}, acknowledged only by HTTP 200 with the body {@code success}, otherwise
 * re-sent on the retry schedule with the same {@code notify_id} until the schedule runs out.
 * Waiting happens on timers and the POST is non-blocking, so no request thread ever waits.
 */
@Component
class Notifier implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    private static final int KEPT_RESPONSE_CHARS = 1000;

    private final AlipaySandboxSettings settings;
    private final AlipayKeys keys;
    private final Faults faults;
    /** Not the platform's: the "wrong key" fault signs with it, so merchants' checks must fail. */
    private final PrivateKey strangerKey = PemKeys.generateRsa().getPrivate();
    private final Clock clock;
    private final WebClient web;
    private final Scheduler timer = Schedulers.newSingle("alipay-notify-timer", true);
    private final ConcurrentHashMap<String, TradeNotifications> byOutTradeNo = new ConcurrentHashMap<>();

    Notifier(AlipaySandboxSettings settings, AlipayKeys keys, Faults faults, Clock clock) {
        this.settings = settings;
        this.keys = keys;
        this.faults = faults;
        this.clock = clock;
        var http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(settings.notifyTimeout().toMillis(), 10_000))
                .responseTimeout(settings.notifyTimeout());
        this.web = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    /** A notification of the trade's current status, delivered on the retry schedule. */
    void start(Trade trade) {
        start(trade, null);
    }

    /**
     * A notification of the trade's current status after {@code refund} (null for a payment):
     * a partial refund re-notifies {@code TRADE_SUCCESS}, a full one {@code TRADE_CLOSED}, both
     * with the refund fields (ref §5.3). Notification faults for the order apply here.
     */
    void start(Trade trade, Refund refund) {
        if (trade.notifyUrl() == null) {
            log.info("trade {} ({}) has no notify_url: nothing to notify", trade.tradeNo(), trade.outTradeNo());
            return;
        }
        TradeFaults fault = faults.forTradeOrNone(trade.outTradeNo());
        if (fault.dropNotifications()) {
            log.info("trade {} ({}): notification dropped by fault switch", trade.tradeNo(), trade.outTradeNo());
            return;
        }
        var notification = new Notification(UUID.randomUUID().toString().replace("-", ""), trade, refund);
        var notifications = byOutTradeNo.computeIfAbsent(trade.outTradeNo(), key -> new TradeNotifications());
        Notification previous = notifications.current;
        notifications.current = notification;
        Duration extra = Duration.ofMillis(fault.notifyDelayMillis());
        scheduleDelivery(notification, notifications, 0, extra, fault.reorder() ? previous : null);
        for (int i = 0; i < fault.extraDeliveries(); i++) {
            Mono.delay(settings.notifyRetrySchedule().getFirst().plus(extra), timer)
                    .flatMap(tick -> deliver(notification, notifications, DeliveryAttempt.Trigger.SCHEDULE))
                    .subscribe(attempt -> { }, error -> log.warn("duplicate of {} stopped: {}", notification.notifyId(), error.toString()));
        }
    }

    /** Delivers the trade's latest notification once more, now, whatever was acknowledged before. */
    Optional<Mono<DeliveryAttempt>> deliverNow(String outTradeNo) {
        var notifications = byOutTradeNo.get(outTradeNo);
        if (notifications == null || notifications.current == null) {
            return Optional.empty();
        }
        return Optional.of(deliver(notifications.current, notifications, DeliveryAttempt.Trigger.MANUAL));
    }

    List<DeliveryAttempt> attempts(String outTradeNo) {
        var notifications = byOutTradeNo.get(outTradeNo);
        return notifications == null ? List.of()
                : notifications.attempts.stream().sorted(Comparator.comparingInt(DeliveryAttempt::attempt)).toList();
    }

    /** The §5.1 field set of one delivery, signed over everything but {@code sign} and {@code sign_type}. */
    Map<String, String> signedFields(Notification notification, Instant now) {
        Trade trade = notification.trade();
        TradeFaults fault = faults.forTradeOrNone(trade.outTradeNo());
        String amount = Optional.ofNullable(fault.notifyTotalAmount()).orElse(Yuan.format(trade.totalFen()));
        String appId = Optional.ofNullable(fault.notifyAppId()).orElse(trade.appId());
        var fields = new LinkedHashMap<String, String>();
        fields.put("notify_time", AlipayTime.format(now));
        fields.put("notify_type", "trade_status_sync");
        fields.put("notify_id", notification.notifyId());
        fields.put("app_id", appId);
        fields.put("auth_app_id", appId);
        fields.put("charset", charsetName(trade));
        fields.put("version", "1.0");
        fields.put("sign_type", trade.signType().name());
        fields.put("trade_no", trade.tradeNo());
        fields.put("out_trade_no", trade.outTradeNo());
        fields.put("buyer_id", Trade.BUYER_ID);
        fields.put("buyer_logon_id", Trade.BUYER_LOGON_ID);
        fields.put("seller_id", Optional.ofNullable(fault.notifySellerId()).orElse(settings.sellerId()));
        fields.put("trade_status", trade.status().name());
        fields.put("total_amount", amount);
        // a trade refunded in full is closed but was paid: its amounts stay what was paid
        fields.put("receipt_amount", trade.wasPaid() ? amount : "0.00");
        fields.put("buyer_pay_amount", trade.wasPaid() ? amount : "0.00");
        fields.put("invoice_amount", trade.wasPaid() ? amount : "0.00");
        fields.put("point_amount", "0.00");
        fields.put("subject", trade.subject());
        putIfPresent(fields, "body", trade.body());
        if (trade.passbackParams() != null) {
            // Alipay echoes passback_params URL-encoded (ref §5.1)
            fields.put("passback_params", URLEncoder.encode(trade.passbackParams(), trade.charset()));
        }
        Refund refund = notification.refund();
        if (refund != null) {
            fields.put("refund_fee", Yuan.format(trade.refundedFen()));
            fields.put("gmt_refund", AlipayTime.format(refund.at()));
            fields.put("out_biz_no", refund.outRequestNo());
        }
        if (trade.wasPaid()) {
            fields.put("fund_bill_list", "[{\"amount\":\"" + amount + "\",\"fundChannel\":\"ALIPAYACCOUNT\"}]");
        }
        fields.put("gmt_create", AlipayTime.format(trade.createdAt()));
        putIfPresent(fields, "gmt_payment", trade.paidAt() == null ? null : AlipayTime.format(trade.paidAt()));
        putIfPresent(fields, "gmt_close", trade.closedAt() == null ? null : AlipayTime.format(trade.closedAt()));
        fields.put("sign", Signatures.sign(Signatures.content(fields, Signatures.NOTIFICATION_EXCLUDES),
                trade.charset(), trade.signType(), fault.wrongSignKey() ? strangerKey : keys.platformPrivate()));
        return fields;
    }

    /**
     * @param extra added to this delivery's delay (the "delay" fault)
     * @param older delivered right after this delivery (the "reorder" fault), or null
     */
    private void scheduleDelivery(Notification notification, TradeNotifications notifications, int index,
                                  Duration extra, Notification older) {
        List<Duration> schedule = settings.notifyRetrySchedule();
        if (index >= schedule.size()) {
            log.warn("notification {} of trade {} not acknowledged after {} deliveries: giving up",
                    notification.notifyId(), notification.trade().outTradeNo(), schedule.size());
            return;
        }
        Mono.delay(schedule.get(index).plus(extra), timer)
                .filter(tick -> !notifications.acknowledged.contains(notification.notifyId()))
                .flatMap(tick -> deliver(notification, notifications, DeliveryAttempt.Trigger.SCHEDULE))
                .flatMap(attempt -> older == null ? Mono.just(attempt)
                        : deliver(older, notifications, DeliveryAttempt.Trigger.SCHEDULE).thenReturn(attempt))
                .subscribe(
                        attempt -> {
                            if (!attempt.acknowledged()) {
                                scheduleDelivery(notification, notifications, index + 1, Duration.ZERO, null);
                            }
                        },
                        error -> log.warn("notification {} stopped: {}", notification.notifyId(), error.toString()));
    }

    private Mono<DeliveryAttempt> deliver(Notification notification, TradeNotifications notifications,
                                          DeliveryAttempt.Trigger trigger) {
        Trade trade = notification.trade();
        int number = notifications.counter.incrementAndGet();
        Instant at = clock.instant();
        String form = formEncode(signedFields(notification, at), trade);
        return web.post()
                .uri(URI.create(trade.notifyUrl()))
                .contentType(MediaType.parseMediaType("application/x-www-form-urlencoded;charset=" + charsetName(trade)))
                .bodyValue(form.getBytes(trade.charset()))
                .exchangeToMono(response -> response.bodyToMono(byte[].class)
                        .defaultIfEmpty(new byte[0])
                        .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                        .map(body -> new DeliveryAttempt(notification.notifyId(), number, at, trigger,
                                response.statusCode().value(), shorten(body),
                                response.statusCode().value() == 200 && "success".equals(body), null)))
                .timeout(settings.notifyTimeout())
                .onErrorResume(error -> Mono.just(new DeliveryAttempt(notification.notifyId(), number, at, trigger,
                        null, null, false, error.toString())))
                .doOnNext(attempt -> {
                    notifications.attempts.add(attempt);
                    if (attempt.acknowledged()) {
                        notifications.acknowledged.add(notification.notifyId());
                    }
                    log.info("notification {} of trade {} delivery {} ({}): status {}, acknowledged {}{}",
                            attempt.notifyId(), trade.outTradeNo(), attempt.attempt(), trigger, attempt.httpStatus(),
                            attempt.acknowledged(), attempt.error() == null ? "" : ", " + attempt.error());
                });
    }

    /** Every value form-encoded: a raw {@code +} in {@code sign} would otherwise decode to a space. */
    private static String formEncode(Map<String, String> fields, Trade trade) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), trade.charset()))
                .collect(Collectors.joining("&"));
    }

    private static String charsetName(Trade trade) {
        return trade.charset().name().toLowerCase(Locale.ROOT);
    }

    private static void putIfPresent(Map<String, String> fields, String name, String value) {
        if (value != null && !value.isEmpty()) {
            fields.put(name, value);
        }
    }

    private static String shorten(String body) {
        return body.length() <= KEPT_RESPONSE_CHARS ? body : body.substring(0, KEPT_RESPONSE_CHARS) + "…";
    }

    @Override
    public void destroy() {
        timer.dispose();
    }

    /**
     * One status change to tell the merchant about.
     *
     * @param notifyId stays the same across every delivery of it
     * @param trade    the trade as of that change
     * @param refund   the refund that caused it, or null for a payment
     */
    record Notification(String notifyId, Trade trade, Refund refund) {
    }

    /** What was notified for one trade. */
    private static final class TradeNotifications {
        private volatile Notification current;
        private final AtomicInteger counter = new AtomicInteger();
        private final List<DeliveryAttempt> attempts = new CopyOnWriteArrayList<>();
        private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    }
}
