package io.securewatch.controlplane.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Request body limits by kind of endpoint. {@code quarkus.http.limits.max-body-size} stays the hard ceiling, which
 * Quarkus also enforces on chunked bodies; these limits are checked against {@code Content-Length}, and a
 * larger body gets a problem response.
 */
@ConfigMapping(prefix = "securewatch.http")
public interface HttpLimitsConfig {

    /** Largest JSON body; objects of the API are a few kilobytes. */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /** Largest body of a manifest import under {@code /api/v1/imports/}; each document is limited to 1 MiB. */
    @WithDefault("16M")
    MemorySize maxImportBodySize();
}
