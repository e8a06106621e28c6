package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** What a cluster's agent does with managed objects that someone changed by hand. */
public enum DriftPolicy {
    /** Reports the drift in heartbeats and leaves the objects as they are. */
    @JsonProperty("report")
    REPORT,
    /** Reports the drift and puts the desired manifest back. */
    @JsonProperty("correct")
    CORRECT;

    /** Returns the value as it appears in JSON and in query parameters. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
