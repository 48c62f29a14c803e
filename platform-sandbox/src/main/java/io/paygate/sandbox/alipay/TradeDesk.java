package io.paygate.sandbox.alipay;

import io.paygate.common.money.Yuan;
import java.net.URLEncoder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * What the sandbox's Alipay does with trades, whoever asks: the gateway, the cashier page or the
 * test controls. Refusals are {@link Failure}s with Alipay's sub-codes.
 */
@Component
class TradeDesk {

    private static final Pattern OUT_TRADE_NO = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Pattern TIMEOUT_EXPRESS = Pattern.compile("([1-9][0-9]*)([mhdc])");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final long MAX_FEN = 10_000_000_000L;
    /** Alipay's default when neither time_expire nor timeout_express is given. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofDays(15);

    private final Trades trades;
    private final TradeNumbers numbers;
    private final Notifier notifier;
    private final AlipayKeys keys;
    private final AlipaySandboxSettings settings;
    private final Clock clock;

    TradeDesk(Trades trades, TradeNumbers numbers, Notifier notifier, AlipayKeys keys, AlipaySandboxSettings settings,
              Clock clock) {
        this.trades = trades;
        this.numbers = numbers;
        this.notifier = notifier;
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The buyer opens the cashier ({@code alipay.trade.page.pay}/{@code wap.pay}): the trade comes
     * into existence now (ref §11.9), or the same order opened before is shown again.
     */
    Trade open(GatewayRequest request, Product product) {
        JsonNode biz = request.bizContent();
        String outTradeNo = text(biz, "out_trade_no");
        if (outTradeNo == null || !OUT_TRADE_NO.matcher(outTradeNo).matches()) {
            throw Failure.invalidParameter("out_trade_no must be 1-64 letters, digits or underscores").refusal();
        }
        long totalFen = amount(text(biz, "total_amount"));
        String subject = text(biz, "subject");
        if (subject == null || subject.length() > 256) {
            throw Failure.invalidParameter("subject is required, at most 256 characters").refusal();
        }
        String productCode = text(biz, "product_code");
        if (product == Product.PAGE ? !product.productCode().equals(productCode)
                : productCode != null && !product.productCode().equals(productCode)) {
            throw Failure.invalidParameter("product_code must be " + product.productCode() + " for " + product.method()).refusal();
        }
        Instant now = clock.instant();
        Instant expiresAt = deadline(biz, now);
        return trades.openOrReuse(outTradeNo, existing -> existing.sameOrder(totalFen, subject), () -> {
            if (!expiresAt.isAfter(now)) {
                throw Failure.business("ACQ.TRADE_HAS_CLOSE", "交易已关闭: time_expire has passed").refusal();
            }
            return new Trade(numbers.next(), outTradeNo, request.get("app_id"), product, request.charset(),
                    SignType.of(request.get("sign_type")).orElse(SignType.RSA2), totalFen, subject, text(biz, "body"),
                    text(biz, "passback_params"), request.get("notify_url"), request.get("return_url"),
                    text(biz, "quit_url"), now, expiresAt, TradeStatus.WAIT_BUYER_PAY, null, null, List.of());
        });
    }

    /** The buyer pays: the trade succeeds and its notification starts. */
    Trade pay(String outTradeNo) {
        Trade paid;
        try {
            paid = trades.update(outTradeNo, trade -> trade.pay(clock.instant()))
                    .orElseThrow(() -> Failure.tradeNotExist().refusal());
        } catch (Trade.IllegalTransition e) {
            throw (e.trade().isPaid() ? Failure.business("ACQ.TRADE_HAS_SUCCESS", "交易已被支付")
                    : Failure.business("ACQ.TRADE_HAS_CLOSE", "交易已经关闭")).refusal();
        }
        notifier.start(paid);
        return paid;
    }

    /**
     * Alipay's app with a checked {@code alipay.trade.app.pay} order string: the trade comes into
     * existence and the buyer pays it in one go, as nothing in between is visible to the merchant.
     */
    Trade payInApp(GatewayRequest orderString) {
        return pay(open(orderString, Product.APP).outTradeNo());
    }

