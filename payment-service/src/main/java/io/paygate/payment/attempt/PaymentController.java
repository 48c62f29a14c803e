package io.paygate.payment.attempt;

import io.paygate.common.web.ApiException;
import io.paygate.events.Channel;
import io.paygate.payment.alipay.AlipayGateway;
import io.paygate.payment.orders.OrderDirectory;
import io.paygate.payment.sweep.SweepSettings;
import io.paygate.payment.wechat.WechatGateway;
import io.paygate.payment.orders.OrderDirectory.OrderSummary;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Starts paying an order on a channel and scene, and hands the client what its buyer needs. */
@RestController
class PaymentController {

    private static final Logger log = LoggerFactory.getLogger(PaymentController.class);

    private final OrderDirectory orders;
    private final PaymentAttempts attempts;
    private final Optional<AlipayGateway> alipay;
    private final Optional<WechatGateway> wechat;
    private final Clock clock;
    private final SweepSettings sweep;

    PaymentController(OrderDirectory orders, PaymentAttempts attempts, ObjectProvider<AlipayGateway> alipay,
                      ObjectProvider<WechatGateway> wechat, Clock clock, SweepSettings sweep) {
        this.wechat = Optional.ofNullable(wechat.getIfAvailable());
        this.sweep = sweep;
        this.orders = orders;
        this.attempts = attempts;
        this.alipay = Optional.ofNullable(alipay.getIfAvailable());
        this.clock = clock;
    }

    record PayRequest(@NotNull Channel channel, @NotNull Scene scene) {
    }

    /**
     * What the client hands its buyer. Alipay PC and WAP: {@code formHtml} (auto-submitting form)
     * and {@code redirectUrl} (the same request as one GET URL). Alipay APP: {@code orderString},
     * the signed string the app passes to Alipay's app SDK. WeChat Native: {@code codeUrl}, the
     * {@code weixin://} URL to show as a QR code.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Credential(String type, String formHtml, String redirectUrl, String orderString, String codeUrl) {
    }

    record PaymentView(long attemptId, String orderNo, Channel channel, Scene scene, AttemptStatus status,
                       long amountFen, Instant expiresAt, Credential credential) {
    }

    @Operation(summary = "Start (or restart) paying an order with a channel and scene")
    @PostMapping("/api/v1/orders/{orderNo}/payments")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<PaymentView> pay(@PathVariable String orderNo, @Valid @RequestBody PayRequest request,
                          @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "send Authorization: Bearer <api key>"));
        }
        return orders.find(orderNo, authorization)
                .flatMap(this::requirePayable)
                .flatMap(order -> start(order, request));
    }

    private Mono<OrderSummary> requirePayable(OrderSummary order) {
        if (!"PENDING_PAYMENT".equals(order.status())) {
            return Mono.error(new ApiException(HttpStatus.CONFLICT, "order_not_payable",
                    "order " + order.orderNo() + " is " + order.status() + ", not waiting for payment"));
        }
        if (!order.expiresAt().isAfter(clock.instant())) {
            return Mono.error(new ApiException(HttpStatus.CONFLICT, "order_expired",
                    "order " + order.orderNo() + " passed its pay deadline " + order.expiresAt()));
        }
        return Mono.just(order);
    }

    private Mono<PaymentView> start(OrderSummary order, PayRequest request) {
        if (request.channel() == Channel.WECHAT) {
            return startWechat(order, request);
        }
        AlipayGateway gateway = alipay.orElseThrow(() -> new ApiException(HttpStatus.UNPROCESSABLE_CONTENT,
                "channel_not_available", "Alipay is not enabled on this deployment"));
        Mono<Credential> credential = switch (request.scene()) {
            case PC -> gateway.pagePay(order.orderNo(), order.subject(), order.payableFen(), order.expiresAt())
                    .map(page -> new Credential("ALIPAY_PAGE", page.formHtml(), page.redirectUrl(), null, null));
            case WAP -> gateway.wapPay(order.orderNo(), order.subject(), order.payableFen(), order.expiresAt())
                    .map(page -> new Credential("ALIPAY_WAP", page.formHtml(), page.redirectUrl(), null, null));
            case APP -> gateway.appPay(order.orderNo(), order.subject(), order.payableFen(), order.expiresAt())
                    .map(orderString -> new Credential("ALIPAY_APP", null, null, orderString, null));
            case NATIVE, JSAPI, H5 -> Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "scene_not_supported",
                    request.scene() + " is a WeChat Pay scene; Alipay takes PC, WAP or APP"));
        };
        return credential
                .onErrorMap(e -> !(e instanceof ApiException), e -> {
                    log.atError().addKeyValue("orderNo", order.orderNo()).log("Alipay {} pay failed: {}", request.scene(), e.toString());
                    return new ApiException(HttpStatus.BAD_GATEWAY, "platform_error", "Alipay could not prepare the payment");
                })
                .flatMap(prepared -> record(order, Channel.ALIPAY, request.scene(), prepared))
                .doOnNext(view -> log.atInfo().addKeyValue("orderNo", view.orderNo())
                        .log("payment attempt {} for order {} via {} {}", view.attemptId(), view.orderNo(), view.channel(), view.scene()));
    }

    private Mono<PaymentView> startWechat(OrderSummary order, PayRequest request) {
        WechatGateway gateway = wechat.orElseThrow(() -> new ApiException(HttpStatus.UNPROCESSABLE_CONTENT,
                "channel_not_available", "WeChat Pay is not enabled on this deployment"));
        if (request.scene() != Scene.NATIVE) {
            return Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "scene_not_supported",
                    "WeChat Pay scene " + request.scene() + " is not supported yet; use NATIVE"));
        }
        return gateway.nativePay(order.orderNo(), order.subject(), order.payableFen(), order.expiresAt())
                .onErrorMap(e -> !(e instanceof ApiException), e -> {
                    log.atError().addKeyValue("orderNo", order.orderNo()).log("WeChat Pay prepay failed: {}", e.toString());
                    return new ApiException(HttpStatus.BAD_GATEWAY, "platform_error", "WeChat Pay could not prepare the payment");
                })
                .map(codeUrl -> new Credential("WECHAT_NATIVE", null, null, null, codeUrl))
                .flatMap(prepared -> record(order, Channel.WECHAT, Scene.NATIVE, prepared));
    }

    private Mono<PaymentView> record(OrderSummary order, Channel channel, Scene scene, Credential prepared) {
        return attempts.start(order.orderNo(), channel, scene, order.payableFen(), order.expiresAt(), clock.instant(),
                        clock.instant().plus(sweep.firstCheckAfter()))
                .map(id -> new PaymentView(id, order.orderNo(), channel, scene, AttemptStatus.PENDING, order.payableFen(),
                        order.expiresAt(), prepared));
    }
}
