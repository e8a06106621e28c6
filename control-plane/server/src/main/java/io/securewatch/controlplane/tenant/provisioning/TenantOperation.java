package io.securewatch.controlplane.tenant.provisioning;

import java.util.Locale;

/** The kind of change that a tenant's current steps carry out. */
public enum TenantOperation {
    /** The tenant was created: its identity and its environment in every region are set up. */
    PROVISION,
    /** Its regions or quota changed: the environments are brought up to date. */
    UPDATE,
    /** Its client is disabled and its namespaces admit no new pods. */
    SUSPEND,
    /** The tenant's client and namespaces are enabled again after a suspension. */
    RESUME,
    /** Its identity is disabled and its namespaces removed; then the tenant itself is removed. */
    DELETE;

    /** Returns the value as stored in {@code tenant_step} and shown in the API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
