package io.securewatch.console.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * What the console sends with every API call for the signed-in user: a user name and password as HTTP basic
 * authentication, or the current OIDC access token as a bearer token. Secrets stay out of {@link #toString()}, so
 * that they cannot reach a log.
 */
public final class Credentials {

    private final String user;
    private final Supplier<String> authorization;

    /** Credentials for HTTP basic authentication. */
    public Credentials(String user, String password) {
        this.user = user;
        String encoded = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.authorization = () -> "Basic " + encoded;
    }

    private Credentials(String user, Supplier<String> authorization) {
        this.user = user;
        this.authorization = authorization;
    }

    /**
     * Returns credentials that send the access token current at each call, which the OIDC sign-in renews while
     * the user's browser session lasts.
     */
    public static Credentials bearer(String user, Supplier<String> accessToken) {
        return new Credentials(user, () -> "Bearer " + accessToken.get());
    }

    public String user() {
        return user;
    }

    /** Returns the value of the {@code Authorization} header. */
    public String authorization() {
        return authorization.get();
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + "]";
    }
}
