package io.securewatch.agent.core;

/**
 * A cluster refused to read or write an object.
 *
 * @see #reason()
 */
public class ClusterWriteException extends RuntimeException {

    private final String reason;

    public ClusterWriteException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public ClusterWriteException(String reason, String message) {
        this(reason, message, null);
    }

    /** Short machine-readable cause, such as Forbidden, Invalid, Conflict or Unavailable. */
    public String reason() {
        return reason;
    }
}
