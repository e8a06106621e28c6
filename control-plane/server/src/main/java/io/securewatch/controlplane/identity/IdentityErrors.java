package io.securewatch.controlplane.identity;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

/** Turns failures of calls to the identity provider into the error a step shows. Pure code. */
public final class IdentityErrors {

    private static final int LENGTH = 1000;

    private IdentityErrors() {}

    /** Returns a one-line description of the failure, without the request's credentials. */
    public static String describe(Throwable failure) {
        String text;
        if (failure instanceof IdentityException identity) {
            text = identity.getMessage();
        } else if (failure instanceof WebApplicationException web) {
            text = "Keycloak responded with HTTP " + web.getResponse().getStatus()
                    + " to a request of the identity step";
        } else if (failure instanceof ProcessingException) {
            text = "Keycloak is unreachable: " + rootMessage(failure);
        } else {
            text = failure.getClass().getSimpleName() + ": " + rootMessage(failure);
        }
        return text.length() > LENGTH ? text.substring(0, LENGTH) : text;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
