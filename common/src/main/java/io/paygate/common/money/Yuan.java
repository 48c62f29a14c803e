package io.paygate.common.money;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Conversion between fen (what paygate counts in) and the platforms' yuan strings, exact and
 * without floating point.
 */
public final class Yuan {

    /** Yuan with exactly two decimals and no sign, as Alipay sends them: {@code 0.01}, {@code 88.80}. */
    private static final Pattern TWO_DECIMALS = Pattern.compile("(0|[1-9][0-9]{0,15})\\.[0-9]{2}");

    private Yuan() {
    }

    /** {@code 8888} → {@code "88.88"}. */
    public static String format(long fen) {
        if (fen < 0) {
            throw new IllegalArgumentException("amount must not be negative: " + fen);
        }
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    /**
     * {@code "88.88"} → {@code 8888}. Only unsigned amounts with exactly two decimals are
     * accepted; anything else is a malformed amount, never rounded.
     *
     * @throws IllegalArgumentException for a malformed amount
     */
    public static long parseFen(String yuan) {
        if (yuan == null || !TWO_DECIMALS.matcher(yuan).matches()) {
            throw new IllegalArgumentException("not a yuan amount with two decimals: '" + yuan + "'");
        }
        return new BigDecimal(yuan).movePointRight(2).longValueExact();
    }
}
