package io.paygate.sandbox.wechat;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The sandbox's WeChat Pay orders, in memory, by {@code out_trade_no}. Every change is one atomic
 * compute on the map, so payer clicks, API calls and refund timers see one order of events;
 * every read applies a passed {@code time_expire} first.
 */
final class Orders {

    private final ConcurrentHashMap<String, WechatOrder> byOutTradeNo = new ConcurrentHashMap<>();
    /** transaction_id, prepay_id, code_url and out_refund_no → out_trade_no. */
    private final ConcurrentHashMap<String, String> index = new ConcurrentHashMap<>();
    private final Clock clock;

    Orders(Clock clock) {
        this.clock = clock;
    }

    /** Applies {@code change} to the order (null when there is none), storing and indexing what it returns. */
    WechatOrder compute(String outTradeNo, UnaryOperator<WechatOrder> change) {
        WechatOrder order = byOutTradeNo.compute(outTradeNo,
                (key, existing) -> change.apply(existing == null ? null : existing.expireIfDue(clock.instant())));
        if (order != null) {
            index.putIfAbsent("tx:" + order.transactionId(), outTradeNo);
            index.putIfAbsent("prepay:" + order.prepayId(), outTradeNo);
            index.putIfAbsent("credential:" + order.credential(), outTradeNo);
            order.refunds().forEach(r -> index.putIfAbsent("refund:" + r.outRefundNo(), outTradeNo));
        }
        return order;
    }

    /** Applies a transition to an existing order; empty when there is none. */
    Optional<WechatOrder> update(String outTradeNo, UnaryOperator<WechatOrder> transition) {
        if (!byOutTradeNo.containsKey(outTradeNo)) {
            return Optional.empty();
        }
        return Optional.ofNullable(compute(outTradeNo, existing -> existing == null ? null : transition.apply(existing)));
    }

    Optional<WechatOrder> find(String outTradeNo) {
        return outTradeNo == null ? Optional.empty()
                : Optional.ofNullable(byOutTradeNo.computeIfPresent(outTradeNo, (key, order) -> order.expireIfDue(clock.instant())));
    }

    Optional<WechatOrder> byTransactionId(String transactionId) {
        return Optional.ofNullable(index.get("tx:" + transactionId)).flatMap(this::find);
    }

    Optional<WechatOrder> byPrepayId(String prepayId) {
        return Optional.ofNullable(index.get("prepay:" + prepayId)).flatMap(this::find);
    }

    Optional<WechatOrder> byCredential(String credential) {
        return Optional.ofNullable(index.get("credential:" + credential)).flatMap(this::find);
    }

    Optional<WechatOrder> byOutRefundNo(String outRefundNo) {
        return Optional.ofNullable(index.get("refund:" + outRefundNo)).flatMap(this::find);
    }

    List<WechatOrder> all() {
        return byOutTradeNo.keySet().stream().map(this::find).flatMap(Optional::stream)
                .sorted(Comparator.comparing(WechatOrder::createdAt).thenComparing(WechatOrder::outTradeNo)).toList();
    }
}
