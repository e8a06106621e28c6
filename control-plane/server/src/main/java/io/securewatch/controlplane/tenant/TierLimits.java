package io.securewatch.controlplane.tenant;

import io.securewatch.api.v1.Problem.FieldError;
import io.securewatch.api.v1.Quota;
import io.securewatch.api.v1.TenantTier;
import io.smallrye.config.ConfigMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The largest quota each tenant tier may have. Shared tenants run beside others on the regions' shared clusters,
 * so their quota is bounded. A dedicated tenant's quota is bounded only by what the API accepts at all.
 */
@ConfigMapping(prefix = "securewatch.tenants.tiers")
public interface TierLimits {

    Limits shared();

    Limits dedicated();

    /** The largest quota of one tier. */
    interface Limits {

        /** CPU in millicores. */
        long maxCpuMillis();

        /** Memory in bytes. */
        long maxMemoryBytes();

        long maxPods();
    }

    /** Returns the limits of a tier. */
    default Limits of(TenantTier tier) {
        return tier == TenantTier.DEDICATED ? dedicated() : shared();
    }

    /** Returns the quota's fields that exceed the tier's limits, each with the limit and what to do instead. */
    static List<FieldError> check(TenantTier tier, Quota quota, Limits limits) {
        List<FieldError> errors = new ArrayList<>();
        exceeds(errors, "quota.cpuMillis", quota.cpuMillis(), limits.maxCpuMillis(), tier);
        exceeds(errors, "quota.memoryBytes", quota.memoryBytes(), limits.maxMemoryBytes(), tier);
        exceeds(errors, "quota.pods", quota.pods(), limits.maxPods(), tier);
        return errors;
    }

    private static void exceeds(List<FieldError> errors, String field, Long value, long limit, TenantTier tier) {
        if (value != null && value > limit) {
            errors.add(new FieldError(
                    field,
                    "must be at most " + limit + readable(field, limit) + " for tier " + tier.wireName() + " (got "
                            + value + readable(field, value) + ")"
                            + (tier == TenantTier.DEDICATED ? "" : "; choose tier dedicated for a larger quota")));
        }
    }

    /** Returns a CPU or memory amount in the units people enter, such as {@code " = 256 cores"}, or nothing for pods. */
    private static String readable(String field, long value) {
        return switch (field) {
            case "quota.cpuMillis" -> " = " + number(value / 1000.0) + " cores";
            case "quota.memoryBytes" -> " = " + number(value / (double) (1L << 30)) + " GiB";
            default -> "";
        };
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value);
    }
}
