package io.paygate.fulfillment.orders;

import io.paygate.common.consume.ProcessedEvents;
import io.paygate.common.money.Yuan;
import io.paygate.events.DuplicatePaymentReceived;
import io.paygate.events.OrderPaidAfterTimeout;
import io.paygate.events.OrderRefunded;
import io.paygate.events.PaymentAmountMismatched;
import io.paygate.fulfillment.admin.AdminMessage;
import io.paygate.fulfillment.admin.AdminMessages;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Tells the admins, once per event, that an order needs their decision or that money went back. (The admin email and
 * the console's review queue come with the admin console.)
 */
@Component
class ReviewAlerts {

    private static final Logger log = LoggerFactory.getLogger(ReviewAlerts.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ProcessedEvents processed;
    private final AdminMessages admin;
    private final TransactionalOperator tx;

    ReviewAlerts(ProcessedEvents processed, AdminMessages admin, TransactionalOperator tx) {
        this.processed = processed;
        this.admin = admin;
        this.tx = tx;
    }

    /** The admins see every refund that went through; the customer's refund email comes with the admin console work. */
    void refunded(String eventId, OrderRefunded refunded) {
        Boolean first = tx.transactional(processed.claim(eventId)).block(TIMEOUT);
        if (!Boolean.TRUE.equals(first)) {
            return;
        }
        admin.publish(AdminMessage.Kind.REFUNDED, refunded.orderNo(), "订单 " + refunded.orderNo() + " 已退款 ¥"
                + Yuan.format(refunded.amountFen()) + "（累计 ¥" + Yuan.format(refunded.refundedTotalFen()) + "）"
                + (refunded.fullyRefunded() ? "，已全额退款" : ""), refunded.amountFen());
    }

    void paidAfterTimeout(String eventId, OrderPaidAfterTimeout late) {
        Boolean first = tx.transactional(processed.claim(eventId)).block(TIMEOUT);
        if (!Boolean.TRUE.equals(first)) {
            log.atInfo().addKeyValue("orderNo", late.orderNo()).log("order {}: event {} already processed", late.orderNo(), eventId);
            return;
        }
        admin.publish(AdminMessage.Kind.NEEDS_REVIEW, late.orderNo(), "需要处理：订单 " + late.orderNo() + " 超时后收到付款 ¥"
                + Yuan.format(late.amountFen()) + " (" + late.channel() + " " + late.platformTradeNo() + ")，请退款或接受",
                late.amountFen());
        log.atWarn().addKeyValue("orderNo", late.orderNo())
                .log("order {} was paid after its deadline {}: waiting for an admin to refund or accept", late.orderNo(), late.expiresAt());
    }

    /** A second payment for a paid order: it is being refunded automatically, and the admins should know. */
    void duplicatePayment(String eventId, DuplicatePaymentReceived duplicate) {
        Boolean first = tx.transactional(processed.claim(eventId)).block(TIMEOUT);
        if (!Boolean.TRUE.equals(first)) {
            return;
        }
        admin.publish(AdminMessage.Kind.NEEDS_REVIEW, duplicate.orderNo(), "重复付款：订单 " + duplicate.orderNo() + " 已支付，又收到 ¥"
                + Yuan.format(duplicate.amountFen()) + " (" + duplicate.channel() + " " + duplicate.platformTradeNo()
                + ")，已自动退款 " + duplicate.refundNo(), duplicate.amountFen());
        log.atWarn().addKeyValue("orderNo", duplicate.orderNo()).log("order {} was paid twice: {} {} refunded automatically as {}",
                duplicate.orderNo(), duplicate.channel(), duplicate.platformTradeNo(), duplicate.refundNo());
    }

    /** Money that paid no order because its amount was wrong: an admin refunds it. */
    void amountMismatch(String eventId, PaymentAmountMismatched mismatch) {
        Boolean first = tx.transactional(processed.claim(eventId)).block(TIMEOUT);
        if (!Boolean.TRUE.equals(first)) {
            return;
        }
        admin.publish(AdminMessage.Kind.NEEDS_REVIEW, mismatch.orderNo(), "需要处理：订单 " + mismatch.orderNo() + " 应付 ¥"
                + Yuan.format(mismatch.expectedFen()) + "，实收 ¥" + Yuan.format(mismatch.amountFen()) + " (" + mismatch.channel()
                + " " + mismatch.platformTradeNo() + ")，订单未支付，请退款", mismatch.amountFen());
        log.atWarn().addKeyValue("orderNo", mismatch.orderNo()).log("order {}: payment {} {} of {} fen does not match the {} fen asked",
                mismatch.orderNo(), mismatch.channel(), mismatch.platformTradeNo(), mismatch.amountFen(), mismatch.expectedFen());
    }
}
