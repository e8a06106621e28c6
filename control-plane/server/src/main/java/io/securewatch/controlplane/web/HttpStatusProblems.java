package io.securewatch.controlplane.web;

import io.vertx.ext.web.RoutingContext;

/** Problem types and details for errors that the HTTP and REST layers raise by status code alone. */
final class HttpStatusProblems {

    private HttpStatusProblems() {}

    static ProblemType forStatus(int status) {
        return switch (status) {
            case 401 -> ProblemType.UNAUTHENTICATED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 409 -> ProblemType.CONFLICT;
            case 412 -> ProblemType.PRECONDITION_FAILED;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            default -> ProblemType.INVALID_REQUEST;
        };
    }

    static String detail(int status, RoutingContext context) {
        return switch (status) {
            case 404 -> "no resource at this path; see /q/openapi for the API";
            case 405 -> "method " + context.request().method() + " is not allowed on this path";
            case 406 ->
                "the API returns application/json, and desired-state also application/yaml;"
                        + " accept one of these media types";
            case 413 -> "the request body exceeds the size limit of the server";
            case 415 ->
                context.normalizedPath().startsWith(BodySizeLimitRoute.IMPORTS_PATH)
                        ? "send the manifests as application/yaml (or application/x-yaml, text/yaml), encoded as UTF-8"
                        : "send the body as application/json";
            default -> "the request is invalid";
        };
    }
}
