package io.paygate.sandbox.alipay;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The faults currently switched on, by order number; read at the moment each fault could apply. */
@Component
class Faults {

    private final ConcurrentHashMap<String, TradeFaults> byOutTradeNo = new ConcurrentHashMap<>();

    void set(TradeFaults faults) {
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

    Optional<TradeFaults> forTrade(String outTradeNo) {
        return outTradeNo == null ? Optional.empty() : Optional.ofNullable(byOutTradeNo.get(outTradeNo));
    }

    TradeFaults forTradeOrNone(String outTradeNo) {
        return forTrade(outTradeNo).orElse(TradeFaults.NONE);
    }
}
