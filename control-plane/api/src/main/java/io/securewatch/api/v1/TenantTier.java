package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** How a tenant's workloads share infrastructure with other tenants. */
public enum TenantTier {
    /** Runs on shared clusters, isolated by namespace, quota and network policy. */
    @JsonProperty("shared")
    SHARED,
    /** Gets capacity reserved for it alone. */
    @JsonProperty("dedicated")
    DEDICATED;

    /** Returns the value as it appears in JSON and in query parameters. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
