package io.paygate.sandbox.wechat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * What WeChat Pay does with orders and refunds (ref §2.3, §3.2, §10.7–10.9): checks requests
 * field by field with the platform's error codes, moves orders through NOTPAY → SUCCESS → REFUND
 * or NOTPAY → CLOSED, and starts notifications.
 */
final class PaymentDesk implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PaymentDesk.class);
    private static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_\\-|*]{6,32}");
    private static final Pattern OUT_REFUND_NO = Pattern.compile("[0-9A-Za-z_\\-|*@]{1,64}");
    private static final DateTimeFormatter DAY_DIGITS = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(WechatTime.BEIJING);
    private static final DateTimeFormatter SECOND_DIGITS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(WechatTime.BEIJING);

    private final WechatSandboxSettings settings;
    private final Orders orders;
    private final WechatNotifier notifier;
    private final WechatFaults faults;
    private final Clock clock;
    private final Scheduler timer = Schedulers.newSingle("wechat-refund-timer", true);

    PaymentDesk(WechatSandboxSettings settings, Orders orders, WechatNotifier notifier, WechatFaults faults, Clock clock) {
        this.settings = settings;
        this.orders = orders;
        this.notifier = notifier;
        this.faults = faults;
        this.clock = clock;
    }

    /**
     * Opens an order, or answers again for the same one: the same {@code out_trade_no} with the same
     * parameters gets the same prepay; other parameters are {@code 403 OUT_TRADE_NO_USED}.
     */
    WechatOrder prepay(TradeType type, JsonNode body) {
        String appid = requiredText(body, "appid", 32);
        String mchid = requiredText(body, "mchid", 32);
        String description = requiredText(body, "description", 127);
        String outTradeNo = requiredText(body, "out_trade_no", 32);
        String notifyUrl = requiredText(body, "notify_url", 255);
        String attach = optionalText(body, "attach", 128);
        if (!OUT_TRADE_NO.matcher(outTradeNo).matches()) {
            throw WechatError.paramError("/out_trade_no", "must be 6-32 characters of digits, letters, _ - | *");
        }
        checkNotifyUrl(notifyUrl, "/notify_url");
        long total = positiveAmount(body.path("amount"), "total", "/amount/total");
        checkCurrency(body.path("amount"), "/amount/currency");
        Instant now = clock.instant();
        Instant timeExpire = timeExpire(body, now);
        String openid = null;
        if (type == TradeType.JSAPI) {
            openid = requiredText(body.path("payer"), "openid", 128, "/payer/openid");
        }
        if (type == TradeType.MWEB) {
            JsonNode scene = body.path("scene_info");
            requiredText(scene, "payer_client_ip", 45, "/scene_info/payer_client_ip");
            requiredText(scene.path("h5_info"), "type", 32, "/scene_info/h5_info/type");
        }
        if (!mchid.equals(settings.mchid())) {
            throw WechatError.invalidRequest("请求中的商户号与签名中的商户号不一致 (mchid " + mchid + ")");
        }
        if (!appid.equals(settings.appid())) {
            throw new WechatError(HttpStatus.BAD_REQUEST, "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配");
        }
        String fingerprint = String.join("\u0000", type.name(), appid, mchid, description, String.valueOf(attach), notifyUrl,
                Long.toString(total), String.valueOf(body.path("time_expire").asString(null)), String.valueOf(openid));
        final String payerOpenid = openid;
        return orders.compute(outTradeNo, existing -> {
            if (existing == null) {
                return open(type, outTradeNo, appid, mchid, description, attach, notifyUrl, total, payerOpenid, fingerprint,
                        now, timeExpire);
            }
            if (existing.state() == TradeState.CLOSED) {
                throw new WechatError(HttpStatus.BAD_REQUEST, "ORDER_CLOSED", "订单已关闭");
            }
            if (existing.state().paid()) {
                throw new WechatError(HttpStatus.FORBIDDEN, "TRADE_ERROR", "该订单已支付");
            }
            if (!existing.fingerprint().equals(fingerprint)) {
                throw new WechatError(HttpStatus.FORBIDDEN, "OUT_TRADE_NO_USED", "商户订单号重复");
            }
            return existing;
        });
    }

    /** The body prepay answers with. */
    static Map<String, Object> prepayAnswer(WechatOrder order) {
        return switch (order.tradeType()) {
            case NATIVE -> Map.of("code_url", order.credential());
            case APP, JSAPI -> Map.of("prepay_id", order.prepayId());
            case MWEB -> Map.of("h5_url", order.credential());
        };
    }

    WechatOrder query(String outTradeNo, String mchid) {
        checkQueryMchid(mchid);
        return orders.find(outTradeNo).orElseThrow(WechatError::orderNotExist);
    }

    /** Only paid orders have a visible transaction_id. */
    WechatOrder queryByTransactionId(String transactionId, String mchid) {
        checkQueryMchid(mchid);
        return orders.byTransactionId(transactionId).filter(o -> o.state().paid()).orElseThrow(WechatError::orderNotExist);
    }

    /** Closing an unpaid order, or a closed one again, succeeds; a paid one cannot be closed. */
    void close(String outTradeNo, JsonNode body) {
        String mchid = requiredText(body, "mchid", 32);
        if (!mchid.equals(settings.mchid())) {
            throw WechatError.invalidRequest("请求中的商户号与签名中的商户号不一致 (mchid " + mchid + ")");
        }
        Instant now = clock.instant();
        orders.update(outTradeNo, order -> switch (order.state()) {
            case CLOSED -> order;
            case SUCCESS, REFUND -> throw new WechatError(HttpStatus.FORBIDDEN, "TRADE_ERROR", "订单已支付，不能关闭");
            case NOTPAY -> {
                if (now.isBefore(order.createdAt().plus(settings.closeMinimumAge()))) {
                    throw new WechatError(HttpStatus.FORBIDDEN, "RULE_LIMIT",
                            "订单生成后不能马上调用关单接口，最短调用时间间隔为" + settings.closeMinimumAge().toMinutes() + "分钟");
                }
                yield order.close(now);
            }
        }).orElseThrow(WechatError::orderNotExist);
    }

    /**
     * The payer pays: the order becomes SUCCESS and {@code TRANSACTION.SUCCESS} is sent.
     *
     * @param openid who pays; null for the sandbox's one payer (JSAPI: the order's payer)
     * @throws WechatOrder.IllegalTransition when the order is not unpaid
     * @throws IllegalArgumentException when a JSAPI order is paid by another openid
     */
    WechatOrder pay(String outTradeNo, String openid) {
        Instant now = clock.instant();
        WechatOrder paid = orders.update(outTradeNo, order -> {
            if (order.requiredOpenid() != null && openid != null && !order.requiredOpenid().equals(openid)) {
                throw new IllegalArgumentException("order " + outTradeNo + " was opened for payer " + order.requiredOpenid()
                        + ", not " + openid);
            }
            String payer = openid != null ? openid : Optional.ofNullable(order.requiredOpenid()).orElse(WechatOrder.DEFAULT_OPENID);
            return order.pay(payer, now);
        }).orElseThrow(() -> new java.util.NoSuchElementException("no order " + outTradeNo));
        log.info("order {} paid by the payer ({} fen)", outTradeNo, paid.totalFen());
        notifier.paid(paid);
        return paid;
    }

    /**
     * A refund: {@code out_refund_no} names it (the same number answers the same refund), it starts
     * PROCESSING and ends after {@code refund-delay} as SUCCESS (or the fault's outcome), notified.
     */
    Map<String, Object> refund(JsonNode body) {
        String outRefundNo = requiredText(body, "out_refund_no", 64);
        if (!OUT_REFUND_NO.matcher(outRefundNo).matches()) {
            throw WechatError.paramError("/out_refund_no", "must be at most 64 digits, letters or _ - | * @");
        }
        String outTradeNo = optionalText(body, "out_trade_no", 32);
        String transactionId = optionalText(body, "transaction_id", 32);
        if (outTradeNo == null && transactionId == null) {
            throw WechatError.paramError("/out_trade_no", "either out_trade_no or transaction_id is required");
        }
        String reason = optionalText(body, "reason", 80);
        String notifyUrl = optionalText(body, "notify_url", 256);
        if (notifyUrl != null) {
            checkNotifyUrl(notifyUrl, "/notify_url");
        }
        long refundFen = positiveAmount(body.path("amount"), "refund", "/amount/refund");
        long totalFen = positiveAmount(body.path("amount"), "total", "/amount/total");
        checkCurrency(body.path("amount"), "/amount/currency");
        String orderNo = outTradeNo != null ? outTradeNo
                : orders.byTransactionId(transactionId).map(WechatOrder::outTradeNo).orElse(null);
        WechatOrder known = orders.find(orderNo).orElseThrow(() -> WechatError.resourceNotExists("订单不存在"));
        if (transactionId != null && !transactionId.equals(known.transactionId())) {
            throw WechatError.invalidRequest("transaction_id 与 out_trade_no 不属于同一订单");
        }
        if (faults.forOrder(known.outTradeNo()).api() == OrderFaults.ApiFault.NOT_ENOUGH) {
            throw new WechatError(HttpStatus.FORBIDDEN, "NOT_ENOUGH", "基本账户余额不足，请充值后重新发起");
        }
        if (orders.byOutRefundNo(outRefundNo).filter(other -> !other.outTradeNo().equals(known.outTradeNo())).isPresent()) {
            throw WechatError.invalidRequest("退款单号 " + outRefundNo + " 已用于另一笔订单");
        }
        Instant now = clock.instant();
        var created = new WechatRefund[1];
        WechatOrder order = orders.compute(known.outTradeNo(), current -> {
            Optional<WechatRefund> same = current.refunds().stream().filter(r -> r.outRefundNo().equals(outRefundNo)).findFirst();
            if (same.isPresent()) {
                if (same.get().refundFen() != refundFen) {
                    throw WechatError.invalidRequest("退款单号 " + outRefundNo + " 已存在，且与本次请求的退款金额不一致");
                }
                return current;
            }
            if (!current.state().paid()) {
                throw WechatError.resourceNotExists("订单未支付，不能退款 (" + current.state() + ")");
            }
            if (totalFen != current.totalFen()) {
                throw WechatError.invalidRequest("订单金额与原订单金额不一致 (amount.total " + totalFen + " ≠ " + current.totalFen() + ")");
            }
            if (refundFen > current.refundableFen()) {
                throw WechatError.invalidRequest("申请退款金额超过订单可退金额 (可退 " + current.refundableFen() + " 分)");
            }
            var refund = new WechatRefund(refundId(now), outRefundNo, current.outTradeNo(), current.transactionId(), refundFen,
                    reason, notifyUrl, RefundStatus.PROCESSING, now, null);
            created[0] = refund;
            return current.refund(refund);
        });
        if (created[0] != null) {
            scheduleOutcome(order.outTradeNo(), outRefundNo);
        }
        WechatRefund refund = order.refunds().stream().filter(r -> r.outRefundNo().equals(outRefundNo)).findFirst().orElseThrow();
        return WechatViews.refund(order, refund);
    }

    Map<String, Object> refundQuery(String outRefundNo) {
        WechatOrder order = orders.byOutRefundNo(outRefundNo).orElseThrow(() -> WechatError.resourceNotExists("退款单不存在"));
        return WechatViews.refund(order, order.refunds().stream().filter(r -> r.outRefundNo().equals(outRefundNo))
                .findFirst().orElseThrow());
    }

    /** Ends a PROCESSING refund now with {@code outcome}; false when it is not PROCESSING any more. */
    boolean finishRefund(String outTradeNo, String outRefundNo, RefundStatus outcome) {
        Instant now = clock.instant();
        var finished = new WechatRefund[1];
        WechatOrder order = orders.update(outTradeNo, current -> current.updateRefund(outRefundNo, refund -> {
            if (refund.status() != RefundStatus.PROCESSING) {
                return refund;
            }
            finished[0] = refund.finish(outcome, now);
            return finished[0];
        })).orElseThrow();
        if (finished[0] == null) {
            return false;
        }
        log.info("refund {} of order {}: {}", outRefundNo, outTradeNo, outcome);
        notifier.refunded(order, finished[0]);
        return true;
    }

    WechatOrder backdate(String outTradeNo, Duration by) {
        return orders.update(outTradeNo, order -> order.backdate(by)).orElseThrow();
    }

    private void scheduleOutcome(String outTradeNo, String outRefundNo) {
        Mono.delay(settings.refundDelay(), timer).subscribe(tick -> {
            RefundStatus outcome = Optional.ofNullable(faults.forOrder(outTradeNo).refundOutcome()).orElse(RefundStatus.SUCCESS);
            finishRefund(outTradeNo, outRefundNo, outcome);
        }, error -> log.warn("refund {} of order {} not finished: {}", outRefundNo, outTradeNo, error.toString()));
    }

    private WechatOrder open(TradeType type, String outTradeNo, String appid, String mchid, String description, String attach,
                             String notifyUrl, long total, String openid, String fingerprint, Instant now, Instant timeExpire) {
        String prepayId = "wx" + SECOND_DIGITS.format(now) + WechatCrypto.hexNonce().substring(0, 22);
        String credential = switch (type) {
            case NATIVE -> "weixin://wxpay/bizpayurl?pr=" + WechatCrypto.alphanumeric(7);
            case APP, JSAPI -> prepayId;
            case MWEB -> settings.publicBaseUrl().resolve("/sandbox/wechat/h5/checkmweb") + "?prepay_id=" + prepayId
                    + "&package=" + WechatCrypto.digits(10);
        };
        String transactionId = "42000" + WechatCrypto.digits(5) + DAY_DIGITS.format(now) + WechatCrypto.digits(10);
        log.info("order {} opened ({}, {} fen)", outTradeNo, type, total);
        return new WechatOrder(outTradeNo, transactionId, prepayId, credential, mchid, appid, type, description, attach,
                notifyUrl, total, openid, fingerprint, now, timeExpire, TradeState.NOTPAY, null, null, null, java.util.List.of());
    }

    private String refundId(Instant now) {
        return "50300" + WechatCrypto.digits(6) + DAY_DIGITS.format(now) + WechatCrypto.digits(10);
    }

    private void checkQueryMchid(String mchid) {
        if (mchid == null || mchid.isBlank()) {
            throw new WechatError(HttpStatus.BAD_REQUEST, "PARAM_ERROR", "参数错误: mchid 为必填项",
                    Map.of("field", "mchid", "issue", "required", "location", "query"));
        }
        if (!mchid.equals(settings.mchid())) {
            throw WechatError.invalidRequest("请求中的商户号与签名中的商户号不一致 (mchid " + mchid + ")");
        }
    }

    /** RFC 3339 with offset; less than a minute ahead moves to a minute ahead (ref §2.3). Absent: 7 days. */
    private static Instant timeExpire(JsonNode body, Instant now) {
        JsonNode node = body.path("time_expire");
        if (node.isMissingNode() || node.isNull()) {
            return now.plus(Duration.ofDays(7));
        }
        try {
            Instant at = OffsetDateTime.parse(node.asString(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            Instant earliest = now.plus(Duration.ofMinutes(1));
            return at.isBefore(earliest) ? earliest : at;
        } catch (DateTimeParseException e) {
            throw WechatError.paramError("/time_expire", "must be RFC 3339 with an offset, e.g. 2024-01-01T12:30:00+08:00");
        }
    }

    private static void checkNotifyUrl(String url, String field) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw WechatError.paramError(field, "is not a URL");
        }
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw WechatError.paramError(field, "must be an absolute http(s) URL");
        }
        if (uri.getRawQuery() != null) {
            throw WechatError.paramError(field, "must not carry a query string");
        }
    }

    private static long positiveAmount(JsonNode amount, String name, String field) {
        JsonNode node = amount.path(name);
        if (node.isMissingNode() || node.isNull()) {
            throw WechatError.paramError(field, "is required");
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() <= 0 || node.longValue() > Integer.MAX_VALUE) {
            throw WechatError.paramError(field, "must be a positive whole number of fen");
        }
        return node.longValue();
    }

    private static void checkCurrency(JsonNode amount, String field) {
        JsonNode currency = amount.path("currency");
        if (!currency.isMissingNode() && !currency.isNull() && !"CNY".equals(currency.asString())) {
            throw WechatError.paramError(field, "must be CNY");
        }
    }

    private static String requiredText(JsonNode node, String name, int maxLength) {
        return requiredText(node, name, maxLength, "/" + name);
    }

    private static String requiredText(JsonNode node, String name, int maxLength, String field) {
        String value = optionalText(node, name, maxLength, field);
        if (value == null || value.isEmpty()) {
            throw WechatError.paramError(field, "is required");
        }
        return value;
    }

    private static String optionalText(JsonNode node, String name, int maxLength) {
        return optionalText(node, name, maxLength, "/" + name);
    }

    private static String optionalText(JsonNode node, String name, int maxLength, String field) {
        JsonNode value = node.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw WechatError.paramError(field, "must be a string");
        }
        if (value.asString().length() > maxLength) {
            throw WechatError.paramError(field, "is longer than " + maxLength + " characters");
        }
        return value.asString();
    }

    @Override
    public void close() {
        timer.dispose();
    }
}
