package io.paygate.localrun;

/**
 * How big the fault tests run: CI size by default, the larger nightly size with
 * {@code -Dpaygate.faults.size=full}. Single figures can be set on their own, e.g.
 * {@code -Dpaygate.faults.brokerKill.notifications=10000}.
 */
final class FaultSizes {

    static final boolean FULL = "full".equalsIgnoreCase(System.getProperty("paygate.faults.size", "ci"));

    private FaultSizes() {
    }

    static int of(String name, int ci, int full) {
        return Integer.getInteger("paygate.faults." + name, FULL ? full : ci);
    }

    static String size() {
        return FULL ? "full" : "ci";
    }
}
