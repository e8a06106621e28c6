package io.securewatch.console.signin;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The OIDC access token of one signed-in browser session, renewed with every request the browser makes. The console
 * keeps one per HTTP session, so calls made for the session outside a request, such as live refreshes, send the
 * newest token. The token stays out of {@link #toString()}.
 */
public final class AccessToken implements Serializable {

    /** Name of the HTTP session attribute that stores it. */
    public static final String SESSION_ATTRIBUTE = AccessToken.class.getName();

    private static final long serialVersionUID = 1L;

    private final String user;
    private final AtomicReference<String> current = new AtomicReference<>();

    public AccessToken(String user, String token) {
        this.user = user;
        this.current.set(token);
    }

    /** Returns the name of the user the token was issued to. */
    public String user() {
        return user;
    }

    /** Returns the newest token. */
    public String current() {
        return current.get();
    }

    /** Replaces the token with a newer one, such as after quarkus-oidc refreshed the session. */
    public void renew(String token) {
        current.set(token);
    }

    @Override
    public String toString() {
        return "AccessToken[user=" + user + "]";
    }
}
