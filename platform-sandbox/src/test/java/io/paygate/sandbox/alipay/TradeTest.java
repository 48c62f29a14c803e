package io.paygate.sandbox.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradeTest {

    private static final Instant T0 = Instant.parse("2026-11-26T02:00:00Z");

    @Test
    void partialRefundsKeepTheTradeSucceededAndTheLastFenClosesIt() {
        Trade paid = paidTrade(1000);

        Trade partly = paid.refund(new Refund("R1", 400, T0.plusSeconds(60)));
        assertThat(partly.status()).isEqualTo(TradeStatus.TRADE_SUCCESS);
        assertThat(partly.refundedFen()).isEqualTo(400);
        assertThat(partly.refundableFen()).isEqualTo(600);
        assertThat(partly.closedAt()).isNull();

        Trade full = partly.refund(new Refund("R2", 600, T0.plusSeconds(120)));
        assertThat(full.status()).isEqualTo(TradeStatus.TRADE_CLOSED);
        assertThat(full.closedAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(full.wasPaid()).isTrue();
        assertThat(full.isPaid()).isFalse();
        assertThat(full.refundFor("R1")).map(Refund::amountFen).contains(400L);
    }

    @Test
    void anUnpaidTradeCannotBeRefundedAndNoRefundExceedsTheRemainder() {
        Trade closedUnpaid = openTrade(1000).close(T0);
        assertThatThrownBy(() -> closedUnpaid.refund(new Refund("R1", 1, T0)))
                .isInstanceOf(Trade.IllegalTransition.class).hasMessageContaining("TRADE_CLOSED");
        assertThatThrownBy(() -> openTrade(1000).refund(new Refund("R1", 1, T0)))
                .isInstanceOf(Trade.IllegalTransition.class).hasMessageContaining("WAIT_BUYER_PAY");
        assertThatThrownBy(() -> paidTrade(1000).refund(new Refund("R1", 1001, T0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void backdatingMovesEveryTimeButChangesNothingElse() {
        Trade refunded = paidTrade(1000).refund(new Refund("R1", 1000, T0.plusSeconds(5)));

        Trade earlier = refunded.backdated(Duration.ofDays(1));

        assertThat(earlier.createdAt()).isEqualTo(refunded.createdAt().minus(Duration.ofDays(1)));
        assertThat(earlier.paidAt()).isEqualTo(refunded.paidAt().minus(Duration.ofDays(1)));
        assertThat(earlier.closedAt()).isEqualTo(refunded.closedAt().minus(Duration.ofDays(1)));
        assertThat(earlier.refunds().getFirst().at()).isEqualTo(T0.plusSeconds(5).minus(Duration.ofDays(1)));
        assertThat(earlier.status()).isEqualTo(refunded.status());
        assertThat(earlier.refundedFen()).isEqualTo(1000);
    }

    private static Trade openTrade(long totalFen) {
        return new Trade("2026112622001400000000000001", "O1", "2021000000000001", Product.PAGE, StandardCharsets.UTF_8,
                SignType.RSA2, totalFen, "会员", null, null, null, null, null, T0, T0.plus(Duration.ofDays(15)),
                TradeStatus.WAIT_BUYER_PAY, null, null, List.of());
    }

    private static Trade paidTrade(long totalFen) {
        return openTrade(totalFen).pay(T0.plusSeconds(1));
    }
}
