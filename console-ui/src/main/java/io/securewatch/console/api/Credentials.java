package io.securewatch.console.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The signed-in user's name and password, sent with every API call as HTTP basic authentication. The password
 * stays out of {@link #toString()}, so that it cannot reach a log.
 */
public record Credentials(String user, String password) {

    /** Returns the value of the {@code Authorization} header. */
    public String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + "]";
    }
}
