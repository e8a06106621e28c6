package io.securewatch.controlplane.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Copies the tenant of a tenant-admin from its OIDC access token into the identity. Roles come from the token
 * through quarkus-oidc ({@code quarkus.oidc.roles.role-claim-path}); this class adds only the tenant.
 */
@ApplicationScoped
public class OidcTenantAugmentor implements SecurityIdentityAugmentor {

    private final String tenantClaim;

    @Inject
    OidcTenantAugmentor(SecurityConfig config) {
        this.tenantClaim = config.oidc().tenantClaim();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)
                || identity.getAttribute(Caller.TENANT_ATTRIBUTE) != null) {
            return Uni.createFrom().item(identity);
        }
        String tenant = stringClaim(token, tenantClaim);
        if (tenant == null || tenant.isBlank()) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom()
                .item(QuarkusSecurityIdentity.builder(identity)
                        .addAttribute(Caller.TENANT_ATTRIBUTE, tenant)
                        .build());
    }

    /** Returns a claim that holds a single string, or null when the claim is absent or of another type. */
    private static String stringClaim(JsonWebToken token, String name) {
        Object claim = token.getClaim(name);
        if (claim instanceof JsonString json) {
            return json.getString();
        }
        return claim instanceof String text ? text : null;
    }
}
