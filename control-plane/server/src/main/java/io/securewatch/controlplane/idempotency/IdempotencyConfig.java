package io.securewatch.controlplane.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long the responses of idempotent POST requests are kept. */
@ConfigMapping(prefix = "securewatch.idempotency")
public interface IdempotencyConfig {

    /** How long a retry with the same key gets the stored response; after that the key is free again. */
    @WithDefault("PT24H")
    Duration retention();

    /** How often expired responses are deleted, as a Quarkus scheduler interval such as {@code 1h}. */
    @WithDefault("1h")
    String cleanupInterval();
}
