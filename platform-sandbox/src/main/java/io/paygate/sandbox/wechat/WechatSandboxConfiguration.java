package io.paygate.sandbox.wechat;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WeChat Pay half of the sandbox, present with {@code paygate.sandbox.wechat.enabled=true}:
 * its keys (checked at start), orders, notifier and bills.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WechatSandboxSettings.class)
class WechatSandboxConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWechatSandbox
    static class Enabled {

        /** The sandbox's own mapper: the wire format must not follow application-wide JSON settings. */
        private final JsonMapper json = JsonMapper.builder().build();

        @Bean
        PlatformKeys wechatPlatformKeys(WechatSandboxSettings settings, Clock clock) {
            return new PlatformKeys(settings, clock);
        }

        @Bean
        MerchantAuthentication wechatMerchantAuthentication(WechatSandboxSettings settings, PlatformKeys keys, Clock clock) {
            return new MerchantAuthentication(settings, keys, clock);
        }

        @Bean
        Orders wechatOrders(Clock clock) {
            return new Orders(clock);
        }

        @Bean
        WechatFaults wechatFaults() {
            return new WechatFaults();
        }

        @Bean
        WechatNotifier wechatNotifier(WechatSandboxSettings settings, PlatformKeys keys, WechatFaults faults, Clock clock) {
            return new WechatNotifier(settings, keys, faults, clock, json);
        }

        @Bean
        PaymentDesk wechatPaymentDesk(WechatSandboxSettings settings, Orders orders, WechatNotifier notifier,
                                      WechatFaults faults, Clock clock) {
            return new PaymentDesk(settings, orders, notifier, faults, clock);
        }

        @Bean
        BillDesk wechatBillDesk(WechatSandboxSettings settings, Orders orders, Clock clock) {
            return new BillDesk(settings, orders, clock);
        }
    }
}
