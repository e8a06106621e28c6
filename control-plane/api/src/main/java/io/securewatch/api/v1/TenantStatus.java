package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** Lifecycle state of a tenant. */
public enum TenantStatus {
    /** Its environments are being set up. */
    @JsonProperty("provisioning")
    PROVISIONING,
    /** In service. */
    @JsonProperty("ready")
    READY,
    /** Kept, but its users and workloads are stopped. */
    @JsonProperty("suspended")
    SUSPENDED,
    /** Being removed. */
    @JsonProperty("deleting")
    DELETING;

    /** Returns the value as it appears in JSON and in query parameters. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
