package io.paygate.sandbox.wechat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WeChat Pay API v3 at its real paths (the merchant's interceptor only changes scheme, host and
 * port), also under {@code /wechat} for clients that add that prefix. Every call is checked with
 * {@link MerchantAuthentication}; every answer, 204 and errors included, carries
 * {@code Wechatpay-Timestamp/Nonce/Signature/Serial} and {@code Request-ID} in exactly that case
 * (ref §3.1, §10.1–10.6). Only the bill file itself is unsigned, as at WeChat Pay.
 */
@RestController
@RequestMapping({"", "/wechat"})
@ConditionalOnWechatSandbox
class WechatApi {

    private static final Logger log = LoggerFactory.getLogger(WechatApi.class);
    private static final String JSON_UTF8 = "application/json; charset=utf-8";
    private static final Duration STALE = Duration.ofMinutes(10);

    private final WechatSandboxSettings settings;
    private final MerchantAuthentication authentication;
    private final PlatformKeys keys;
    private final PaymentDesk desk;
    private final BillDesk bills;
    private final Orders orders;
    private final WechatFaults faults;
    private final Clock clock;
    /** Its own mapper: the wire format must not follow application-wide JSON settings. */
    private final JsonMapper json = JsonMapper.builder().build();
    private final java.security.PrivateKey strangerKey = io.paygate.common.keys.PemKeys.generateRsa().getPrivate();

    WechatApi(WechatSandboxSettings settings, MerchantAuthentication authentication, PlatformKeys keys, PaymentDesk desk,
              BillDesk bills, Orders orders, WechatFaults faults, Clock clock) {
        this.settings = settings;
        this.authentication = authentication;
        this.keys = keys;
        this.desk = desk;
        this.bills = bills;
        this.orders = orders;
        this.faults = faults;
        this.clock = clock;
    }

    @PostMapping("/v3/pay/transactions/{product:native|app|jsapi|h5}")
    Mono<ResponseEntity<byte[]>> prepay(@PathVariable String product, @RequestBody(required = false) byte[] body,
                                        ServerWebExchange exchange) {
        return handle(exchange, body, () -> parse(body).path("out_trade_no").asString(null),
                () -> PaymentDesk.prepayAnswer(desk.prepay(TradeType.ofPath(product), parse(body))));
    }

    @GetMapping("/v3/pay/transactions/out-trade-no/{outTradeNo}")
    Mono<ResponseEntity<byte[]>> query(@PathVariable String outTradeNo, @RequestParam(required = false) String mchid,
                                       ServerWebExchange exchange) {
        return handle(exchange, null, () -> outTradeNo, () -> WechatViews.transaction(desk.query(outTradeNo, mchid)));
    }

    @GetMapping("/v3/pay/transactions/id/{transactionId}")
    Mono<ResponseEntity<byte[]>> queryById(@PathVariable String transactionId, @RequestParam(required = false) String mchid,
                                           ServerWebExchange exchange) {
        return handle(exchange, null, () -> orders.byTransactionId(transactionId).map(WechatOrder::outTradeNo).orElse(null),
                () -> WechatViews.transaction(desk.queryByTransactionId(transactionId, mchid)));
    }

    @PostMapping("/v3/pay/transactions/out-trade-no/{outTradeNo}/close")
    Mono<ResponseEntity<byte[]>> close(@PathVariable String outTradeNo, @RequestBody(required = false) byte[] body,
                                       ServerWebExchange exchange) {
        return handle(exchange, body, () -> outTradeNo, () -> {
            desk.close(outTradeNo, parse(body));
            return null;
        });
    }

    @PostMapping("/v3/refund/domestic/refunds")
    Mono<ResponseEntity<byte[]>> refund(@RequestBody(required = false) byte[] body, ServerWebExchange exchange) {
        return handle(exchange, body, () -> {
            JsonNode request = parse(body);
            String outTradeNo = request.path("out_trade_no").asString(null);
            return outTradeNo != null ? outTradeNo : orders.byTransactionId(request.path("transaction_id").asString(""))
                    .map(WechatOrder::outTradeNo).orElse(null);
        }, () -> desk.refund(parse(body)));
    }

