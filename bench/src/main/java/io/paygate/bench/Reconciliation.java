package io.paygate.bench;

/**
 * Scenario 6, PENDING: reconciliation of a 100,000-row bill is being built in another change.
 *
 * <p>HOOK: when it lands, this is where the bench (1) writes a 100,000-row bill for yesterday
 * into the sandbox (or straight into the bill store), with the matching orders and payments
 * already in the databases (see {@link History} for the bulk way), (2) starts one reconciliation
 * run through its public entry point, (3) times it to completion and reports rows/s and peak
 * heap against the target of 30 s. Until then the scenario reports itself as pending.
 */
final class Reconciliation {

    /** Classes the reconciliation change is expected to add; the first one found enables the scenario. */
    static final String[] ENTRY_POINTS = {
            "io.paygate.payment.reconciliation.Reconciliation",
            "io.paygate.payment.reconcile.Reconciliation",
            "io.paygate.payment.bill.Reconciliation"};

    private Reconciliation() {
    }

    /** @return the entry point found on the class path, or null while reconciliation does not exist */
    static String entryPoint() {
        for (String name : ENTRY_POINTS) {
            try {
                Class.forName(name, false, Reconciliation.class.getClassLoader());
                return name;
            } catch (ClassNotFoundException e) {
                // not this one
            }
        }
        return null;
    }
}
