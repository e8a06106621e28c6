package io.securewatch.controlplane.tenant.provisioning;

import java.time.Instant;
import java.util.Map;

/**
 * A row of {@code tenant_step}.
 *
 * @param targets for environment steps, the revision each cluster must reach
 */
public record TenantStep(
        long tenantId,
        String name,
        TenantOperation operation,
        int position,
        StepState state,
        int failures,
        String message,
        String lastError,
        Map<String, Long> targets,
        Instant startedAt,
        Instant lastAttemptAt,
        Instant nextAttemptAt,
        Instant finishedAt) {}
