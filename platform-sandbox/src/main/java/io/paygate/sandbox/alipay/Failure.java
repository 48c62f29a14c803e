package io.paygate.sandbox.alipay;

import java.util.Map;

/**
 * A gateway answer other than success. {@code subCode} is never empty: alipay-sdk-java decides
 * {@code isSuccess()} from {@code sub_code} alone (ref §3.1), so an error without one would
 * look like a success to the merchant.
 */
record Failure(String code, String msg, String subCode, String subMsg, Map<String, String> details) {

    Failure {
        if (subCode == null || subCode.isEmpty()) {
            throw new IllegalArgumentException("a failure needs a sub_code");
        }
        details = Map.copyOf(details);
    }

    Failure(String code, String msg, String subCode, String subMsg) {
        this(code, msg, subCode, subMsg, Map.of());
    }

    /** The same failure with API fields after the codes, as the real gateway adds some to errors. */
    Failure with(Map<String, String> moreDetails) {
        return new Failure(code, msg, subCode, subMsg, moreDetails);
    }

    static Failure missing(String subCode, String subMsg) {
        return new Failure("40001", "Missing Required Arguments", subCode, subMsg);
    }

    static Failure invalid(String subCode, String subMsg) {
        return new Failure("40002", "Invalid Arguments", subCode, subMsg);
    }

    static Failure business(String subCode, String subMsg) {
        return new Failure("40004", "Business Failed", subCode, subMsg);
    }

    static Failure tradeNotExist() {
        return business("ACQ.TRADE_NOT_EXIST", "交易不存在");
    }

    static Failure invalidParameter(String subMsg) {
        return business("ACQ.INVALID_PARAMETER", subMsg);
    }

    /** Thrown to stop handling a request with this answer. */
    AlipayRefusal refusal() {
        return new AlipayRefusal(this);
    }

    static final class AlipayRefusal extends RuntimeException {

        private final Failure failure;

        AlipayRefusal(Failure failure) {
            super(failure.subCode() + ": " + failure.subMsg(), null, false, false);
            this.failure = failure;
        }

        Failure failure() {
            return failure;
        }
    }
}
