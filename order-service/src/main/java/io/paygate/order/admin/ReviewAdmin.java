package io.paygate.order.admin;

import io.paygate.common.web.ApiException;
import io.paygate.order.order.Order;
import io.paygate.order.order.OrderReview;
import io.paygate.order.order.OrderReview.UnappliedPayment;
import io.paygate.order.order.OrderStatus;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The admins' review queue. */
@RestController
@RequestMapping("/admin/v1")
class ReviewAdmin {

    private final OrderReview review;
    private final AdminSettings admin;

    ReviewAdmin(OrderReview review, AdminSettings admin) {
        this.review = review;
        this.admin = admin;
    }

    record ReviewOrder(String orderNo, OrderStatus status, long payableFen, String channel, String platformTradeNo,
                       Instant paidAt, Instant expiresAt, long id) {
        static ReviewOrder of(Order order) {
            return new ReviewOrder(order.orderNo(), order.status(), order.payableFen(),
                    order.paidChannel() == null ? null : order.paidChannel().name(), order.platformTradeNo(), order.paidAt(),
                    order.expiresAt(), order.id());
        }
    }

    record ReviewQueue(List<ReviewOrder> paidAfterTimeout, List<UnappliedPayment> unappliedPayments) {
    }

    @Operation(summary = "Orders paid after their deadline, and payments that paid no order (wrong amount, double payment)")
    @GetMapping("/review")
    Mono<ReviewQueue> queue(@RequestParam(defaultValue = "0") long afterOrderId,
                            @RequestParam(required = false) Instant paymentsAfter,
                            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 500) {
            return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "limit_out_of_range", "limit must be 1..500"));
        }
        return Mono.zip(review.paidAfterTimeout(afterOrderId, limit).map(ReviewOrder::of).collectList(),
                        review.unappliedPayments(paymentsAfter == null ? Instant.EPOCH : paymentsAfter, limit).collectList())
                .map(both -> new ReviewQueue(both.getT1(), both.getT2()));
    }

    @Operation(summary = "Keep the money of an order paid after its deadline: its stock is held again and it becomes PAID")
    @PostMapping("/orders/{orderNo}/accept")
    Mono<ReviewOrder> accept(@PathVariable String orderNo) {
        return review.accept(orderNo, admin.username()).map(ReviewOrder::of);
    }

    @Operation(summary = "Who decided what about an order in review, and when")
    @GetMapping("/orders/{orderNo}/decisions")
    reactor.core.publisher.Flux<OrderReview.Decision> decisions(@PathVariable String orderNo) {
        return review.decisions(orderNo);
    }
}
