package io.paygate.payment.bill;

import io.paygate.common.web.AdminAuthentication;
import io.paygate.common.web.ApiException;
import io.paygate.events.Channel;
import io.paygate.payment.platform.Gateways;
import io.paygate.payment.platform.PlatformBill;
import io.swagger.v3.oas.annotations.Operation;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Admins download a platform's daily trade bill, parsed into typed rows (the input of
 * reconciliation): {@code /admin/v1/bills/alipay/{day}}, {@code /admin/v1/bills/wechat/{day}}.
 */
@RestController
class BillAdmin {

    private final Gateways gateways;

    BillAdmin(Gateways gateways) {
        this.gateways = gateways;
    }

    /**
     * @param entries the platform's own typed rows (amounts in fen; WeChat fees in milli-fen)
     * @param totals  the bill's totals line, where the platform writes one (WeChat)
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record BillView(String channel, LocalDate day, int rows, List<? extends PlatformBill.Entry> entries, PlatformBill.Totals totals) {
    }

    @Operation(summary = "A platform's (alipay, wechat) trade bill of a past day, parsed")
    @GetMapping("/admin/v1/bills/{platform}/{day}")
    Mono<BillView> bill(@PathVariable String platform, @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
        Channel channel = switch (platform.toLowerCase(Locale.ROOT)) {
            case "alipay" -> Channel.ALIPAY;
            case "wechat" -> Channel.WECHAT;
            default -> null;
        };
        if (channel == null) {
            return Mono.error(new ApiException(HttpStatus.NOT_FOUND, "platform_unknown", "no platform " + platform + "; alipay or wechat"));
        }
        var gateway = gateways.of(channel).orElse(null);
        if (gateway == null) {
            return Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "channel_not_available", channel + " is not enabled"));
        }
        return gateway.tradeBill(day).flatMap(outcome -> switch (outcome) {
            case PlatformBill.Bill bill -> Mono.just(new BillView(channel.name(), day, bill.entries().size(), bill.entries(), bill.totals()));
            case PlatformBill.NoBill none -> Mono.error(new ApiException(HttpStatus.NOT_FOUND, "bill_not_available",
                    channel + " has no trade bill for " + day + " (" + none.code() + ")"));
            case PlatformBill.Unknown unknown -> Mono.error(new ApiException(HttpStatus.BAD_GATEWAY, "platform_error",
                    "the bill could not be fetched: " + unknown.reason()));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Security {
        @Bean
        AdminAuthentication adminAuthentication(@Value("${paygate.payment.admin.username:admin}") String username,
                                                @Value("${paygate.payment.admin.password:}") String password) {
            if (password.isBlank()) {
                throw new IllegalStateException("paygate.payment.admin.password is required: set it (or PAYGATE_ADMIN_PASSWORD)");
            }
            return new AdminAuthentication(username, password);
        }
    }
}
