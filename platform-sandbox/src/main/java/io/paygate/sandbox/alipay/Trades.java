package io.paygate.sandbox.alipay;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;

/**
 * The sandbox's trades, in memory, by merchant order number. Every change is one atomic
 * compute on the map, so concurrent cashier clicks and API calls see one order of events.
 */
@Component
class Trades {

    private final ConcurrentHashMap<String, Trade> byOutTradeNo = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> outTradeNoByTradeNo = new ConcurrentHashMap<>();
    private final Clock clock;

    Trades(Clock clock) {
        this.clock = clock;
    }

    /**
     * The trade for this order number: the existing one, past deadlines applied, or a new one.
     *
     * @param sameOrder decides whether an existing trade is the order being opened again
     */
    Trade openOrReuse(String outTradeNo, Predicate<Trade> sameOrder, Supplier<Trade> created) {
        Trade trade = byOutTradeNo.compute(outTradeNo, (key, existing) -> {
            if (existing == null) {
                return created.get();
            }
            if (!sameOrder.test(existing)) {
                throw Failure.business("ACQ.CONTEXT_INCONSISTENT", "交易信息被篡改: out_trade_no " + outTradeNo
                        + " was opened with other parameters").refusal();
            }
            return existing.expireIfDue(clock.instant());
        });
        outTradeNoByTradeNo.putIfAbsent(trade.tradeNo(), outTradeNo);
        return trade;
    }

    /** Keeps a trade made whole elsewhere (bulk ground truth); false if its order number is taken. */
    boolean add(Trade trade) {
        if (byOutTradeNo.putIfAbsent(trade.outTradeNo(), trade) != null) {
            return false;
        }
        outTradeNoByTradeNo.put(trade.tradeNo(), trade.outTradeNo());
        return true;
    }

    Optional<Trade> find(String outTradeNo) {
        return Optional.ofNullable(byOutTradeNo.computeIfPresent(outTradeNo, (key, trade) -> trade.expireIfDue(clock.instant())));
    }

    Optional<Trade> findByTradeNo(String tradeNo) {
        return Optional.ofNullable(outTradeNoByTradeNo.get(tradeNo)).flatMap(this::find);
    }

    /** Applies a transition to the trade (deadline first); empty when there is no such trade. */
    Optional<Trade> update(String outTradeNo, UnaryOperator<Trade> transition) {
        return Optional.ofNullable(byOutTradeNo.computeIfPresent(outTradeNo,
                (key, trade) -> transition.apply(trade.expireIfDue(clock.instant()))));
    }

    List<Trade> all() {
        return byOutTradeNo.keySet().stream()
                .map(this::find)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(Trade::createdAt).thenComparing(Trade::tradeNo))
                .toList();
    }
}
