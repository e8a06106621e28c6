package io.securewatch.controlplane.identity;

/** An identity step that cannot go on, with a message that gives the reason and, where possible, what to change. */
public class IdentityException extends RuntimeException {

    public IdentityException(String message) {
        super(message);
    }
}