    Trade payByTradeNo(String tradeNo) {
        return pay(trades.findByTradeNo(tradeNo).orElseThrow(() -> Failure.tradeNotExist().refusal()).outTradeNo());
    }

    /** {@code alipay.trade.query}: the node fields of a known trade. */
    Map<String, String> query(JsonNode biz) {
        Trade trade = lookup(biz).orElseThrow(() -> Failure.tradeNotExist().with(notFoundDetails(biz)).refusal());
        String amount = Yuan.format(trade.totalFen());
        var fields = new LinkedHashMap<String, String>();
        fields.put("trade_no", trade.tradeNo());
        fields.put("out_trade_no", trade.outTradeNo());
        fields.put("trade_status", trade.status().name());
        fields.put("total_amount", amount);
        if (trade.isPaid()) {
            fields.put("buyer_logon_id", Trade.BUYER_LOGON_ID);
            fields.put("buyer_user_id", Trade.BUYER_ID);
            fields.put("send_pay_date", AlipayTime.format(trade.paidAt()));
        }
        fields.put("buyer_pay_amount", trade.isPaid() ? amount : "0.00");
        fields.put("receipt_amount", trade.isPaid() ? amount : "0.00");
        fields.put("invoice_amount", trade.isPaid() ? amount : "0.00");
        fields.put("point_amount", "0.00");
        return fields;
    }

    /** {@code alipay.trade.close}: only an unpaid trade can be closed. */
    Map<String, String> close(JsonNode biz) {
        Trade known = lookup(biz).orElseThrow(() -> Failure.tradeNotExist().refusal());
        try {
            Trade closed = trades.update(known.outTradeNo(), trade -> trade.close(clock.instant())).orElseThrow();
            return new LinkedHashMap<>(Map.of("trade_no", closed.tradeNo(), "out_trade_no", closed.outTradeNo()));
        } catch (Trade.IllegalTransition e) {
            throw (e.trade().status() == TradeStatus.TRADE_FINISHED
                    ? Failure.business("ACQ.TRADE_HAS_FINISHED", "交易已完结")
                    : Failure.business("ACQ.TRADE_STATUS_ERROR", "交易状态不合法: " + e.trade().status())).refusal();
        }
    }

    /**
     * {@code alipay.trade.refund} (ref §2.5, §11.10). {@code out_request_no} is the idempotency key
     * (the {@code out_trade_no} when absent): the same key and amount again is a success that moves
     * nothing ({@code fund_change=N}), the same key with another amount is a discordant repeat.
     * The check and the change happen in one atomic update of the trade, so concurrent refunds
     * can never give back more than was paid.
     */
    Map<String, String> refund(JsonNode biz) {
        long amountFen = refundAmount(text(biz, "refund_amount"));
        Trade known = lookup(biz).orElseThrow(() -> Failure.tradeNotExist().refusal());
        String outRequestNo = Optional.ofNullable(text(biz, "out_request_no")).orElse(known.outTradeNo());
        if (outRequestNo.length() > 64) {
            throw Failure.invalidParameter("out_request_no must be at most 64 characters").refusal();
        }
        var outcome = new RefundOutcome[1];
        Trade after = trades.update(known.outTradeNo(), trade -> {
            Optional<Refund> earlier = trade.refundFor(outRequestNo);
            if (earlier.isPresent()) {
                if (earlier.get().amountFen() != amountFen) {
                    throw Failure.business("ACQ.DISCORDANT_REPEAT_REQUEST", "请求信息不一致: out_request_no " + outRequestNo
                            + " was used for " + Yuan.format(earlier.get().amountFen())).refusal();
                }
                outcome[0] = new RefundOutcome(earlier.get(), false);
                return trade;
            }
            // a trade refunded in full is closed but was paid: it falls through to "exceeds the remainder" (0.00)
            boolean refundedInFull = trade.status() == TradeStatus.TRADE_CLOSED && trade.wasPaid();
            switch (trade.status()) {
                case TRADE_SUCCESS -> { }
                case TRADE_FINISHED -> throw Failure.business("ACQ.TRADE_HAS_FINISHED", "交易已完结").refusal();
                default -> {
                    if (!refundedInFull) {
                        throw Failure.business("ACQ.TRADE_STATUS_ERROR", "交易状态不合法: " + trade.status()).refusal();
                    }
                }
            }
            if (amountFen > trade.refundableFen()) {
                throw Failure.business("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限: refundable "
                        + Yuan.format(trade.refundableFen())).refusal();
            }
            var refund = new Refund(outRequestNo, amountFen, clock.instant());
            outcome[0] = new RefundOutcome(refund, true);
            return trade.refund(refund);
        }).orElseThrow(() -> Failure.tradeNotExist().refusal());
        Refund refund = outcome[0].refund();
        if (outcome[0].fundChange()) {
            notifier.start(after, refund);
        }
        var fields = new LinkedHashMap<String, String>();
        fields.put("trade_no", after.tradeNo());
        fields.put("out_trade_no", after.outTradeNo());
        fields.put("buyer_logon_id", Trade.BUYER_LOGON_ID);
        fields.put("fund_change", outcome[0].fundChange() ? "Y" : "N");
        fields.put("refund_fee", Yuan.format(after.refundedFen()));
        fields.put("gmt_refund_pay", AlipayTime.format(refund.at()));
        fields.put("buyer_user_id", Trade.BUYER_ID);
        fields.put("send_back_fee", Yuan.format(outcome[0].fundChange() ? refund.amountFen() : 0));
        return fields;
    }

