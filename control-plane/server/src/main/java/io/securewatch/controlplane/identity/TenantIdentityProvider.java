package io.securewatch.controlplane.identity;

/**
 * Creates, disables and removes tenants' identities in an identity provider. Methods block on the provider and are
 * called off the event loop. Each is idempotent, so that a step that failed half-way is simply attempted again.
 */
public interface TenantIdentityProvider {

    /**
     * Creates what is missing of a tenant's identity, enables it, and returns the ids of all of its objects.
     *
     * @param known ids from an earlier attempt, or none; objects whose id is missing or stale are looked up by name
     */
    IdentityRefs ensure(TenantIdentity tenant, IdentityRefs known);

    /**
     * Enables or disables a tenant's identity. Suspension disables only its client, so that automation stops while
     * its administrators still see the tenant. Deletion disables the organization and the members too.
     */
    void setEnabled(TenantIdentity tenant, IdentityRefs known, Access access);

    /** Removes a tenant's organization, group, client and member users; objects already gone are skipped. */
    void remove(TenantIdentity tenant, IdentityRefs known);

    /** The parts of a tenant's identity that stay enabled. */
    enum Access {
        /** Everything of the tenant is enabled. */
        ENABLED,
        /** The tenant's client is disabled. */
        CLIENT_DISABLED,
        /** The organization, the client and the member users are disabled. */
        ALL_DISABLED
    }

    /**
     * The tenant as the provider names its objects.
     *
     * @param adminEmail the first administrator's email address, or null when none was given
     */
    record TenantIdentity(String slug, String displayName, String adminEmail) {}
}
