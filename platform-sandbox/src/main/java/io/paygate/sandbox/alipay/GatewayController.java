package io.paygate.sandbox.alipay;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import tools.jackson.databind.JsonNode;

/**
 * Alipay's OpenAPI gateway: one endpoint for every method, GET or POST (ref §2, §11.1-6).
 * API answers are always HTTP 200 with the JSON envelope under {@code text/html}, as production
 * sends them; the browser methods answer with the cashier page. A gateway fault switched on for
 * the order a call names ({@link TradeFaults#gateway()}) replaces or delays the answer.
 */
@RestController
class GatewayController {

    private static final Set<String> API_METHODS = Set.of("alipay.trade.query", "alipay.trade.close",
            "alipay.trade.refund", "alipay.trade.fastpay.refund.query", "alipay.data.dataservice.bill.downloadurl.query");
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final TradeDesk desk;
    private final Bills bills;
    private final AlipayKeys keys;
    private final RequestVerifier verifier;
    private final Faults faults;
    private final CertificateMode certificates;

    GatewayController(TradeDesk desk, Bills bills, AlipayKeys keys, RequestVerifier verifier, Faults faults,
                      CertificateMode certificates) {
        this.desk = desk;
        this.bills = bills;
        this.keys = keys;
        this.verifier = verifier;
        this.faults = faults;
        this.certificates = certificates;
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
        return body.flatMap(bytes -> answer(rawQuery, bytes));
    }

    /**
     * The order's gateway fault, if any: an unknown error or a 500 instead of handling the call,
     * or the call handled and its answer held back.
     */
    private Mono<ResponseEntity<byte[]>> answer(String rawQuery, byte[] form) {
        GatewayRequest request;
        try {
            request = GatewayRequest.parse(rawQuery, form);
        } catch (Failure.AlipayRefusal refusal) {
            return Mono.just(api(Envelope.failure(Envelope.ERROR_NODE, refusal.failure()), StandardCharsets.UTF_8));
        }
        TradeFaults fault = faultFor(request);
        if (fault.gateway() == null) {
            return Mono.just(answer(request, fault));
        }
        return switch (fault.gateway()) {
            case UNKNOWN_ERROR -> Mono.just(api(failure(nodeFor(request.method()),
                    new Failure("20000", "Service Currently Unavailable", "isp.unknow-error", "系统繁忙"), request), request.charset()));
            case HTTP_500 -> Mono.just(ResponseEntity.status(500).header(HttpHeaders.CONTENT_TYPE, "text/html;charset=utf-8")
                    .body("<html><body>500 Internal Server Error</body></html>".getBytes(StandardCharsets.UTF_8)));
            // handled at once, answered late: the merchant who gives up does not know the refund happened
            case HANG -> Mono.just(answer(request, fault)).delayElement(Duration.ofMillis(fault.hangMillis()));
        };
    }

    private TradeFaults faultFor(GatewayRequest request) {
        if (request.method() == null || !isApiMethod(request.method()) || request.get("biz_content") == null) {
            return TradeFaults.NONE;
        }
        try {
            JsonNode biz = request.bizContent();
            JsonNode tradeNo = biz.get("trade_no");
            JsonNode outTradeNo = biz.get("out_trade_no");
            String order = outTradeNo != null && outTradeNo.isString() ? outTradeNo.asString()
                    : tradeNo != null && tradeNo.isString() ? desk.findByTradeNo(tradeNo.asString()).map(Trade::outTradeNo).orElse(null)
                    : null;
            return faults.forTradeOrNone(order);
        } catch (Failure.AlipayRefusal refusal) {
            return TradeFaults.NONE;
        }
    }

    private ResponseEntity<byte[]> answer(GatewayRequest request, TradeFaults fault) {
        String method = request.method();
        // app pay is never sent to the gateway: its order string goes to the app (SandboxControls#payInApp)
        Optional<Product> product = Optional.ofNullable(method).flatMap(Product::byMethod).filter(Product::opensCashier);
        try {
            SignType signType = verifier.check(request,
                    m -> isApiMethod(m) || Product.byMethod(m).filter(Product::opensCashier).isPresent());
            if (product.isPresent()) {
                return page(CashierPages.forTrade(desk.open(request, product.get())));
            }
            Map<String, String> fields = switch (method) {
                case "alipay.trade.query" -> desk.query(request.bizContent());
                case "alipay.trade.close" -> desk.close(request.bizContent());
                case "alipay.trade.refund" -> desk.refund(request.bizContent());
                case "alipay.trade.fastpay.refund.query" -> desk.refundQuery(request.bizContent());
                case "alipay.data.dataservice.bill.downloadurl.query" -> bills.downloadUrl(request.bizContent());
                case CertificateMode.DOWNLOAD_METHOD -> certificates.download(textOf(request.bizContent(), "alipay_cert_sn"));
                default -> throw new IllegalStateException("unhandled method " + method);
            };
            String certSn = fault.alipayCertSn() != null && certificates.enabled() ? fault.alipayCertSn() : certificates.alipayCertSn();
            return api(Envelope.success(method, fields, request.charset(), signType, keys.platformPrivate(), certSn), request.charset());
        } catch (Failure.AlipayRefusal refusal) {
            if (product.isPresent()) {
                return page(CashierPages.error(refusal.failure()));
            }
            return api(failure(nodeFor(method), refusal.failure(), request), request.charset());
        }
    }

    /** Unsigned as production answers in public-key mode; signed and naming the certificate in certificate mode. */
    private String failure(String node, Failure failure, GatewayRequest request) {
        if (!certificates.enabled()) {
            return Envelope.failure(node, failure);
        }
        SignType signType = SignType.of(request.get("sign_type")).orElse(SignType.RSA2);
        return Envelope.signedFailure(node, failure, request.charset(), signType, keys.platformPrivate(), certificates.alipayCertSn());
    }

    /** The certificate download exists only for applications in certificate mode. */
    private boolean isApiMethod(String method) {
        return API_METHODS.contains(method) || certificates.enabled() && CertificateMode.DOWNLOAD_METHOD.equals(method);
    }

    private String nodeFor(String method) {
        return method != null && isApiMethod(method) ? Envelope.nodeName(method) : Envelope.ERROR_NODE;
    }

    private static String textOf(JsonNode biz, String field) {
        JsonNode value = biz.get(field);
        return value != null && value.isString() ? value.asString() : null;
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
