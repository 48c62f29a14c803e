package io.paygate.common.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YuanTest {

    @Test
    void convertsExactlyBothWays() {
        assertThat(Yuan.parseFen("88.88")).isEqualTo(8888);
        assertThat(Yuan.parseFen("0.01")).isEqualTo(1);
        assertThat(Yuan.parseFen("100000000.00")).isEqualTo(10_000_000_000L);
        assertThat(Yuan.format(8888)).isEqualTo("88.88");
        assertThat(Yuan.format(10)).isEqualTo("0.10");
        assertThat(Yuan.format(0)).isEqualTo("0.00");
        for (long fen = 0; fen < 10_000; fen += 7) {
            assertThat(Yuan.parseFen(Yuan.format(fen))).isEqualTo(fen);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"88.8", "88", "-1.00", "1.001", "01.00", "1e2", " 1.00", "1,00", "", "0x10.00", "NaN"})
    void refusesAnythingButTwoDecimalYuan(String malformed) {
        assertThatThrownBy(() -> Yuan.parseFen(malformed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNegativeFen() {
        assertThatThrownBy(() -> Yuan.format(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
