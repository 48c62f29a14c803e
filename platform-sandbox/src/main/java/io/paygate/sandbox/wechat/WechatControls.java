package io.paygate.sandbox.wechat;

import io.paygate.common.money.Yuan;
import io.paygate.common.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The sandbox's ground truth and test controls for WeChat Pay, outside the platform's protocol:
 * what the platform believes about each order (a checker compares paygate's database with it),
 * every notification delivery, fault switches, and the platform's keys and their rotation.
 */
@RestController
@RequestMapping("/sandbox/wechat")
@ConditionalOnWechatSandbox
class WechatControls {

    private final PaymentDesk desk;
    private final Orders orders;
    private final WechatNotifier notifier;
    private final WechatFaults faults;
    private final PlatformKeys keys;
    private final WechatSandboxSettings settings;

    WechatControls(PaymentDesk desk, Orders orders, WechatNotifier notifier, WechatFaults faults, PlatformKeys keys,
                   WechatSandboxSettings settings) {
        this.desk = desk;
        this.orders = orders;
        this.notifier = notifier;
        this.faults = faults;
        this.keys = keys;
        this.settings = settings;
    }

    @GetMapping("/trades")
    List<TradeView> trades() {
        return orders.all().stream().map(this::view).toList();
    }

    @GetMapping("/trades/{outTradeNo}")
    TradeView trade(@PathVariable String outTradeNo) {
        return view(known(outTradeNo));
    }

    /** Pays like the scan page's button, without a browser; {@code openid} optional (JSAPI: must match). */
    @PostMapping("/trades/{outTradeNo}/pay")
    TradeView pay(@PathVariable String outTradeNo, @RequestParam(required = false) String openid) {
        known(outTradeNo);
        try {
            return view(desk.pay(outTradeNo, openid));
        } catch (WechatOrder.IllegalTransition refused) {
            throw new ApiException(HttpStatus.CONFLICT, "trade_not_payable", refused.getMessage());
        } catch (IllegalArgumentException wrongPayer) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "wrong_payer", wrongPayer.getMessage());
        } catch (NoSuchElementException unknown) {
            throw new ApiException(HttpStatus.NOT_FOUND, "trade_not_found", unknown.getMessage());
        }
    }

    /** Delivers the order's latest notification once more, now (a duplicate on demand); answers after the delivery. */
    @PostMapping("/trades/{outTradeNo}/notify")
    Mono<TradeView> notifyAgain(@PathVariable String outTradeNo) {
        known(outTradeNo);
        return notifier.deliverNow(outTradeNo)
                .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "no_notification",
                        "order " + outTradeNo + " has no notification yet"))
                .map(attempt -> view(known(outTradeNo)));
    }

    /** Moves an order's times (creation, payment, refunds, close) {@code days} into the past, e.g. onto yesterday's bill. */
    @PostMapping("/trades/{outTradeNo}/backdate")
    TradeView backdate(@PathVariable String outTradeNo, @RequestParam(defaultValue = "1") int days) {
        known(outTradeNo);
        if (days < 1 || days > 3650) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_days", "days must be within [1, 3650]");
        }
        return view(desk.backdate(outTradeNo, Duration.ofDays(days)));
    }

    /** Ends a PROCESSING refund now: {@code status} SUCCESS, ABNORMAL or CLOSED, notified like the timer would. */
    @PostMapping("/refunds/{outRefundNo}/finish")
    TradeView finishRefund(@PathVariable String outRefundNo, @RequestParam RefundStatus status) {
        WechatOrder order = orders.byOutRefundNo(outRefundNo).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "refund_not_found", "no refund " + outRefundNo));
        if (status == RefundStatus.PROCESSING) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_status", "a refund ends SUCCESS, ABNORMAL or CLOSED");
        }
        if (!desk.finishRefund(order.outTradeNo(), outRefundNo, status)) {
            throw new ApiException(HttpStatus.CONFLICT, "refund_finished", "refund " + outRefundNo + " is not PROCESSING");
        }
        return view(known(order.outTradeNo()));
    }

    /** Switches faults on for one order (see {@link OrderFaults} for the JSON); replaces earlier ones for it. */
    @PostMapping("/faults")
    OrderFaults setFaults(@RequestBody OrderFaults orderFaults) {
        try {
            faults.set(orderFaults);
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_faults", e.getMessage());
        }
        return orderFaults;
    }

    @DeleteMapping("/faults")
    ResponseEntity<Void> clearFaults(@RequestParam(required = false) String outTradeNo) {
        if (outTradeNo == null) {
            faults.clearAll();
        } else {
            faults.clear(outTradeNo);
        }
        return ResponseEntity.noContent().build();
    }

    /** The platform's keys, oldest first: what merchants configure (public key and its id, or the certificate). */
    @GetMapping("/keys")
    List<KeyView> keys() {
        return keys.all().stream().map(this::view).toList();
    }

    /** Adds a new platform key that signs from now on; the old ones stay listed and valid (overlap). */
    @PostMapping("/keys/rotate")
    KeyView rotate() {
        return view(keys.rotate());
    }

    private WechatOrder known(String outTradeNo) {
        return orders.find(outTradeNo).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "trade_not_found",
                "no order " + outTradeNo + " at the sandbox's WeChat Pay"));
    }

    private KeyView view(PlatformKeys.PlatformKey key) {
        return new KeyView(key.publicKeyId(), key.certificateSerial(), key == keys.active(), key.publicKeyPem(),
                key.certificatePem(), WechatTime.format(key.certificate().getNotBefore().toInstant()),
                WechatTime.format(key.certificate().getNotAfter().toInstant()), settings.signing().name());
    }

    private TradeView view(WechatOrder order) {
        return new TradeView(order.outTradeNo(), order.state().paid() ? order.transactionId() : null, order.tradeType().name(),
                order.state().name(), order.totalFen(), Yuan.format(order.totalFen()),
                order.state().paid() ? order.totalFen() : 0, order.refundedFen(),
                order.totalFen() - order.refundableFen() - order.refundedFen(), order.description(), order.attach(),
                order.notifyUrl(), order.credential(), order.prepayId(), order.payerOpenid(), time(order.createdAt()),
                time(order.timeExpire()), time(order.successAt()), time(order.closedAt()),
                order.refunds().stream().map(r -> new RefundView(r.outRefundNo(), r.refundId(), r.refundFen(),
                        r.status().name(), r.notifyUrl(), time(r.createdAt()), time(r.successAt()))).toList(),
                notifier.attempts(order.outTradeNo()).stream().map(a -> new AttemptView(a.notificationId(), a.eventType(),
                        a.url(), a.attempt(), time(a.at()), a.trigger().name(), a.httpStatus(), a.responseBody(),
                        a.acknowledged(), a.error(), a.signature())).toList());
    }

    private static String time(Instant at) {
        return WechatTime.format(at);
    }

    /**
     * An order as the sandbox's WeChat Pay sees it. Times are RFC 3339 in Beijing time; amounts in fen.
     *
     * @param transactionId  shown once paid
     * @param paidFen        what the payer paid (0 while unpaid or closed)
     * @param refundedFen    the sum of its successful refunds
     * @param refundingFen   the sum of its refunds still PROCESSING or ABNORMAL
     * @param credential     code_url, prepay_id or h5_url, as prepay answered
     * @param notifications  every delivery of its notifications (payment and refunds), in order
     */
    record TradeView(String outTradeNo, String transactionId, String tradeType, String state, long totalFen, String total,
                     long paidFen, long refundedFen, long refundingFen, String description, String attach, String notifyUrl,
                     String credential, String prepayId, String payerOpenid, String createdAt, String timeExpire,
                     String successTime, String closedAt, List<RefundView> refunds, List<AttemptView> notifications) {
    }

    /** One refund of an order. */
    record RefundView(String outRefundNo, String refundId, long refundFen, String status, String notifyUrl, String createdAt,
                      String successTime) {
    }

    /**
     * One delivery of a notification; {@code httpStatus} is null when the merchant did not answer.
     * {@code signature} is the delivery's {@code Wechatpay-Signature} header, which names one exact delivery.
     */
    record AttemptView(String notificationId, String eventType, String url, int attempt, String at, String trigger,
                       Integer httpStatus, String responseBody, boolean acknowledged, String error, String signature) {
    }

    /**
     * A platform key: in public-key mode merchants configure {@code publicKeyPem} with {@code publicKeyId};
     * in certificate mode they download certificates or configure {@code certificatePem}.
     *
     * @param active  whether it signs notifications and answers that do not name a key
     * @param signing the configured mode: PUBLIC_KEY or PLATFORM_CERTIFICATE
     */
    record KeyView(String publicKeyId, String certificateSerial, boolean active, String publicKeyPem, String certificatePem,
                   String effectiveTime, String expireTime, String signing) {
    }
}
