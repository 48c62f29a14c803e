package io.paygate.payment.bill;

import io.paygate.common.web.AdminAuthentication;
import io.paygate.common.web.ApiException;
import io.paygate.payment.alipay.AlipayBill;
import io.paygate.payment.alipay.AlipayGateway;
import io.paygate.payment.alipay.AlipayGateway.BillOutcome;
import io.swagger.v3.oas.annotations.Operation;
import java.time.LocalDate;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Admins download a platform's daily trade bill, parsed into typed rows (the input of reconciliation). */
@RestController
class BillAdmin {

    private final ObjectProvider<AlipayGateway> alipay;

    BillAdmin(ObjectProvider<AlipayGateway> alipay) {
        this.alipay = alipay;
    }

    record BillView(String channel, LocalDate day, int rows, List<AlipayBill.Row> entries) {
    }

    @Operation(summary = "Alipay's trade bill of a past day, parsed")
    @GetMapping("/admin/v1/bills/alipay/{day}")
    Mono<BillView> alipayBill(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
        AlipayGateway gateway = alipay.getIfAvailable();
        if (gateway == null) {
            return Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "channel_not_available", "Alipay is not enabled"));
        }
        return gateway.tradeBill(day).flatMap(outcome -> switch (outcome) {
            case BillOutcome.Bill bill -> Mono.just(new BillView("ALIPAY", day, bill.rows().size(), bill.rows()));
            case BillOutcome.NoBill none -> Mono.error(new ApiException(HttpStatus.NOT_FOUND, "bill_not_available",
                    "Alipay has no trade bill for " + day + " (" + none.subCode() + ")"));
            case BillOutcome.Unknown unknown -> Mono.error(new ApiException(HttpStatus.BAD_GATEWAY, "platform_error",
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
