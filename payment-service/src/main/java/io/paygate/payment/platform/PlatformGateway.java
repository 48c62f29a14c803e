package io.paygate.payment.platform;

import io.paygate.events.Channel;
import reactor.core.publisher.Mono;

/**
 * What paygate needs of every platform to settle attempts: ask about a trade, close it. Each
 * platform's folder implements it; closing orders and the lost-notification sweep only talk to
 * this, so a new platform plugs in without touching them.
 */
public interface PlatformGateway {

    Channel channel();

    /** The application id payments to us carry (Alipay app_id, WeChat appid). */
    String appId();

    Mono<PlatformTrade> query(String orderNo);

    Mono<PlatformTrade> close(String orderNo);
}
