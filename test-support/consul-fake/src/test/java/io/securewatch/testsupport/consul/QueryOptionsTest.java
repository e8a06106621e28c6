package io.securewatch.testsupport.consul;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The wait limits and jitter of blocking queries, computed without a server. */
class QueryOptionsTest {

    /** Returns the lowest jitter. */
    private static final RandomGenerator NO_JITTER = new FixedRandom(false);

    /** Returns the highest jitter below the bound. */
    private static final RandomGenerator MAX_JITTER = new FixedRandom(true);

    @Test
    void missingWaitDefaultsToFiveMinutes() {
        assertThat(options(null).effectiveWait(NO_JITTER)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void zeroOrNegativeWaitDefaultsToFiveMinutes() {
        assertThat(options(Duration.ZERO).effectiveWait(NO_JITTER)).isEqualTo(Duration.ofMinutes(5));
        assertThat(options(Duration.ofSeconds(-3)).effectiveWait(NO_JITTER)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void waitIsCappedAtTenMinutes() {
        assertThat(options(Duration.ofHours(1)).effectiveWait(NO_JITTER)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void jitterStaysBelowASixteenthOfTheWait() {
        Duration wait = Duration.ofSeconds(16);

        Duration longest = options(wait).effectiveWait(MAX_JITTER);

        assertThat(longest).isLessThan(wait.plusSeconds(1));
        assertThat(longest).isEqualTo(wait.plusSeconds(1).minusNanos(1));
    }

    @Test
    void realRandomJitterStaysInRange() {
        Duration wait = Duration.ofMillis(800);
        RandomGenerator random = new java.util.Random(7);

        for (int i = 0; i < 1_000; i++) {
            assertThat(options(wait).effectiveWait(random))
                    .isBetween(wait, wait.plusMillis(50).minusNanos(1));
        }
    }

    @Test
    void indexComparisonIsUnsigned() {
        QueryOptions options = new QueryOptions(Long.parseUnsignedLong("18446744073709551615"), null, "leader");

        assertThat(options.blocking()).isTrue();
        assertThat(options.isSatisfiedBy(5)).isFalse();
    }

    private static QueryOptions options(Duration wait) {
        return new QueryOptions(10, wait, "leader");
    }

    private record FixedRandom(boolean highest) implements RandomGenerator {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("only bounded values are used");
        }

        @Override
        public long nextLong(long bound) {
            return highest ? bound - 1 : 0;
        }
    }
}