    /**
     * {@code alipay.trade.fastpay.refund.query}: a refund the sandbox made, or {@code code=10000}
     * with no refund fields at all when there is none under that number (ref §11.11).
     */
    Map<String, String> refundQuery(JsonNode biz) {
        Trade trade = lookup(biz).orElseThrow(() -> Failure.tradeNotExist().refusal());
        String outRequestNo = text(biz, "out_request_no");
        if (outRequestNo == null) {
            throw Failure.missing("isv.missing-parameter", "缺少必选参数: out_request_no").refusal();
        }
        var fields = new LinkedHashMap<String, String>();
        trade.refundFor(outRequestNo).ifPresent(refund -> {
            fields.put("trade_no", trade.tradeNo());
            fields.put("out_trade_no", trade.outTradeNo());
            fields.put("out_request_no", refund.outRequestNo());
            fields.put("total_amount", Yuan.format(trade.totalFen()));
            fields.put("refund_amount", Yuan.format(refund.amountFen()));
            fields.put("refund_status", "REFUND_SUCCESS");
            JsonNode options = biz.get("query_options");
            if (options != null && options.toString().contains("gmt_refund_pay")) {
                fields.put("gmt_refund_pay", AlipayTime.format(refund.at()));
            }
        });
        return fields;
    }

    /** Test control: moves the trade's times into the past, e.g. onto yesterday's bill. */
    Trade backdate(String outTradeNo, Duration by) {
        return trades.update(outTradeNo, trade -> trade.backdated(by)).orElseThrow(() -> Failure.tradeNotExist().refusal());
    }

    private record RefundOutcome(Refund refund, boolean fundChange) {
    }

    private static long refundAmount(String yuan) {
        long fen;
        try {
            fen = Yuan.parseFen(yuan);
        } catch (IllegalArgumentException e) {
            throw Failure.invalidParameter("refund_amount must be yuan with two decimals, e.g. 8.88").refusal();
        }
        if (fen < 1) {
            throw Failure.invalidParameter("refund_amount must be at least 0.01").refusal();
        }
        return fen;
    }

    Optional<Trade> find(String outTradeNo) {
        return trades.find(outTradeNo);
    }

    Optional<Trade> findByTradeNo(String tradeNo) {
        return trades.findByTradeNo(tradeNo);
    }

