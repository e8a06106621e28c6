package io.securewatch.console.signin;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Keeps the OIDC access token of each request in the browser's HTTP session, where the console's API calls read
 * it. quarkus-oidc refreshes an expiring token on a request, so the session always keeps the newest one.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class AccessTokenFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SecurityIdentity identity;

    private boolean oidc;

    @Override
    public void init() {
        oidc = ConfigProvider.getConfig()
                .getOptionalValue(SignInPolicy.ENABLED, Boolean.class)
                .orElse(false);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (oidc && !identity.isAnonymous()) {
            AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
            if (token != null) {
                remember(request.getSession(), identity.getPrincipal().getName(), token.getToken());
            }
        }
        chain.doFilter(request, response);
    }

    /** Stores the token in the session, or renews the one stored for the same user. */
    static void remember(HttpSession session, String user, String token) {
        Object stored = session.getAttribute(AccessToken.SESSION_ATTRIBUTE);
        if (stored instanceof AccessToken known && known.user().equals(user)) {
            known.renew(token);
        } else {
            session.setAttribute(AccessToken.SESSION_ATTRIBUTE, new AccessToken(user, token));
        }
    }
}
