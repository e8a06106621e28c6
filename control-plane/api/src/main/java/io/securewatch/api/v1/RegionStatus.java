package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** Whether a region takes traffic. */
public enum RegionStatus {
    /** Serves traffic normally. */
    @JsonProperty("active")
    ACTIVE,
    /** Traffic is being moved away; no new placements land here. */
    @JsonProperty("draining")
    DRAINING,
    /** Holds no traffic, for example during a failover drill or an outage. */
    @JsonProperty("evacuated")
    EVACUATED;

    /** Returns the value as it appears in JSON and in query parameters. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
