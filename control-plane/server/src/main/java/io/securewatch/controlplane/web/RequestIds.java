package io.securewatch.controlplane.web;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Request ids tie a response to its log lines and audit events. A client may send its own in {@code X-Request-Id};
 * a value that is missing or not a short token is replaced by a random UUID.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";

    /** Key of the request id in the logging MDC and in the request context properties. */
    public static final String KEY = "requestId";

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {}

    static String acceptOrGenerate(String offered) {
        if (offered != null && ACCEPTED.matcher(offered).matches()) {
            return offered;
        }
        return UUID.randomUUID().toString();
    }
}
