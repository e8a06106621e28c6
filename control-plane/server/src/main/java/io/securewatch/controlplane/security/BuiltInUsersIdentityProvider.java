package io.securewatch.controlplane.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.jboss.logging.Logger;

/** Checks HTTP basic credentials against the built-in users of the configuration. */
@ApplicationScoped
public class BuiltInUsersIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(BuiltInUsersIdentityProvider.class);
    private static final Set<String> KNOWN_ROLES =
            Set.of(Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.TENANT_ADMIN, Roles.VIEWER);

    private final SecurityConfig.BuiltInUsers config;

    @Inject
    BuiltInUsersIdentityProvider(SecurityConfig config) {
        this.config = config.builtInUsers();
        validate(this.config);
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!config.enabled()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("built-in users are disabled"));
        }
        String userName = request.getUsername();
        SecurityConfig.User user = config.users().get(userName);
        if (user == null || !passwordMatches(user, request.getPassword())) {
            LogFields.debug(LOG, "Sign-in rejected", LogKeys.USER, userName);
            return Uni.createFrom().failure(new AuthenticationFailedException("invalid user name or password"));
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(userName))
                .addCredential(request.getPassword())
                .addRole(user.role());
        user.tenant().ifPresent(tenant -> identity.addAttribute(Caller.TENANT_ATTRIBUTE, tenant));
        return Uni.createFrom().item(identity.build());
    }

    private static boolean passwordMatches(SecurityConfig.User user, PasswordCredential offered) {
        byte[] expected = user.password().getBytes(StandardCharsets.UTF_8);
        byte[] actual = new String(offered.getPassword()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, actual);
    }

    private static void validate(SecurityConfig.BuiltInUsers config) {
        config.users().forEach((name, user) -> {
            String prefix = "securewatch.security.built-in-users.users." + name;
            if (!KNOWN_ROLES.contains(user.role())) {
                throw new IllegalStateException(prefix + ".role is '" + user.role() + "'; use one of " + KNOWN_ROLES);
            }
            if (Roles.TENANT_ADMIN.equals(user.role()) && user.tenant().isEmpty()) {
                throw new IllegalStateException(prefix + ".tenant is missing; a tenant-admin needs a tenant slug");
            }
        });
    }
}
