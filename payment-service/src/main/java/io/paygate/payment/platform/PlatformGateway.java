package io.paygate.payment.platform;

import io.paygate.events.Channel;
import java.time.LocalDate;
import reactor.core.publisher.Mono;

/**
 * What paygate needs of every platform once a payment has been offered: ask about a trade, close
 * it, give money back and ask about that, fetch the day's bill. Each platform's folder implements
 * it; closing orders, the sweeps, refunds and bills only talk to this, so a new platform plugs in
 * without touching them. Starting a payment is scene-specific and stays on each gateway.
 */
public interface PlatformGateway {

    Channel channel();

    /** The application id payments to us carry (Alipay app_id, WeChat appid). */
    String appId();

    Mono<PlatformTrade> query(String orderNo);

    Mono<PlatformTrade> close(String orderNo);

    /** Asks the platform to give money back; the refund number makes a repeat harmless. */
    Mono<PlatformRefund> refund(RefundOrder refund);

    /** What became of the refund with this number. */
    Mono<PlatformRefund> refundQuery(String orderNo, String refundNo);

    /** The platform's trade bill of a past day, downloaded, checked and parsed. */
    Mono<PlatformBill> tradeBill(LocalDate day);
}
