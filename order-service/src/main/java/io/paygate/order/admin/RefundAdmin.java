package io.paygate.order.admin;

import io.paygate.events.Channel;
import io.paygate.order.refund.Refunds;
import io.paygate.order.refund.Refunds.Refund;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Admins give money back: partially, repeatedly, never more than was paid. */
@RestController
@RequestMapping("/admin/v1/orders/{orderNo}")
class RefundAdmin {

    private final Refunds refunds;
    private final AdminSettings admin;

    RefundAdmin(Refunds refunds, AdminSettings admin) {
        this.refunds = refunds;
        this.admin = admin;
    }

    record RefundRequest(@NotNull @Min(1) @Max(10_000_000_000L) Long amountFen, @Size(max = 256) String reason) {
    }

    @Operation(summary = "Refund part or all of an order's payment (PAID, PAID_AFTER_TIMEOUT or already REFUNDING)")
    @PostMapping("/refunds")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Refund> refund(@PathVariable String orderNo, @Valid @RequestBody RefundRequest request) {
        return refunds.request(orderNo, request.amountFen(), request.reason(), admin.username());
    }

    @Operation(summary = "An order's refunds, with who asked and what the platform said")
    @GetMapping("/refunds")
    Flux<Refund> list(@PathVariable String orderNo) {
        return refunds.ofOrder(orderNo);
    }

    record PaymentRefundRequest(@Size(max = 256) String reason) {
    }

    @Operation(summary = "Give back all of a payment that paid no order (a wrong amount; double payments are refunded automatically)")
    @PostMapping("/payments/{channel}/{platformTradeNo}/refund")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Refund> refundPayment(@PathVariable String orderNo, @PathVariable Channel channel, @PathVariable String platformTradeNo,
                               @Valid @RequestBody(required = false) PaymentRefundRequest request) {
        return refunds.requestPaymentRefund(orderNo, channel, platformTradeNo,
                request == null || request.reason() == null ? "payment refunded by an admin" : request.reason(), admin.username());
    }
}
