package io.securewatch.testsupport.consul;

/** An error response in Consul's form: an HTTP status code with a plain-text body. */
final class HttpError extends RuntimeException {

    private final int status;
    private final String allowedMethods;

    HttpError(int status, String message) {
        this(status, message, null);
    }

    private HttpError(int status, String message, String allowedMethods) {
        super(message, null, false, false);
        this.status = status;
        this.allowedMethods = allowedMethods;
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    static HttpError notFound(String message) {
        return new HttpError(404, message);
    }

    /** Rejects a documented Consul feature that the fake does not implement, so tests never rely on it silently. */
    static HttpError notImplemented(String feature) {
        return new HttpError(501, feature + " is not supported by the Consul fake");
    }

    /** Rejects a method that the path does not accept, with the {@code Allow} header listing the ones it does. */
    static HttpError methodNotAllowed(String method, String allowedMethods) {
        return new HttpError(405, "method " + method + " not allowed", allowedMethods);
    }

    int status() {
        return status;
    }

    /** Returns the value of the {@code Allow} header for a 405 response, or null for any other error. */
    String allowedMethods() {
        return allowedMethods;
    }
}
