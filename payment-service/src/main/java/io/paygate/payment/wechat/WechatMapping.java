package io.paygate.payment.wechat;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.Status;
import io.paygate.payment.platform.PlatformRefund;
import io.paygate.payment.platform.PlatformTrade;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;

/** WeChat Pay's trade states, refund statuses and error answers to our outcomes, exhaustively. */
final class WechatMapping {

    /** Answers that mean "we cannot know right now" rather than "no" (ref §8). */
    private static final Set<String> TRANSIENT_CODES = Set.of("SYSTEM_ERROR", "SERVICE_UNAVAILABLE", "FREQUENCY_LIMITED",
            "RATELIMIT_EXCEEDED");

    private WechatMapping() {
    }

    /** WeChat's {@code trade_state}, exhaustively. */
    static PlatformTrade trade(Transaction transaction) {
        if (transaction.getTradeState() == null) {
            return new PlatformTrade.Unknown("no trade_state");
        }
        return switch (transaction.getTradeState()) {
            case SUCCESS -> paid(transaction);
            case NOTPAY, USERPAYING, ACCEPT -> new PlatformTrade.Waiting(transaction.getTransactionId());
            case CLOSED, REVOKED, PAYERROR -> new PlatformTrade.Closed(transaction.getTransactionId());
            // paid and (partly) refunded since: still a payment that happened
            case REFUND -> paid(transaction);
        };
    }

    private static PlatformTrade paid(Transaction transaction) {
        if (transaction.getAmount() == null || transaction.getAmount().getTotal() == null || transaction.getTransactionId() == null) {
            return new PlatformTrade.Unknown("a paid transaction without amount or transaction_id");
        }
        return new PlatformTrade.Paid(transaction.getTransactionId(), transaction.getAmount().getTotal(),
                time(transaction.getSuccessTime()));
    }

    /** WeChat's refund {@code status}, exhaustively. */
    static PlatformRefund refund(Refund refund) {
        if (refund.getStatus() == null) {
            return new PlatformRefund.Unknown("no refund status");
        }
        return refund(refund.getStatus(), refund.getRefundId(), refund.getSuccessTime());
    }

    static PlatformRefund refund(Status status, String refundId, String successTime) {
        return switch (status) {
            case SUCCESS -> new PlatformRefund.Succeeded(refundId, time(successTime));
            case PROCESSING -> new PlatformRefund.Processing(refundId);
            // closed by WeChat, or the buyer's account could not take the money: it did not go back
            case CLOSED -> new PlatformRefund.Refused("CLOSED", "WeChat Pay closed the refund");
            case ABNORMAL -> new PlatformRefund.Refused("ABNORMAL",
                    "the buyer's account could not receive the refund; settle it in the merchant platform");
        };
    }

    /** A failed payment call: not found, refused with WeChat's code, or not known. */
    static PlatformTrade tradeFailure(Throwable failure) {
        if (failure instanceof ServiceException refused) {
            if ("ORDER_NOT_EXIST".equals(refused.getErrorCode()) || refused.getHttpStatusCode() == 404) {
                return new PlatformTrade.NotFound();
            }
            if (isTransient(refused)) {
                return new PlatformTrade.Unknown("WeChat Pay answered " + refused.getHttpStatusCode() + " " + refused.getErrorCode());
            }
            return new PlatformTrade.Refused(refused.getErrorCode(), refused.getErrorMessage());
        }
        return new PlatformTrade.Unknown(failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }

    /**
     * A failed refund call. On create, {@code RESOURCE_NOT_EXISTS} (an unpaid or unknown order) is
     * a refusal; on query it means there is no refund under the number yet.
     */
    static PlatformRefund refundFailure(Throwable failure, boolean query) {
        if (failure instanceof ServiceException refused) {
            if (isTransient(refused)) {
                return new PlatformRefund.Unknown("WeChat Pay answered " + refused.getHttpStatusCode() + " " + refused.getErrorCode());
            }
            if (query) {
                return "RESOURCE_NOT_EXISTS".equals(refused.getErrorCode()) || refused.getHttpStatusCode() == 404
                        ? new PlatformRefund.NotFound()
                        : new PlatformRefund.Unknown("refund query answered " + refused.getHttpStatusCode() + " " + refused.getErrorCode());
            }
            return new PlatformRefund.Refused(refused.getErrorCode() == null ? "HTTP_" + refused.getHttpStatusCode()
                    : refused.getErrorCode(), refused.getErrorMessage());
        }
        // I/O, timeouts, bad or missing response signatures, stale timestamps (IllegalArgumentException), … (ref §12)
        return new PlatformRefund.Unknown(failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }

    private static boolean isTransient(ServiceException refused) {
        return refused.getHttpStatusCode() >= 500 || refused.getHttpStatusCode() == 429
                || TRANSIENT_CODES.contains(refused.getErrorCode());
    }

    private static Instant time(String rfc3339) {
        return rfc3339 == null || rfc3339.isEmpty() ? Instant.now() : OffsetDateTime.parse(rfc3339).toInstant();
    }
}
