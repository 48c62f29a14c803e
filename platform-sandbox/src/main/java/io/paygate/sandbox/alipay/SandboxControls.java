package io.paygate.sandbox.alipay;

import io.paygate.common.money.Yuan;
import io.paygate.common.web.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The sandbox's ground truth and test controls, outside Alipay's protocol: what the platform
 * believes about each trade and every notification delivery, and buttons a browser would press.
 */
@RestController
@RequestMapping("/sandbox/alipay")
class SandboxControls {

    private final TradeDesk desk;
    private final Trades trades;
    private final Notifier notifier;
    private final AlipayKeys keys;
    private final AlipaySandboxSettings settings;

    SandboxControls(TradeDesk desk, Trades trades, Notifier notifier, AlipayKeys keys, AlipaySandboxSettings settings) {
        this.desk = desk;
        this.trades = trades;
        this.notifier = notifier;
        this.keys = keys;
        this.settings = settings;
    }

    @GetMapping("/trades")
    List<TradeView> trades() {
        return trades.all().stream().map(this::view).toList();
    }

    @GetMapping("/trades/{outTradeNo}")
    TradeView trade(@PathVariable String outTradeNo) {
        return view(known(outTradeNo));
    }

    /** Pays like the cashier's button, without a browser; the buyer must have opened the cashier. */
    @PostMapping("/trades/{outTradeNo}/pay")
    TradeView pay(@PathVariable String outTradeNo) {
        known(outTradeNo);
        try {
            return view(desk.pay(outTradeNo));
        } catch (Failure.AlipayRefusal refusal) {
            throw switch (refusal.failure().subCode()) {
                case "ACQ.TRADE_HAS_SUCCESS" -> new ApiException(HttpStatus.CONFLICT, "trade_already_paid", refusal.getMessage());
                case "ACQ.TRADE_HAS_CLOSE" -> new ApiException(HttpStatus.CONFLICT, "trade_closed", refusal.getMessage());
                default -> new ApiException(HttpStatus.CONFLICT, "trade_not_payable", refusal.getMessage());
            };
        }
    }

    /** Delivers the trade's latest notification once more, now (duplicates on demand); answers after the delivery. */
    @PostMapping("/trades/{outTradeNo}/notify")
    Mono<TradeView> notifyAgain(@PathVariable String outTradeNo) {
        known(outTradeNo);
        return notifier.deliverNow(outTradeNo)
                .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "no_notification",
                        "trade " + outTradeNo + " has no notification yet: it is not paid, or has no notify_url"))
                .map(attempt -> view(known(outTradeNo)));
    }

    /** The key merchants configure as "Alipay public key" for this sandbox. */
    @GetMapping(path = "/keys/platform-public-key", produces = MediaType.TEXT_PLAIN_VALUE)
    String platformPublicKey() {
        return keys.platformPublicPem();
    }

    private Trade known(String outTradeNo) {
        return trades.find(outTradeNo).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "trade_not_found",
                "no trade " + outTradeNo + ": the buyer has not opened the cashier for it"));
    }

    private TradeView view(Trade trade) {
        return new TradeView(trade.tradeNo(), trade.outTradeNo(), trade.status().name(), Yuan.format(trade.totalFen()),
                trade.totalFen(), trade.subject(), trade.product().method(), trade.notifyUrl(), trade.returnUrl(),
                AlipayTime.rfc3339(trade.createdAt()), AlipayTime.rfc3339(trade.expiresAt()),
                AlipayTime.rfc3339(trade.paidAt()), AlipayTime.rfc3339(trade.closedAt()),
                settings.publicBaseUrl().resolve("/alipay/cashier/" + trade.tradeNo()).toString(),
                notifier.attempts(trade.outTradeNo()).stream().map(SandboxControls::view).toList());
    }

    private static AttemptView view(DeliveryAttempt attempt) {
        return new AttemptView(attempt.notifyId(), attempt.attempt(), AlipayTime.rfc3339(attempt.at()),
                attempt.trigger().name(), attempt.httpStatus(), attempt.responseBody(), attempt.acknowledged(), attempt.error());
    }

    /**
     * A trade as the sandbox's Alipay sees it. Times are RFC 3339 in Beijing time.
     *
     * @param totalAmount    yuan, as Alipay writes it
     * @param totalAmountFen the same in fen
     * @param method         the API that opened it
     * @param cashierUrl     where a browser sees the trade's cashier
     * @param notifications  every delivery of its notifications, in order
     */
    record TradeView(String tradeNo, String outTradeNo, String status, String totalAmount, long totalAmountFen,
                     String subject, String method, String notifyUrl, String returnUrl, String createdAt,
                     String expiresAt, String paidAt, String closedAt, String cashierUrl,
                     List<AttemptView> notifications) {
    }

    /** One delivery of a notification; {@code httpStatus} is null when the merchant did not answer. */
    record AttemptView(String notifyId, int attempt, String at, String trigger, Integer httpStatus,
                       String responseBody, boolean acknowledged, String error) {
    }
}
