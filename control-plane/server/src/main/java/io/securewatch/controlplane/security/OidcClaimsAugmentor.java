package io.securewatch.controlplane.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Adds to an OIDC identity the claims of its access token beyond the roles that quarkus-oidc reads from
 * {@code quarkus.oidc.roles.role-claim-path}: the roles that the user's groups grant
 * ({@code securewatch.security.oidc.group-roles}) and the tenant of a tenant-admin.
 */
@ApplicationScoped
public class OidcClaimsAugmentor implements SecurityIdentityAugmentor {

    private final String tenantClaim;
    private final String groupsClaim;
    private final GroupRoles groupRoles;

    @Inject
    OidcClaimsAugmentor(SecurityConfig config) {
        this.tenantClaim = config.oidc().tenantClaim();
        this.groupsClaim = config.oidc().groupsClaim();
        this.groupRoles = GroupRoles.parse(config.oidc().groupRoles().orElse(List.of()));
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)
                || identity.getAttribute(Caller.TENANT_ATTRIBUTE) != null) {
            return Uni.createFrom().item(identity);
        }
        Set<String> granted =
                groupRoles.isEmpty() ? Set.of() : groupRoles.rolesOf(strings(token.getClaim(groupsClaim)));
        String tenant = stringClaim(token, tenantClaim);
        boolean hasTenant = tenant != null && !tenant.isBlank();
        if (granted.isEmpty() && !hasTenant) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder builder =
                QuarkusSecurityIdentity.builder(identity).addRoles(granted);
        if (hasTenant) {
            builder.addAttribute(Caller.TENANT_ATTRIBUTE, tenant);
        }
        return Uni.createFrom().item(builder.build());
    }

    /** Returns a claim that contains a single string, or null when the claim is absent or of another type. */
    private static String stringClaim(JsonWebToken token, String name) {
        Object claim = token.getClaim(name);
        if (claim instanceof JsonString json) {
            return json.getString();
        }
        return claim instanceof String text ? text : null;
    }

    /** Returns the strings of a list claim, or none when the claim is absent or of another type. */
    private static List<String> strings(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof JsonArray array) {
            array.forEach(value -> {
                if (value instanceof JsonString text) {
                    values.add(text.getString());
                }
            });
        } else if (claim instanceof Collection<?> collection) {
            collection.forEach(value -> values.add(String.valueOf(value)));
        }
        return values;
    }
}
