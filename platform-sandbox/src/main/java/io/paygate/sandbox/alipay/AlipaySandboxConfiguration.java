package io.paygate.sandbox.alipay;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Alipay half of the sandbox: its keys and certificates, checked at start, and its trade numbers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlipaySandboxSettings.class)
class AlipaySandboxConfiguration {

    @Bean
    AlipayKeys alipayKeys(AlipaySandboxSettings settings) {
        return AlipayKeys.from(settings);
    }

    @Bean
    CertificateMode certificateMode(AlipaySandboxSettings settings, AlipayKeys keys) {
        return CertificateMode.from(settings, keys);
    }

    @Bean
    TradeNumbers tradeNumbers(Clock clock) {
        return new TradeNumbers(clock);
    }
}
