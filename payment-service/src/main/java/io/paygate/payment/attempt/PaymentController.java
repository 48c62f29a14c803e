package io.paygate.payment.attempt;

import io.paygate.common.web.ApiException;
import io.paygate.events.Channel;
import io.paygate.payment.alipay.AlipayGateway;
import io.paygate.payment.orders.OrderDirectory;
import io.paygate.payment.sweep.SweepSettings;
import io.paygate.common.qr.QrCode;
import io.paygate.payment.wechat.PrepayRefused;
import io.paygate.payment.wechat.WechatGateway;
import io.paygate.payment.wechat.WechatInvocations;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
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

    /**
     * @param payerOpenid   JSAPI only, required there: the buyer's openid under our appid
     * @param payerClientIp H5 only: the buyer's IP address; defaults to the address this request came from
     */
    record PayRequest(@NotNull Channel channel, @NotNull Scene scene, String payerOpenid, String payerClientIp) {
    }

    /**
     * What the client hands its buyer. Alipay PC and WAP: {@code formHtml} (auto-submitting form)
     * and {@code redirectUrl} (the same request as one GET URL). Alipay APP: {@code orderString},
     * the signed string the app passes to Alipay's app SDK. WeChat Native: {@code codeUrl}, the
     * {@code weixin://} URL to show as a QR code, and {@code qrPngUrl}/{@code qrSvgUrl}, paths of
     * that QR code as an image. WeChat APP: {@code appParams} for the OpenSDK's {@code PayReq}.
     * WeChat JSAPI: {@code jsapiParams} for {@code getBrandWCPayRequest}. WeChat H5: {@code h5Url}
     * to open in the mobile browser (valid 5 minutes).
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Credential(String type, String formHtml, String redirectUrl, String orderString, String codeUrl,
                      String qrPngUrl, String qrSvgUrl, WechatInvocations.AppParams appParams,
                      WechatInvocations.JsapiParams jsapiParams, String h5Url) {

        static Credential page(String type, AlipayGateway.PagePay page) {
            return new Credential(type, page.formHtml(), page.redirectUrl(), null, null, null, null, null, null, null);
        }

        static Credential alipayApp(String orderString) {
            return new Credential("ALIPAY_APP", null, null, orderString, null, null, null, null, null, null);
        }

        static Credential wechatNative(String orderNo, String codeUrl) {
            String qr = "/api/v1/orders/" + orderNo + "/payments/qr";
            return new Credential("WECHAT_NATIVE", null, null, null, codeUrl, qr + ".png", qr + ".svg", null, null, null);
        }

        static Credential wechatApp(WechatInvocations.AppParams params) {
            return new Credential("WECHAT_APP", null, null, null, null, null, null, params, null, null);
        }

        static Credential wechatJsapi(WechatInvocations.JsapiParams params) {
            return new Credential("WECHAT_JSAPI", null, null, null, null, null, null, null, params, null);
        }

        static Credential wechatH5(String h5Url) {
            return new Credential("WECHAT_H5", null, null, null, null, null, null, null, null, h5Url);
        }
    }

    record PaymentView(long attemptId, String orderNo, Channel channel, Scene scene, AttemptStatus status,
                       long amountFen, Instant expiresAt, Credential credential) {
    }

    @Operation(summary = "Start (or restart) paying an order with a channel and scene")
    @PostMapping("/api/v1/orders/{orderNo}/payments")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<PaymentView> pay(@PathVariable String orderNo, @Valid @RequestBody PayRequest request,
                          @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                          ServerHttpRequest http) {
        if (authorization == null || authorization.isBlank()) {
            return Mono.error(unauthorized());
        }
        var refused = refusedScene(request);
        if (refused != null) {
            return Mono.error(refused);
        }
        return orders.find(orderNo, authorization)
                .flatMap(this::requirePayable)
                .flatMap(order -> start(order, request, http));
    }

    /** A scene the channel does not have, or a JSAPI request without its payer: 400 before anything is asked. */
    static ApiException refusedScene(PayRequest request) {
        boolean wechatScene = switch (request.scene()) {
            case NATIVE, JSAPI, H5 -> true;
            case APP -> request.channel() == Channel.WECHAT;
            case PC, WAP -> false;
        };
        if (request.channel() == Channel.ALIPAY && wechatScene) {
            return new ApiException(HttpStatus.BAD_REQUEST, "scene_not_supported",
                    request.scene() + " is a WeChat Pay scene; Alipay takes PC, WAP or APP");
        }
        if (request.channel() == Channel.WECHAT && !wechatScene) {
            return new ApiException(HttpStatus.BAD_REQUEST, "scene_not_supported",
                    request.scene() + " is an Alipay scene; WeChat Pay takes NATIVE, APP, JSAPI or H5");
        }
        if (request.scene() == Scene.JSAPI && (request.payerOpenid() == null || request.payerOpenid().isBlank())) {
            return new ApiException(HttpStatus.BAD_REQUEST, "payer_openid_required",
                    "JSAPI pays as a known WeChat user: send payerOpenid, the buyer's openid under our appid");
        }
        return null;
    }

    /**
     * The order's WeChat Native QR code as a PNG ({@code scale} pixels per module) — the same
     * ownership check as paying: only the client app that owns the order gets it, and only while
     * the order still waits for money.
     */
    @Operation(summary = "The WeChat Native QR code of an order that waits for payment, as PNG")
    @GetMapping(path = "/api/v1/orders/{orderNo}/payments/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    Mono<ResponseEntity<byte[]>> qrPng(@PathVariable String orderNo, @RequestParam(defaultValue = "8") int scale,
                                       @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (scale < 1 || scale > 32) {
            return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "scale_out_of_range", "scale must be 1..32 pixels per module"));
        }
        return codeUrl(orderNo, authorization).map(QrCode::of)
                .map(qr -> image(MediaType.IMAGE_PNG, qr.png(scale)));
    }

    @Operation(summary = "The WeChat Native QR code of an order that waits for payment, as SVG")
    @GetMapping(path = "/api/v1/orders/{orderNo}/payments/qr.svg", produces = "image/svg+xml")
    Mono<ResponseEntity<byte[]>> qrSvg(@PathVariable String orderNo,
                                       @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return codeUrl(orderNo, authorization).map(QrCode::of)
                .map(qr -> image(MediaType.parseMediaType("image/svg+xml"), qr.svg().getBytes(StandardCharsets.UTF_8)));
    }

    private Mono<String> codeUrl(String orderNo, String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Mono.error(unauthorized());
        }
        return orders.find(orderNo, authorization)
                .flatMap(this::requirePayable)
                .flatMap(order -> attempts.openCodeUrl(order.orderNo()))
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.NOT_FOUND, "qr_not_available",
                        "order " + orderNo + " has no open WeChat Native payment: start one with scene NATIVE")));
    }

    private static ResponseEntity<byte[]> image(MediaType type, byte[] body) {
        // the code is a payment credential: kept out of shared caches
        return ResponseEntity.ok().contentType(type).cacheControl(CacheControl.noStore()).body(body);
    }

    private static ApiException unauthorized() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "send Authorization: Bearer <api key>");
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

    private Mono<PaymentView> start(OrderSummary order, PayRequest request, ServerHttpRequest http) {
        if (request.channel() == Channel.WECHAT) {
            return startWechat(order, request, http);
        }
        AlipayGateway gateway = alipay.orElseThrow(() -> new ApiException(HttpStatus.UNPROCESSABLE_CONTENT,
                "channel_not_available", "Alipay is not enabled on this deployment"));
        Mono<Credential> credential = switch (request.scene()) {
            case PC -> gateway.pagePay(order.orderNo(), order.subject(), order.payableFen(), order.expiresAt())
                    .map(page -> Credential.page("ALIPAY_PAGE", page));
            case WAP -> gateway.wapPay(order.orderNo(), order.subject(), order.payableFen(), order.expiresAt())
                    .map(page -> Credential.page("ALIPAY_WAP", page));
            case APP -> gateway.appPay(order.orderNo(), order.subject(), order.payableFen(), order.expiresAt())
                    .map(Credential::alipayApp);
            case NATIVE, JSAPI, H5 -> Mono.error(new IllegalStateException("refused before: " + request.scene()));
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

    private Mono<PaymentView> startWechat(OrderSummary order, PayRequest request, ServerHttpRequest http) {
        WechatGateway gateway = wechat.orElseThrow(() -> new ApiException(HttpStatus.UNPROCESSABLE_CONTENT,
                "channel_not_available", "WeChat Pay is not enabled on this deployment"));
        String no = order.orderNo();
        Mono<Credential> credential = switch (request.scene()) {
            case NATIVE -> gateway.nativePay(no, order.subject(), order.payableFen(), order.expiresAt())
                    .map(codeUrl -> Credential.wechatNative(no, codeUrl));
            case APP -> gateway.appPay(no, order.subject(), order.payableFen(), order.expiresAt())
                    .map(Credential::wechatApp);
            case JSAPI -> gateway.jsapiPay(no, order.subject(), order.payableFen(), order.expiresAt(), request.payerOpenid().strip())
                    .map(Credential::wechatJsapi);
            case H5 -> gateway.h5Pay(no, order.subject(), order.payableFen(), order.expiresAt(), clientIp(request, http))
                    .map(Credential::wechatH5);
            case PC, WAP -> Mono.error(new IllegalStateException("refused before: " + request.scene()));
        };
        return credential
                .onErrorMap(e -> !(e instanceof ApiException), e -> {
                    log.atError().addKeyValue("orderNo", no).log("WeChat Pay {} prepay failed: {}", request.scene(), e.toString());
                    if (e instanceof PrepayRefused refused) {
                        return switch (refused.code()) {
                            // one out_trade_no per order (DESIGN): WeChat keeps the first scene's parameters
                            case "OUT_TRADE_NO_USED" -> new ApiException(HttpStatus.CONFLICT, "scene_conflict",
                                    "order " + no + " was already offered to WeChat Pay in another scene; pay it there");
                            case "ORDER_CLOSED" -> new ApiException(HttpStatus.CONFLICT, "order_not_payable",
                                    "WeChat Pay has closed order " + no);
                            default -> new ApiException(HttpStatus.BAD_GATEWAY, "platform_refused",
                                    "WeChat Pay refused the payment: " + refused.code());
                        };
                    }
                    return new ApiException(HttpStatus.BAD_GATEWAY, "platform_error", "WeChat Pay could not prepare the payment");
                })
                .flatMap(prepared -> record(order, Channel.WECHAT, request.scene(), prepared))
                .doOnNext(view -> log.atInfo().addKeyValue("orderNo", view.orderNo())
                        .log("payment attempt {} for order {} via {} {}", view.attemptId(), view.orderNo(), view.channel(), view.scene()));
    }

    private static String clientIp(PayRequest request, ServerHttpRequest http) {
        if (request.payerClientIp() != null && !request.payerClientIp().isBlank()) {
            return request.payerClientIp().strip();
        }
        var remote = http.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }

    private Mono<PaymentView> record(OrderSummary order, Channel channel, Scene scene, Credential prepared) {
        return attempts.start(order.orderNo(), channel, scene, order.payableFen(), order.expiresAt(), clock.instant(),
                        clock.instant().plus(sweep.firstCheckAfter()), prepared.codeUrl())
                .map(id -> new PaymentView(id, order.orderNo(), channel, scene, AttemptStatus.PENDING, order.payableFen(),
                        order.expiresAt(), prepared));
    }
}
