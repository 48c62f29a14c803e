package io.paygate.payment.reconcile;

import io.paygate.events.Channel;
import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every day at {@code paygate.payment.reconciliation.cron} in the business time zone, reconciles
 * yesterday for each enabled channel. Every instance fires; the claim on the day lets one run it.
 */
@Component
class DailyReconciliation {

    private static final Logger log = LoggerFactory.getLogger(DailyReconciliation.class);

    private final ReconcileSettings settings;
    private final Reconciliation reconciliation;
    private final io.paygate.payment.platform.Gateways gateways;
    private final Clock clock;

    DailyReconciliation(ReconcileSettings settings, Reconciliation reconciliation, io.paygate.payment.platform.Gateways gateways,
                        Clock clock) {
        this.settings = settings;
        this.reconciliation = reconciliation;
        this.gateways = gateways;
        this.clock = clock;
    }

    @Scheduled(cron = "${paygate.payment.reconciliation.cron:0 30 10 * * *}", zone = "${paygate.payment.reconciliation.zone:Asia/Shanghai}")
    void yesterday() {
        if (!settings.enabled()) {
            return;
        }
        LocalDate day = LocalDate.ofInstant(clock.instant(), settings.zone()).minusDays(1);
        for (Channel channel : Channel.values()) {
            if (gateways.of(channel).isEmpty()) {
                continue;
            }
            try {
                if (reconciliation.runNow(channel, day).isEmpty()) {
                    log.info("reconciliation of {} {} is already running elsewhere", channel, day);
                }
            } catch (RuntimeException e) {
                log.atError().addKeyValue("channel", channel).addKeyValue("day", day)
                        .log("daily reconciliation of {} {} could not run: {}", channel, day, e.toString());
            }
        }
    }
}
