package io.paygate.payment.reconcile;

import io.paygate.events.Channel;
import io.paygate.payment.reconcile.Matcher.Totals;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A reconciliation as the admin API shows it: its latest run (status, progress, why it failed)
 * and the result of its latest finished run, which a running or failed re-run leaves in place.
 *
 * @param runNo         the latest run's number (1 for the first run of the day)
 * @param rowsProcessed rows (ours and the bill's) matched so far
 * @param rowsTotal     rows to match, once the bill is in
 * @param reason        why the latest run failed
 * @param result        the latest finished result, or null before the first one
 */
public record RunView(Channel channel, LocalDate day, RunStatus status, int runNo, Instant startedAt, Instant finishedAt,
                      Integer rowsProcessed, Integer rowsTotal, String reason, Result result) {

    /**
     * @param status   COMPLETED or NO_BILL
     * @param runNo    the run it came from
     * @param billCode the platform's code when it had no bill (e.g. {@code NO_STATEMENT_EXIST}), else null
     * @param counts        discrepancies by type
     * @param discrepancies all discrepancies
     */
    public record Result(RunStatus status, int runNo, Instant at, String billCode, Totals totals,
                         Map<DiscrepancyType, Integer> counts, int discrepancies) {

        Result(RunStatus status, int runNo, Instant at, String billCode, Totals totals, Map<DiscrepancyType, Integer> counts) {
            this(status, runNo, at, billCode, totals, counts, counts.values().stream().mapToInt(Integer::intValue).sum());
        }
    }
}