    /**
     * Where the cashier sends the browser after payment (ref §4): {@code return_url} plus the
     * signed return parameters, or empty when the merchant gave no return_url.
     */
    Optional<String> returnLocation(Trade trade) {
        if (trade.returnUrl() == null) {
            return Optional.empty();
        }
        var params = new LinkedHashMap<String, String>();
        params.put("charset", trade.charset().name().toLowerCase(Locale.ROOT));
        params.put("out_trade_no", trade.outTradeNo());
        params.put("method", trade.product().returnMethod());
        params.put("total_amount", Yuan.format(trade.totalFen()));
        params.put("trade_no", trade.tradeNo());
        params.put("auth_app_id", trade.appId());
        params.put("version", "1.0");
        params.put("app_id", trade.appId());
        params.put("sign_type", trade.signType().name());
        params.put("seller_id", settings.sellerId());
        params.put("timestamp", AlipayTime.format(clock.instant()));
        params.put("sign", Signatures.sign(Signatures.content(params, Signatures.NOTIFICATION_EXCLUDES),
                trade.charset(), trade.signType(), keys.platformPrivate()));
        String query = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), trade.charset()))
                .collect(Collectors.joining("&"));
        return Optional.of(trade.returnUrl() + (trade.returnUrl().contains("?") ? "&" : "?") + query);
    }

    /** {@code trade_no} wins over {@code out_trade_no} when both are given (ref §2.5). */
    private Optional<Trade> lookup(JsonNode biz) {
        String tradeNo = text(biz, "trade_no");
        String outTradeNo = text(biz, "out_trade_no");
        if (tradeNo == null && outTradeNo == null) {
            throw Failure.invalidParameter("out_trade_no or trade_no is required").refusal();
        }
        return tradeNo != null ? trades.findByTradeNo(tradeNo) : trades.find(outTradeNo);
    }

    /** Production adds the zero amounts and the asked-for number to ACQ.TRADE_NOT_EXIST (ref §3). */
    private static Map<String, String> notFoundDetails(JsonNode biz) {
        var details = new LinkedHashMap<String, String>();
        details.put("buyer_pay_amount", "0.00");
        details.put("invoice_amount", "0.00");
        if (text(biz, "out_trade_no") != null) {
            details.put("out_trade_no", text(biz, "out_trade_no"));
        }
        details.put("point_amount", "0.00");
        details.put("receipt_amount", "0.00");
        return details;
    }

    private static long amount(String yuan) {
        long fen;
        try {
            fen = Yuan.parseFen(yuan);
        } catch (IllegalArgumentException e) {
            throw Failure.invalidParameter("total_amount must be yuan with two decimals, e.g. 88.88").refusal();
        }
        if (fen < 1 || fen > MAX_FEN) {
            throw Failure.invalidParameter("total_amount must be within [0.01, 100000000]").refusal();
        }
        return fen;
    }

    /** {@code time_expire} (absolute, Beijing time) wins over {@code timeout_express} (relative). */
    private static Instant deadline(JsonNode biz, Instant now) {
        String timeExpire = text(biz, "time_expire");
        if (timeExpire != null) {
            return AlipayTime.parse(timeExpire).or(() -> minutes(timeExpire))
                    .orElseThrow(() -> Failure.invalidParameter("time_expire must be yyyy-MM-dd HH:mm:ss").refusal());
        }
        String timeoutExpress = text(biz, "timeout_express");
        if (timeoutExpress == null) {
            return now.plus(DEFAULT_TIMEOUT);
        }
        Matcher m = TIMEOUT_EXPRESS.matcher(timeoutExpress);
        if (!m.matches()) {
            throw Failure.invalidParameter("timeout_express must look like 90m, 2h, 15d or 1c").refusal();
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> now.plus(Duration.ofMinutes(n));
            case "h" -> now.plus(Duration.ofHours(n));
            case "d" -> now.plus(Duration.ofDays(n));
            // "1c": until the end of the current (Beijing) day, whatever the number
            default -> LocalDate.ofInstant(now, AlipayTime.ZONE).plusDays(1).atStartOfDay(AlipayTime.ZONE).toInstant();
        };
    }

    private static Optional<Instant> minutes(String text) {
        try {
            return Optional.of(LocalDateTime.parse(text, MINUTES).atZone(AlipayTime.ZONE).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.isValueNode() ? value.asString() : value.toString();
        return text.isEmpty() ? null : text;
    }
}
