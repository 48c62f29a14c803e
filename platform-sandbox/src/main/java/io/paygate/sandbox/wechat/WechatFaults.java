package io.paygate.sandbox.wechat;

import java.util.concurrent.ConcurrentHashMap;

/** The faults currently switched on, by {@code out_trade_no}; read at the moment each fault could apply. */
final class WechatFaults {

    private final ConcurrentHashMap<String, OrderFaults> byOutTradeNo = new ConcurrentHashMap<>();

    void set(OrderFaults faults) {
        if (faults.outTradeNo() == null || faults.outTradeNo().isBlank()) {
            throw new IllegalArgumentException("outTradeNo is required");
        }
        byOutTradeNo.put(faults.outTradeNo(), faults);
    }

    void clear(String outTradeNo) {
        byOutTradeNo.remove(outTradeNo);
    }

    void clearAll() {
        byOutTradeNo.clear();
    }

    OrderFaults forOrder(String outTradeNo) {
        return outTradeNo == null ? OrderFaults.NONE : byOutTradeNo.getOrDefault(outTradeNo, OrderFaults.NONE);
    }
}
