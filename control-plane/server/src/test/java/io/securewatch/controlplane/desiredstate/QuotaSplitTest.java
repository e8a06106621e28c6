package io.securewatch.controlplane.desiredstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class QuotaSplitTest {

    @Test
    void partsFollowWeights() {
        assertThat(QuotaSplit.split(100, List.of(1L, 3L))).containsExactly(25, 75);
    }

    @Test
    void leftoverUnitsGoToLargestRemainders() {
        assertThat(QuotaSplit.split(10, List.of(1L, 1L, 1L))).containsExactly(4, 3, 3);
        assertThat(QuotaSplit.split(10, List.of(2L, 3L, 5L, 1L))).containsExactly(2, 3, 4, 1);
    }

    @Test
    void partsAlwaysAddUpToTotal() {
        Random random = new Random(42);
        for (int round = 0; round < 1000; round++) {
            long total = random.nextLong(0, 1L << 50);
            List<Long> weights = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(20); i++) {
                weights.add(random.nextLong(1, 100_000_000));
            }

            long[] parts = QuotaSplit.split(total, weights);

            assertThat(LongStream.of(parts).sum()).as("round %d", round).isEqualTo(total);
            assertThat(LongStream.of(parts).min().orElse(0))
                    .as("round %d", round)
                    .isNotNegative();
        }
    }

    @Test
    void zeroWeightsAreRejected() {
        assertThatThrownBy(() -> QuotaSplit.split(5, List.of(0L, 0L))).isInstanceOf(IllegalArgumentException.class);
    }
}
