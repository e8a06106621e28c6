package io.securewatch.testsupport.consul;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * The probe settings of a health check as registered. The fake never runs HTTP, TCP, gRPC or script probes: it
 * stores these settings only to return them in the check's {@code Definition}.
 *
 * @param ttl the TTL of a TTL check, or null for any other check type
 * @param header the HTTP probe's headers as registered, or null
 * @param outputMaxSize maximum length of the check's {@code Output} in characters
 */
record CheckDefinition(
        Duration ttl,
        Duration interval,
        Duration timeout,
        Duration deregisterCriticalServiceAfter,
        String http,
        JsonObject header,
        String method,
        String body,
        String tlsServerName,
        boolean tlsSkipVerify,
        String tcp,
        int outputMaxSize) {

    static final int DEFAULT_OUTPUT_MAX_SIZE = 4096;

    static final CheckDefinition NONE = new CheckDefinition(
            null,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            "",
            null,
            "",
            "",
            "",
            false,
            "",
            DEFAULT_OUTPUT_MAX_SIZE);

    boolean isTtl() {
        return ttl != null;
    }
}
