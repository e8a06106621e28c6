package io.securewatch.controlplane.security;

/**
 * Role names, as they appear in {@code @RolesAllowed}, in the built-in users' configuration and in the roles
 * claim of OIDC tokens.
 */
public final class Roles {

    /** Manages everything, including regions and tenants. */
    public static final String PLATFORM_ADMIN = "platform-admin";

    /**
     * Runs the platform day to day: registers and changes clusters, changes regions and tenants, suspends and
     * resumes tenants, and reads everything. Cannot create or delete regions and tenants, nor delete clusters.
     */
    public static final String OPERATOR = "operator";

    /**
     * Administers one tenant: reads that tenant, its audit events and the regions, which are not tenant objects.
     * Other tenants' objects do not exist for it, and clusters are forbidden.
     */
    public static final String TENANT_ADMIN = "tenant-admin";

    /** Reads everything, changes nothing. */
    public static final String VIEWER = "viewer";

    private Roles() {}
}
