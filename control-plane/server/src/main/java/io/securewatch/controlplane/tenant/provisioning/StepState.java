package io.securewatch.controlplane.tenant.provisioning;

import java.util.Locale;

/** The progress of one step of a tenant operation. */
public enum StepState {
    /** Not attempted yet. */
    PENDING,
    /** Its own work is done and it waits for others, such as agents applying a revision. */
    WAITING,
    /** The latest attempt failed; it is attempted again after a backoff. */
    FAILING,
    /** Done; never attempted again. */
    DONE;

    /** Returns the value as shown in the API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