    @GetMapping("/v3/refund/domestic/refunds/{outRefundNo}")
    Mono<ResponseEntity<byte[]>> refundQuery(@PathVariable String outRefundNo, ServerWebExchange exchange) {
        return handle(exchange, null, () -> orders.byOutRefundNo(outRefundNo).map(WechatOrder::outTradeNo).orElse(null),
                () -> desk.refundQuery(outRefundNo));
    }

    @GetMapping("/v3/bill/tradebill")
    Mono<ResponseEntity<byte[]>> tradeBill(@RequestParam(name = "bill_date", required = false) String billDate,
                                           @RequestParam(name = "bill_type", required = false) String billType,
                                           @RequestParam(name = "tar_type", required = false) String tarType,
                                           ServerWebExchange exchange) {
        return handle(exchange, null, () -> null, () -> bills.tradeBill(billDate, billType, tarType));
    }

    /** The bill file: a signed request, an unsigned answer (ref §9). */
    @GetMapping("/v3/billdownload/file")
    ResponseEntity<byte[]> billFile(@RequestParam(required = false) String token, ServerWebExchange exchange) {
        authenticate(exchange, "");
        byte[] file = bills.download(token);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, "application/octet-stream").header("Request-ID", requestId())
                .body(file);
    }

    /** Platform certificates, each encrypted with the API v3 key (ref §10.13); older keys stay listed. */
    @GetMapping("/v3/certificates")
    Mono<ResponseEntity<byte[]>> certificates(ServerWebExchange exchange) {
        return handle(exchange, null, () -> null, () -> {
            var data = keys.all().stream().map(key -> {
                var encrypted = WechatCrypto.encrypt(settings.apiV3Key(), "certificate", key.certificatePem());
                var certificate = new LinkedHashMap<String, Object>();
                certificate.put("algorithm", "AEAD_AES_256_GCM");
                certificate.put("nonce", encrypted.nonce());
                certificate.put("associated_data", encrypted.associatedData());
                certificate.put("ciphertext", encrypted.ciphertext());
                var entry = new LinkedHashMap<String, Object>();
                entry.put("serial_no", key.certificateSerial());
                entry.put("effective_time", WechatTime.format(key.certificate().getNotBefore().toInstant()));
                entry.put("expire_time", WechatTime.format(key.certificate().getNotAfter().toInstant()));
                entry.put("encrypt_certificate", certificate);
                return entry;
            }).toList();
            return Map.of("data", data);
        });
    }

    @ExceptionHandler(WechatError.class)
    ResponseEntity<byte[]> refused(WechatError error, ServerWebExchange exchange) {
        var body = new LinkedHashMap<String, Object>();
        body.put("code", error.code());
        body.put("message", error.getMessage());
        if (error.detail() != null) {
            body.put("detail", error.detail());
        }
        return answer(exchange, error.status(), body, OrderFaults.NONE);
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<byte[]> failed(RuntimeException error, ServerWebExchange exchange) {
        log.error("WeChat Pay API call {} failed", exchange.getRequest().getPath(), error);
        return answer(exchange, HttpStatus.INTERNAL_SERVER_ERROR, Map.of("code", "SYSTEM_ERROR", "message", "系统错误"),
                OrderFaults.NONE);
    }

    /**
     * Authenticates, applies the order's API fault, runs the call and signs its answer (null: 204).
     *
     * @param orderNo the order the call is about, for its faults (null: none)
     */
    private Mono<ResponseEntity<byte[]>> handle(ServerWebExchange exchange, byte[] body, Supplier<String> orderNo,
                                                Supplier<Map<String, Object>> call) {
        authenticate(exchange, body == null ? "" : new String(body, StandardCharsets.UTF_8));
        OrderFaults fault = faultFor(orderNo);
        if (fault.api() == OrderFaults.ApiFault.SYSTEM_ERROR) {
            return Mono.just(answer(exchange, HttpStatus.INTERNAL_SERVER_ERROR, Map.of("code", "SYSTEM_ERROR", "message",
                    "系统错误"), OrderFaults.NONE));
        }
        if (fault.api() == OrderFaults.ApiFault.FREQUENCY_LIMITED) {
            return Mono.just(answer(exchange, HttpStatus.TOO_MANY_REQUESTS, Map.of("code", "FREQUENCY_LIMITED", "message",
                    "频率超限"), OrderFaults.NONE));
        }
        Map<String, Object> result = call.get();
        ResponseEntity<byte[]> response = result == null ? answer(exchange, HttpStatus.NO_CONTENT, null, fault)
                : answer(exchange, HttpStatus.OK, result, fault);
        return fault.api() == OrderFaults.ApiFault.HANG
                ? Mono.delay(Duration.ofMillis(fault.hangMillis())).thenReturn(response) : Mono.just(response);
    }

    private OrderFaults faultFor(Supplier<String> orderNo) {
        try {
            return faults.forOrder(orderNo.get());
        } catch (RuntimeException unreadable) {
            return OrderFaults.NONE; // the call itself will refuse the body
        }
    }

    private void authenticate(ServerWebExchange exchange, String body) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getURI().getRawPath();
        if (path.startsWith("/wechat/v3/")) {
            path = path.substring("/wechat".length());
        }
        String query = request.getURI().getRawQuery();
        authentication.check(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION), request.getMethod().name(),
                query == null ? path : path + "?" + query, body);
    }

    /** A signed answer: the key the caller names in {@code Wechatpay-Serial}, else the configured identity. */
    private ResponseEntity<byte[]> answer(ServerWebExchange exchange, HttpStatus status, Map<String, Object> body,
                                          OrderFaults fault) {
        String text = body == null ? "" : json.writeValueAsString(body);
        boolean certificates = exchange.getRequest().getURI().getRawPath().endsWith("/v3/certificates");
        var signing = keys.forAnswer(exchange.getRequest().getHeaders().getFirst("Wechatpay-Serial"),
                certificates ? WechatSandboxSettings.Signing.PLATFORM_CERTIFICATE : settings.signing());
        Instant now = clock.instant();
        if (fault.api() == OrderFaults.ApiFault.STALE_TIMESTAMP) {
            now = now.minus(STALE);
        }
        String timestamp = Long.toString(now.getEpochSecond());
        String nonce = WechatCrypto.hexNonce();
        String signature = WechatCrypto.sign(WechatCrypto.responseMessage(timestamp, nonce, text),
                fault.api() == OrderFaults.ApiFault.BAD_SIGNATURE ? strangerKey : signing.privateKey());
        var builder = ResponseEntity.status(status)
                .header("Wechatpay-Nonce", nonce)
                .header("Wechatpay-Signature", signature)
                .header("Wechatpay-Timestamp", timestamp)
                .header("Wechatpay-Serial", signing.serial())
                .header("Wechatpay-Signature-Type", MerchantAuthentication.SCHEME)
                .header("Request-ID", requestId());
        if (body == null) {
            return builder.build();
        }
        return builder.header(HttpHeaders.CONTENT_TYPE, JSON_UTF8).body(text.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new WechatError(HttpStatus.BAD_REQUEST, "PARAM_ERROR", "参数错误: 请求体为空");
        }
        try {
            JsonNode node = json.readTree(body);
            if (!node.isObject()) {
                throw new WechatError(HttpStatus.BAD_REQUEST, "PARAM_ERROR", "参数错误: 请求体应为 JSON 对象");
            }
            return node;
        } catch (JacksonException e) {
            throw new WechatError(HttpStatus.BAD_REQUEST, "PARAM_ERROR", "参数错误: 请求体不是合法的 JSON");
        }
    }

    /** Like WeChat Pay's: 40 upper-case hex characters and a sequence suffix. */
    static String requestId() {
        return (WechatCrypto.hexNonce() + WechatCrypto.hexNonce().substring(0, 8)).toUpperCase(Locale.ROOT) + "-0";
    }

}
