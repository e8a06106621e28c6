package io.securewatch.controlplane.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.securewatch.api.v1.Problem.FieldError;
import io.securewatch.api.v1.Quota;
import io.securewatch.api.v1.TenantTier;
import org.junit.jupiter.api.Test;

class TierLimitsTest {

    private static final TierLimits.Limits SMALL = new TierLimits.Limits() {
        @Override
        public long maxCpuMillis() {
            return 8000;
        }

        @Override
        public long maxMemoryBytes() {
            return 1024;
        }

        @Override
        public long maxPods() {
            return 10;
        }
    };

    @Test
    void quotaAtLimitsPasses() {
        // when / then
        assertThat(TierLimits.check(TenantTier.SHARED, new Quota(8000L, 1024L, 10L), SMALL))
                .isEmpty();
    }

    @Test
    void eachExceededFieldIsNamed() {
        // when / then
        assertThat(TierLimits.check(TenantTier.SHARED, new Quota(8001L, 1024L, 11L), SMALL))
                .extracting(FieldError::field)
                .containsExactly("quota.cpuMillis", "quota.pods");
    }

    @Test
    void dedicatedTierIsNotSentToItself() {
        // when / then
        assertThat(TierLimits.check(TenantTier.DEDICATED, new Quota(1L, 1L, 11L), SMALL))
                .singleElement()
                .extracting(FieldError::message)
                .isEqualTo("must be at most 10 for tier dedicated (got 11)");
    }

    @Test
    void limitsShowCoresAndGib() {
        // when
        var errors = TierLimits.check(TenantTier.SHARED, new Quota(8500L, 1536L << 30, 1L), new TierLimits.Limits() {
            @Override
            public long maxCpuMillis() {
                return 8000;
            }

            @Override
            public long maxMemoryBytes() {
                return 1L << 40;
            }

            @Override
            public long maxPods() {
                return 10;
            }
        });

        // then
        assertThat(errors.get(0).message())
                .startsWith("must be at most 8000 = 8 cores for tier shared (got 8500 = 8.500 cores)");
        assertThat(errors.get(1).message())
                .startsWith("must be at most 1099511627776 = 1024 GiB for tier shared (got 1649267441664 = 1536 GiB)");
    }
}
