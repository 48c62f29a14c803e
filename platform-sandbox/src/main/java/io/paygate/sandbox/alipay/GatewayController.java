package io.paygate.sandbox.alipay;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Alipay's OpenAPI gateway: one endpoint for every method, GET or POST (ref §2, §11.1-6).
 * API answers are always HTTP 200 with the JSON envelope under {@code text/html}, as production
 * sends them; the browser methods answer with the cashier page.
 */
@RestController
class GatewayController {

    private static final Set<String> API_METHODS = Set.of("alipay.trade.query", "alipay.trade.close");
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final TradeDesk desk;
    private final AlipayKeys keys;
    private final AlipaySandboxSettings settings;

    GatewayController(TradeDesk desk, AlipayKeys keys, AlipaySandboxSettings settings) {
        this.desk = desk;
        this.keys = keys;
        this.settings = settings;
    }

    @RequestMapping(path = "/alipay/gateway.do", method = {RequestMethod.GET, RequestMethod.POST})
    Mono<ResponseEntity<byte[]>> gateway(ServerWebExchange exchange) {
        var request = exchange.getRequest();
        MediaType contentType = request.getHeaders().getContentType();
        boolean form = contentType != null && MediaType.APPLICATION_FORM_URLENCODED.includes(contentType);
        Mono<byte[]> body = !form ? Mono.just(new byte[0]) : DataBufferUtils.join(request.getBody(), MAX_BODY_BYTES)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0]);
        String rawQuery = request.getURI().getRawQuery();
        return body.map(bytes -> answer(rawQuery, bytes));
    }

    private ResponseEntity<byte[]> answer(String rawQuery, byte[] form) {
        GatewayRequest request;
        try {
            request = GatewayRequest.parse(rawQuery, form);
        } catch (Failure.AlipayRefusal refusal) {
            return api(Envelope.failure(Envelope.ERROR_NODE, refusal.failure()), StandardCharsets.UTF_8);
        }
        String method = request.method();
        Optional<Product> product = Optional.ofNullable(method).flatMap(Product::byMethod);
        try {
            SignType signType = checkProtocol(request);
            if (product.isPresent()) {
                return page(CashierPages.forTrade(desk.open(request, product.get())));
            }
            Map<String, String> fields = switch (method) {
                case "alipay.trade.query" -> desk.query(request.bizContent());
                case "alipay.trade.close" -> desk.close(request.bizContent());
                default -> throw new IllegalStateException("unhandled method " + method);
            };
            return api(Envelope.success(method, fields, request.charset(), signType, keys.platformPrivate()), request.charset());
        } catch (Failure.AlipayRefusal refusal) {
            if (product.isPresent()) {
                return page(CashierPages.error(refusal.failure()));
            }
            boolean knownMethod = method != null && API_METHODS.contains(method);
            String node = knownMethod ? Envelope.nodeName(method) : Envelope.ERROR_NODE;
            return api(Envelope.failure(node, refusal.failure()), request.charset());
        }
    }

    /**
     * The gateway's checks before any business: required protocol parameters, the application,
     * the method, then the signature exactly as ref §2.3 (everything but {@code sign}, so
     * {@code sign_type} is included).
     */
    private SignType checkProtocol(GatewayRequest request) {
        if (request.get("app_id") == null) {
            throw Failure.missing("isv.missing-app-id", "缺少AppID参数").refusal();
        }
        if (request.method() == null) {
            throw Failure.missing("isv.missing-method", "缺少方法名参数").refusal();
        }
        if (request.get("sign") == null) {
            throw Failure.missing("isv.missing-signature", "缺少签名参数").refusal();
        }
        if (request.get("sign_type") == null) {
            throw Failure.missing("isv.missing-signature-type", "缺少签名类型参数").refusal();
        }
        if (request.get("timestamp") == null) {
            throw Failure.missing("isv.missing-timestamp", "缺少时间戳参数").refusal();
        }
        if (!settings.appId().equals(request.get("app_id"))) {
            throw Failure.invalid("isv.invalid-app-id", "无效的AppID参数").refusal();
        }
        if (!API_METHODS.contains(request.method()) && Product.byMethod(request.method()).isEmpty()) {
            throw Failure.invalid("isv.invalid-method", "不存在的方法名").refusal();
        }
        SignType signType = SignType.of(request.get("sign_type"))
                .orElseThrow(() -> Failure.invalid("isv.invalid-signature-type", "无效的签名类型").refusal());
        if (AlipayTime.parse(request.get("timestamp")).isEmpty()) {
            throw Failure.invalid("isv.invalid-timestamp", "非法的时间戳参数").refusal();
        }
        String content = Signatures.content(request.params(), Signatures.REQUEST_EXCLUDES);
        if (!Signatures.verify(content, request.get("sign"), request.charset(), signType, keys.appPublic())) {
            throw Failure.invalid("isv.invalid-signature", "验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配").refusal();
        }
        return signType;
    }

    /** Production labels its JSON {@code text/html}; the SDK reads only the charset (ref §3.1). */
    private static ResponseEntity<byte[]> api(String body, Charset charset) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, "text/html;charset=" + charset.name().toLowerCase(Locale.ROOT))
                .body(body.getBytes(charset));
    }

    private static ResponseEntity<byte[]> page(String html) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, "text/html;charset=utf-8")
                .body(html.getBytes(StandardCharsets.UTF_8));
    }
}
