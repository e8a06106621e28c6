package io.securewatch.agent.haproxy;

/**
 * Operational state of an HAProxy server, the {@code srv_op_state} column of {@code show servers state}. Health
 * checks and {@code observe layer7} change it; the Runtime API commands used here do not.
 */
public enum OperationalState {
    /** Down: failed health checks, or marked down by {@code observe layer7}. */
    STOPPED(0),
    /** Up, but still warming up under {@code slowstart}. */
    STARTING(1),
    /** Fully up. */
    RUNNING(2),
    /** Up, but soft-stopping (for example after an HTTP check returned 404 with {@code http-check disable-on-404}). */
    STOPPING(3);

    private final int code;

    OperationalState(int code) {
        this.code = code;
    }

    /** Returns the numeric code that HAProxy prints. */
    public int code() {
        return code;
    }

    static OperationalState fromCode(int code) {
        for (OperationalState state : values()) {
            if (state.code == code) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown HAProxy srv_op_state " + code);
    }
}
