package io.securewatch.console.ui;

import com.vaadin.flow.server.VaadinSession;
import io.securewatch.api.v1.CurrentUser;
import io.securewatch.console.api.Credentials;
import io.securewatch.console.signin.AccessToken;
import java.util.List;
import java.util.Optional;

/**
 * The credentials of the user signed in to the current Vaadin session, kept on the server only, with the roles and
 * tenant the API reported for them at sign-in.
 */
public final class SignedIn {

    private SignedIn() {}

    public static Optional<Credentials> credentials() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? Optional.empty() : Optional.ofNullable(session.getAttribute(Credentials.class));
    }

    /** Returns the signed-in user's credentials; views behind {@link MainLayout} are only shown with them. */
    public static Credentials require() {
        return credentials().orElseThrow(() -> new IllegalStateException("no user is signed in"));
    }

    /** Returns the signed-in user's roles and tenant, as the API reported them at sign-in. */
    public static Optional<CurrentUser> user() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? Optional.empty() : Optional.ofNullable(session.getAttribute(CurrentUser.class));
    }

    /** Returns whether the signed-in user manages one tenant only, so views leave out the platform's parts. */
    public static boolean isTenantAdmin() {
        return user().map(current -> current.tenant() != null).orElse(false);
    }

    /** Returns the OIDC access token of the browser session, present only when users sign in through OIDC. */
    static Optional<AccessToken> accessToken() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null || session.getSession() == null) {
            return Optional.empty();
        }
        return session.getSession().getAttribute(AccessToken.SESSION_ATTRIBUTE) instanceof AccessToken token
                ? Optional.of(token)
                : Optional.empty();
    }

    /** Returns whether the signed-in user has one of the roles, as the API reported them at sign-in. */
    static boolean hasAnyRole(String... roles) {
        List<String> granted = user().map(CurrentUser::roles).orElse(List.of());
        for (String role : roles) {
            if (granted.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether the user may run the platform: change clusters, tenants' state and drills. */
    static boolean mayOperate() {
        return hasAnyRole("platform-admin", "operator");
    }

    /** Returns whether the user may change scaling and routing policies, a tenant admin its own tenant's. */
    static boolean mayEditPolicies() {
        return hasAnyRole("platform-admin", "operator", "tenant-admin");
    }

    static void signIn(Credentials credentials, CurrentUser user) {
        VaadinSession session = VaadinSession.getCurrent();
        session.setAttribute(Credentials.class, credentials);
        session.setAttribute(CurrentUser.class, user);
    }

    static void signOut() {
        VaadinSession session = VaadinSession.getCurrent();
        session.setAttribute(Credentials.class, null);
        session.setAttribute(CurrentUser.class, null);
        if (session.getSession() != null) {
            session.getSession().removeAttribute(AccessToken.SESSION_ATTRIBUTE);
        }
        session.close();
    }
}
