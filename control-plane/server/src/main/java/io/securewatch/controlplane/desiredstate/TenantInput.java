package io.securewatch.controlplane.desiredstate;

import io.securewatch.api.v1.TenantStatus;
import io.securewatch.api.v1.TenantTier;
import java.util.List;

/** A tenant as the compiler needs it. */
public record TenantInput(
        String slug,
        TenantTier tier,
        TenantStatus status,
        List<String> regions,
        long quotaCpuMillis,
        long quotaMemoryBytes,
        long quotaPods) {}
