package io.securewatch.agent.haproxy;

/**
 * A Runtime API command failed: HAProxy rejected it, returned a response that this client cannot parse, or could not be
 * reached in time.
 */
public class RuntimeApiException extends RuntimeException {

    private final String command;
    private final String reason;

    RuntimeApiException(String command, String reason, Throwable cause) {
        super("HAProxy Runtime API command '" + command + "' failed: " + reason, cause);
        this.command = command;
        this.reason = reason;
    }

    RuntimeApiException(String command, String reason) {
        this(command, reason, null);
    }

    /** Returns the command as sent, without the trailing newline. */
    public String command() {
        return command;
    }

    /** HAProxy's own message, such as {@code No such server.}, or what went wrong on the connection. */
    public String reason() {
        return reason;
    }
}
