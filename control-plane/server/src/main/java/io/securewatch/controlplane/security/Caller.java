package io.securewatch.controlplane.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The signed-in user of the current request and the tenant scope that follows from the roles. Role checks
 * happen in {@code @RolesAllowed}; resources ask this class which tenants' objects the caller may see.
 */
@RequestScoped
public class Caller {

    /** Identity attribute holding the tenant slug of a tenant-admin. */
    public static final String TENANT_ATTRIBUTE = "securewatch.tenant";

    @Inject
    SecurityIdentity identity;

    /** Returns the user name recorded in audit events. */
    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    /** Returns the scope of tenant objects the caller may see. */
    public TenantScope tenantScope() {
        if (identity.hasRole(Roles.PLATFORM_ADMIN)
                || identity.hasRole(Roles.OPERATOR)
                || identity.hasRole(Roles.VIEWER)) {
            return TenantScope.all();
        }
        if (identity.hasRole(Roles.TENANT_ADMIN)) {
            Optional<String> tenant = Optional.ofNullable(identity.getAttribute(TENANT_ATTRIBUTE));
            return tenant.map(TenantScope::only)
                    .orElseThrow(() -> new ForbiddenException("tenant-admin without a tenant"));
        }
        throw new ForbiddenException("no SecureWatch role");
    }
}
