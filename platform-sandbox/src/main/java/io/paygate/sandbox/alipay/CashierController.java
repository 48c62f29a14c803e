package io.paygate.sandbox.alipay;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The buyer's side of the cashier after the gateway opened it: pay, leave, look again. */
@RestController
class CashierController {

    private final TradeDesk desk;

    CashierController(TradeDesk desk) {
        this.desk = desk;
    }

    @GetMapping("/alipay/cashier/{tradeNo}")
    ResponseEntity<byte[]> show(@PathVariable String tradeNo) {
        return desk.findByTradeNo(tradeNo)
                .map(trade -> html(HttpStatus.OK, CashierPages.forTrade(trade)))
                .orElseGet(() -> html(HttpStatus.NOT_FOUND, CashierPages.error(Failure.tradeNotExist())));
    }

    /**
     * Pay: the trade succeeds, the notification starts, and the browser goes back to the
     * merchant's return_url with the signed return parameters (ref §4).
     */
    @PostMapping("/alipay/cashier/{tradeNo}/pay")
    ResponseEntity<byte[]> pay(@PathVariable String tradeNo) {
        Trade paid;
        try {
            paid = desk.payByTradeNo(tradeNo);
        } catch (Failure.AlipayRefusal refusal) {
            HttpStatus status = "ACQ.TRADE_NOT_EXIST".equals(refusal.failure().subCode()) ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
            return html(status, CashierPages.error(refusal.failure()));
        }
        return desk.returnLocation(paid)
                .map(location -> ResponseEntity.status(HttpStatus.FOUND).location(URI.create(location)).<byte[]>build())
                .orElseGet(() -> html(HttpStatus.OK, CashierPages.paid(paid)));
    }

    @GetMapping("/alipay/cashier/{tradeNo}/cancel")
    ResponseEntity<byte[]> cancel(@PathVariable String tradeNo) {
        return desk.findByTradeNo(tradeNo)
                .map(trade -> html(HttpStatus.OK, CashierPages.cancelled(trade)))
                .orElseGet(() -> html(HttpStatus.NOT_FOUND, CashierPages.error(Failure.tradeNotExist())));
    }

    private static ResponseEntity<byte[]> html(HttpStatus status, String page) {
        return ResponseEntity.status(status)
                .header(HttpHeaders.CONTENT_TYPE, "text/html;charset=utf-8")
                .body(page.getBytes(StandardCharsets.UTF_8));
    }
}
