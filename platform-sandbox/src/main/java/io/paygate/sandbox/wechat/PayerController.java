package io.paygate.sandbox.wechat;

import io.paygate.common.web.ApiException;
import java.net.URI;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The payer's side, which WeChat itself plays in production: scanning a Native {@code code_url},
 * the H5 cashier behind {@code h5_url}, and an APP or JSAPI payer paying a {@code prepay_id}.
 */
@RestController
@RequestMapping("/sandbox/wechat")
@ConditionalOnWechatSandbox
class PayerController {

    private final PaymentDesk desk;
    private final Orders orders;
    private final WechatControls controls;

    PayerController(PaymentDesk desk, Orders orders, WechatControls controls) {
        this.desk = desk;
        this.orders = orders;
        this.controls = controls;
    }

    /** What scanning the QR code shows: by {@code code_url} (as scanned) or by {@code out_trade_no}. */
    @GetMapping(path = "/scan", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> scan(@RequestParam(name = "code_url", required = false) String codeUrl,
                                @RequestParam(name = "out_trade_no", required = false) String outTradeNo) {
        Optional<WechatOrder> order = codeUrl != null ? orders.byCredential(codeUrl) : orders.find(outTradeNo);
        return order.map(o -> html(HttpStatus.OK, PayerPages.order(o, "/sandbox/wechat/scan/pay", null)))
                .orElseGet(() -> html(HttpStatus.NOT_FOUND, PayerPages.problem("二维码已失效", "No order for this code.")));
    }

    /** The scan page's Pay button. */
    @PostMapping(path = "/scan/pay", produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> scanPay(ServerWebExchange exchange) {
        return exchange.getFormData().map(form -> payPage(form, null));
    }

    /** The H5 cashier ({@code h5_url}); a {@code redirect_url} is where the browser goes after paying. */
    @GetMapping(path = "/h5/checkmweb", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> h5(@RequestParam(name = "prepay_id", required = false) String prepayId,
                              @RequestParam(name = "redirect_url", required = false) String redirectUrl) {
        return orders.byPrepayId(prepayId == null ? "" : prepayId)
                .map(o -> html(HttpStatus.OK, PayerPages.order(o, "/sandbox/wechat/h5/pay", redirectUrl)))
                .orElseGet(() -> html(HttpStatus.NOT_FOUND, PayerPages.problem("链接已失效", "No order for this prepay_id.")));
    }

    @PostMapping(path = "/h5/pay", produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> h5Pay(ServerWebExchange exchange) {
        return exchange.getFormData().map(form -> payPage(form, form.getFirst("redirect_url")));
    }

    /** An APP payer confirms the payment the app started with {@code prepayId}. */
    @PostMapping("/app/pay")
    WechatControls.TradeView appPay(@RequestBody PayerRequest request) {
        return payByPrepayId(request, TradeType.APP);
    }

    /** A JSAPI payer ({@code openid}, which must be the order's {@code payer.openid}) pays {@code prepayId}. */
    @PostMapping("/jsapi/pay")
    WechatControls.TradeView jsapiPay(@RequestBody PayerRequest request) {
        if (request.openid() == null || request.openid().isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "openid_required", "a JSAPI payer is known by openid");
        }
        return payByPrepayId(request, TradeType.JSAPI);
    }

    /** Who pays what: a prepay id and, for JSAPI, the payer's openid. */
    record PayerRequest(String prepayId, String openid) {
    }

    private WechatControls.TradeView payByPrepayId(PayerRequest request, TradeType expected) {
        WechatOrder order = orders.byPrepayId(request.prepayId() == null ? "" : request.prepayId())
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "prepay_not_found", "no order for prepay_id "
                        + request.prepayId()));
        if (order.tradeType() != expected) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "wrong_trade_type", "prepay_id " + request.prepayId()
                    + " belongs to a " + order.tradeType() + " order, not " + expected);
        }
        return controls.pay(order.outTradeNo(), request.openid());
    }

    private ResponseEntity<String> payPage(MultiValueMap<String, String> form, String redirectUrl) {
        String outTradeNo = form.getFirst("out_trade_no");
        try {
            WechatOrder paid = desk.pay(outTradeNo == null ? "" : outTradeNo, null);
            if (redirectUrl != null && !redirectUrl.isBlank()) {
                return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(redirectUrl)).build();
            }
            return html(HttpStatus.OK, PayerPages.paid(paid));
        } catch (WechatOrder.IllegalTransition refused) {
            return html(HttpStatus.CONFLICT, PayerPages.problem("This order cannot be paid", refused.getMessage()));
        } catch (NoSuchElementException unknown) {
            return html(HttpStatus.NOT_FOUND, PayerPages.problem("No such order", unknown.getMessage()));
        }
    }

    private static ResponseEntity<String> html(HttpStatus status, String page) {
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .body(page);
    }
}
