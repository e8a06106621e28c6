package io.securewatch.controlplane.web;

import jakarta.ws.rs.core.HttpHeaders;

/** Checks on request bodies that the JSON reader does not make. */
public final class RequestBodies {

    private RequestBodies() {}

    /** Rejects a request that carries a body to an endpoint that takes none, rather than ignoring the body. */
    public static void requireNone(HttpHeaders headers) {
        String length = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        boolean chunked = headers.getHeaderString("Transfer-Encoding") != null;
        if (chunked || (length != null && !length.trim().equals("0"))) {
            throw ApiException.invalid("body", "this endpoint takes no request body; send none");
        }
    }
}
