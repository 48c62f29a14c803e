package io.paygate.notify.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.events.Channel;
import io.paygate.events.PaymentSucceeded;
import io.paygate.notify.alipay.AlipayMapping.Outcome;
import io.paygate.notify.alipay.AlipayMapping.TradeStatus;
import io.paygate.notify.alipay.NotificationRejected.Reason;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AlipayMappingTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-26T09:31:04Z");

    /** What each documented status must become without and with refund fields. A new status fails here until decided. */
    private static final Map<TradeStatus, Class<?>[]> EXPECTED = Map.of(
            TradeStatus.WAIT_BUYER_PAY, new Class<?>[] {Outcome.AwaitingPayment.class, Outcome.AwaitingPayment.class},
            TradeStatus.TRADE_CLOSED, new Class<?>[] {Outcome.Closed.class, Outcome.RefundUpdate.class},
            TradeStatus.TRADE_SUCCESS, new Class<?>[] {Outcome.Paid.class, Outcome.RefundUpdate.class},
            TradeStatus.TRADE_FINISHED, new Class<?>[] {Outcome.Paid.class, Outcome.RefundUpdate.class});

    @ParameterizedTest
    @EnumSource(TradeStatus.class)
    void everyDocumentedStatusHasItsOutcome(TradeStatus status) {
        assertThat(EXPECTED).as("expected outcome of %s", status).containsKey(status);

        assertThat(AlipayMapping.map(notification(status.name(), false), RECEIVED)).isInstanceOf(EXPECTED.get(status)[0]);
        assertThat(AlipayMapping.map(notification(status.name(), true), RECEIVED)).isInstanceOf(EXPECTED.get(status)[1]);
    }

    @Test
    void onlySuccessAndFinishedMeanPaid() {
        assertThat(TradeStatus.values())
                .filteredOn(status -> status.meaning() == AlipayMapping.Meaning.PAID)
                .containsExactlyInAnyOrder(TradeStatus.TRADE_SUCCESS, TradeStatus.TRADE_FINISHED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRADE_PAID", "trade_success", "TRADE_SUCCESS ", ""})
    @NullSource
    void refusesUnknownStatuses(String status) {
        assertThatThrownBy(() -> AlipayMapping.map(notification(status, false), RECEIVED))
                .isInstanceOfSatisfying(NotificationRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRADE_STATUS_UNKNOWN));
    }

    @Test
    void paymentCarriesOrderTradeAmountAppAndSource() {
        var paid = (Outcome.Paid) AlipayMapping.map(notification("TRADE_SUCCESS", false), RECEIVED);

        assertThat(paid.payment()).isEqualTo(new PaymentSucceeded("202611261730050000000042", Channel.ALIPAY,
                "2026112622001499999999", 8888, "CNY", Instant.parse("2026-11-26T09:31:02Z"), "2021000000000001",
                PaymentSucceeded.Source.NOTIFICATION));
    }

    @Test
    void paidAtFallsBackToNotifyTimeThenToArrival() {
        var noPaymentTime = new AlipayNotification("n", "app", "202611261730050000000042", "t", 1, "TRADE_FINISHED",
                null, "2026-11-26 17:31:03", false, "s");
        var noTimes = new AlipayNotification("n", "app", "202611261730050000000042", "t", 1, "TRADE_FINISHED",
                "26/11/2026", "later", false, "s");

        assertThat(((Outcome.Paid) AlipayMapping.map(noPaymentTime, RECEIVED)).payment().paidAt())
                .isEqualTo(Instant.parse("2026-11-26T09:31:03Z"));
        assertThat(((Outcome.Paid) AlipayMapping.map(noTimes, RECEIVED)).payment().paidAt()).isEqualTo(RECEIVED);
    }

    @Test
    void readsAlipayTimesAsBeijingTimeWithOptionalMilliseconds() {
        assertThat(AlipayMapping.alipayTime("2026-01-01 00:00:00")).contains(Instant.parse("2025-12-31T16:00:00Z"));
        assertThat(AlipayMapping.alipayTime("2016-07-19 14:10:49.345")).contains(Instant.parse("2016-07-19T06:10:49.345Z"));
        assertThat(AlipayMapping.alipayTime("2026-02-30 00:00:00")).isEmpty();
        assertThat(AlipayMapping.alipayTime(null)).isEmpty();
    }

    private static AlipayNotification notification(String status, boolean refund) {
        return new AlipayNotification("2026112600222173059046380543", "2021000000000001", "202611261730050000000042",
                "2026112622001499999999", 8888, status, "2026-11-26 17:31:02", "2026-11-26 17:31:03", refund, "c2lnbg==");
    }
}
