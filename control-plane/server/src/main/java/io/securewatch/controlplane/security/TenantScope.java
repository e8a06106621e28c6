package io.securewatch.controlplane.security;

import java.util.Optional;

/**
 * Which tenants' objects a caller may see: all of them, or those of one tenant. Objects outside the scope are
 * reported as not found, so that their names cannot be probed.
 */
public final class TenantScope {

    private static final TenantScope ALL = new TenantScope(null);

    private final String tenant;

    private TenantScope(String tenant) {
        this.tenant = tenant;
    }

    public static TenantScope all() {
        return ALL;
    }

    public static TenantScope only(String tenant) {
        return new TenantScope(tenant);
    }

    /** Returns the one tenant the caller is limited to, or empty when it sees all tenants. */
    public Optional<String> tenant() {
        return Optional.ofNullable(tenant);
    }

    /** Tells whether an object of the given tenant is visible; platform objects have no tenant. */
    public boolean includes(String objectTenant) {
        return tenant == null || tenant.equals(objectTenant);
    }

    @Override
    public String toString() {
        return tenant == null ? "all tenants" : "tenant " + tenant;
    }
}
