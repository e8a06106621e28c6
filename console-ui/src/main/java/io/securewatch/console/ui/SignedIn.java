package io.securewatch.console.ui;

import com.vaadin.flow.server.VaadinSession;
import io.securewatch.console.api.Credentials;
import java.util.Optional;

/** The credentials of the user signed in to the current Vaadin session, kept on the server only. */
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

    static void signIn(Credentials credentials) {
        VaadinSession.getCurrent().setAttribute(Credentials.class, credentials);
    }

    static void signOut() {
        VaadinSession session = VaadinSession.getCurrent();
        session.setAttribute(Credentials.class, null);
        session.close();
    }
}
