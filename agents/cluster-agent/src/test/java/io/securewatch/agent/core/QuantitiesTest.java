package io.securewatch.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuantitiesTest {

    @Test
    void equalAmountsInDifferentNotationsMatch() {
        assertThat(Quantities.sameAmount("8000m", "8")).isTrue();
        assertThat(Quantities.sameAmount("1Gi", "1073741824")).isTrue();
        assertThat(Quantities.sameAmount("1k", "1e3")).isTrue();
        assertThat(Quantities.sameAmount("0.5", "500m")).isTrue();
    }

    @Test
    void differentAmountsDoNotMatch() {
        assertThat(Quantities.sameAmount("1Gi", "1G")).isFalse();
        assertThat(Quantities.sameAmount("10", "12")).isFalse();
    }

    @Test
    void textThatIsNoQuantityNeverMatches() {
        assertThat(Quantities.sameAmount("Container", "Container")).isFalse();
        assertThat(Quantities.parse("12x")).isEmpty();
    }
}
