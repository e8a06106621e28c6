package io.securewatch.controlplane.audit;

import java.util.Locale;

/** Kinds of object that audit events describe, as accepted by the {@code objectKind} filter. */
public enum ObjectKind {
    REGION,
    CLUSTER,
    TENANT,
    AGENT_CREDENTIAL,
    WORKLOAD,
    SCALING_POLICY,
    ROUTING_POLICY,
    DRILL;

    /** Returns the value as stored and as it appears in JSON and query parameters. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
