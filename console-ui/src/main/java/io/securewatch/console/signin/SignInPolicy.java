package io.securewatch.console.signin;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Requires an OIDC sign-in for every page when OIDC is enabled: an anonymous request is denied, which makes
 * quarkus-oidc redirect the browser to the provider's sign-in page. Without OIDC every request passes, and the
 * console's own password form signs users in.
 */
@ApplicationScoped
public class SignInPolicy implements HttpSecurityPolicy {

    static final String NAME = "console-sign-in";

    /**
     * Switches OIDC sign-in on: every page then needs a sign-in at the provider, and API calls carry the user's
     * access token. The provider itself is configured with quarkus-oidc's {@code quarkus.oidc.*} keys.
     */
    static final String ENABLED = "securewatch.console.oidc.enabled";

    private final boolean oidc;

    @Inject
    SignInPolicy(@ConfigProperty(name = ENABLED, defaultValue = "false") boolean oidc) {
        this.oidc = oidc;
    }

    @Override
    public Uni<CheckResult> checkPermission(
            RoutingContext request, Uni<SecurityIdentity> identity, AuthorizationRequestContext context) {
        if (!oidc) {
            return Uni.createFrom().item(CheckResult.PERMIT);
        }
        return identity.map(found -> found.isAnonymous() ? CheckResult.DENY : CheckResult.PERMIT);
    }

    @Override
    public String name() {
        return NAME;
    }
}
