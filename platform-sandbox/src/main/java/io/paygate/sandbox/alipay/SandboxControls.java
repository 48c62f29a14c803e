package io.paygate.sandbox.alipay;

import io.paygate.common.money.Yuan;
import io.paygate.common.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
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
    private final RequestVerifier verifier;
    private final Faults faults;

    private final Bills bills;
    private final BulkDay bulkDay;

    SandboxControls(TradeDesk desk, Trades trades, Notifier notifier, AlipayKeys keys, AlipaySandboxSettings settings,
                    RequestVerifier verifier, Faults faults, Bills bills, BulkDay bulkDay) {
        this.bills = bills;
        this.bulkDay = bulkDay;
        this.desk = desk;
        this.trades = trades;
        this.notifier = notifier;
        this.keys = keys;
        this.settings = settings;
        this.verifier = verifier;
        this.faults = faults;
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

    /**
     * What Alipay's app does with the order string from {@code sdkExecute} (ref §2.5, §11.13):
     * checks it exactly like a gateway call, creates the trade and pays it, which notifies the
     * order string's {@code notify_url}. The body is the order string as {@code text/plain}, or a
     * form whose field {@code orderString} holds it. A refused order string is a 400 problem
     * (409 when the order is already paid or closed) whose {@code code} is Alipay's sub_code.
     */
    @PostMapping("/app/pay")
    Mono<TradeView> payInApp(ServerWebExchange exchange) {
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        Mono<String> orderString = type != null && MediaType.APPLICATION_FORM_URLENCODED.includes(type)
                ? exchange.getFormData().map(form -> Optional.ofNullable(form.getFirst("orderString")).orElse(""))
                : DataBufferUtils.join(exchange.getRequest().getBody(), 1024 * 1024)
                        .map(buffer -> {
                            String text = buffer.toString(StandardCharsets.UTF_8);
                            DataBufferUtils.release(buffer);
                            return text;
                        })
                        .defaultIfEmpty("");
        return orderString.map(String::strip).map(text -> {
            try {
                GatewayRequest request = GatewayRequest.parse(text, new byte[0]);
                verifier.check(request, Product.APP.method()::equals);
                return view(desk.payInApp(request));
            } catch (Failure.AlipayRefusal refusal) {
                String subCode = refusal.failure().subCode();
                HttpStatus status = subCode.equals("ACQ.TRADE_HAS_SUCCESS") || subCode.equals("ACQ.TRADE_HAS_CLOSE")
                        ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
                throw new ApiException(status, subCode, refusal.failure().subMsg());
            }
        });
    }

    /**
     * Moves a trade's times (creation, payment, refunds, close) into the past, e.g. {@code ?days=1}
     * puts today's payment on yesterday's bill. The sandbox clock itself stays real.
     */
    @PostMapping("/trades/{outTradeNo}/backdate")
    TradeView backdate(@PathVariable String outTradeNo, @RequestParam(defaultValue = "1") int days) {
        known(outTradeNo);
        if (days < 1 || days > 3650) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_days", "days must be within [1, 3650]");
        }
        return view(desk.backdate(outTradeNo, Duration.ofDays(days)));
    }

    /** Switches faults on for one order (see {@link TradeFaults} for the JSON); replaces earlier ones for it. */
    @PostMapping("/faults")
    TradeFaults setFaults(@RequestBody TradeFaults tradeFaults) {
        try {
            faults.set(tradeFaults);
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_faults", e.getMessage());
        }
        return tradeFaults;
    }

    /** Switches off the faults of one order ({@code ?outTradeNo=}), or all of them. */
    @DeleteMapping("/faults")
    ResponseEntity<Void> clearFaults(@RequestParam(required = false) String outTradeNo) {
        if (outTradeNo == null) {
            faults.clearAll();
        } else {
            faults.clear(outTradeNo);
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * Downloads of a day's bill ({@code yyyy-MM-dd}) answer HTTP 500 until switched off with
     * {@code DELETE}: the download URL is still handed out, as when Alipay's file server fails.
     */
    @PostMapping("/bills/{day}/fault")
    ResponseEntity<Void> failBillDownloads(@PathVariable String day) {
        bills.failDownloads(billDay(day), true);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/bills/{day}/fault")
    ResponseEntity<Void> clearBillFault(@PathVariable String day) {
        bills.failDownloads(billDay(day), false);
        return ResponseEntity.noContent().build();
    }

    /**
     * A day's bill at scale (the benchmark's reconciliation scenario): {@code payments} trades paid
     * on that day, the first {@code refunds} partly refunded, never notified; answers them as CSV
     * ({@code out_trade_no,trade_no,total_fen,paid_at,out_request_no,refund_fen,refunded_at}).
     */
    @PostMapping(path = "/bills/{day}/trades", produces = "text/csv")
    Mono<String> writeBulkDay(@PathVariable String day, @RequestParam String prefix, @RequestParam int payments,
                              @RequestParam(defaultValue = "0") int refunds) {
        var date = billDay(day);
        // up to a million trades: off the event loop
        return Mono.fromCallable(() -> bulkDay.write(date, prefix, payments, refunds))
                .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                .onErrorMap(IllegalArgumentException.class, e -> new ApiException(HttpStatus.BAD_REQUEST, "invalid_bulk_day", e.getMessage()));
    }

    private static java.time.LocalDate billDay(String day) {
        try {
            return java.time.LocalDate.parse(day);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_day", "day must be yyyy-MM-dd");
        }
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
                trade.refunds().stream().map(r -> new RefundView(r.outRequestNo(), Yuan.format(r.amountFen()),
                        AlipayTime.rfc3339(r.at()))).toList(),
                trade.refundedFen(),
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
     * @param refunds        its successful refunds, oldest first
     * @param refundedFen    the sum of its refunds, in fen
     * @param notifications  every delivery of its notifications, in order
     */
    record TradeView(String tradeNo, String outTradeNo, String status, String totalAmount, long totalAmountFen,
                     String subject, String method, String notifyUrl, String returnUrl, String createdAt,
                     String expiresAt, String paidAt, String closedAt, String cashierUrl,
                     List<RefundView> refunds, long refundedFen, List<AttemptView> notifications) {
    }

    /** One refund: its request number, yuan as Alipay writes it, and when (RFC 3339, Beijing time). */
    record RefundView(String outRequestNo, String amount, String at) {
    }

    /** One delivery of a notification; {@code httpStatus} is null when the merchant did not answer. */
    record AttemptView(String notifyId, int attempt, String at, String trigger, Integer httpStatus,
                       String responseBody, boolean acknowledged, String error) {
    }
}
