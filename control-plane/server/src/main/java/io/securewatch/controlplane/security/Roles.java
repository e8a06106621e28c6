package io.securewatch.controlplane.security;

/**
 * Role names, as they appear in {@code @RolesAllowed}, in the built-in users' configuration and in the roles
 * claim of OIDC tokens.
 */
public final class Roles {

    /** Manages everything, including regions and tenants. */
    public static final String PLATFORM_ADMIN = "platform-admin";

    /** Runs the platform day to day: clusters, region status, tenant quotas; reads everything. */
    public static final String OPERATOR = "operator";

    /** Administers one tenant; sees that tenant's objects only and the regions it may run in. */
    public static final String TENANT_ADMIN = "tenant-admin";

    /** Reads everything, changes nothing. */
    public static final String VIEWER = "viewer";

    private Roles() {}
}
