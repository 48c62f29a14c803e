package io.paygate.order.admin;

import io.paygate.common.web.ApiException;
import io.paygate.order.coupon.Coupons;
import io.paygate.order.coupon.Coupons.Coupon;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Admins issue single-use coupons. */
@RestController
@RequestMapping("/admin/v1/coupons")
class CouponAdmin {

    private final Coupons coupons;
    private final Clock clock;

    CouponAdmin(Coupons coupons, Clock clock) {
        this.coupons = coupons;
        this.clock = clock;
    }

    record PutCoupon(@NotNull @Min(1) @Max(10_000_000_000L) Long amountOffFen) {
    }

    @Operation(summary = "Create a single-use coupon of a fixed amount off (or change the amount of an unused one)")
    @PutMapping("/{code}")
    Mono<Coupon> put(@PathVariable String code, @Valid @RequestBody PutCoupon request) {
        if (!code.matches("[A-Za-z0-9_-]{1,64}")) {
            return Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "coupon_code_invalid",
                    "a coupon code is 1 to 64 letters, digits, '_' or '-'"));
        }
        return coupons.put(code, request.amountOffFen(), clock.instant());
    }

    @Operation(summary = "Every coupon, and which order used it")
    @GetMapping
    Flux<Coupon> all() {
        return coupons.all();
    }
}
