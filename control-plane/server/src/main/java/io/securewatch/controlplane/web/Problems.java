package io.securewatch.controlplane.web;

import io.securewatch.api.v1.Problem;
import io.securewatch.api.v1.Problem.FieldError;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Builds problem+json responses. */
public final class Problems {

    private Problems() {}

    public static Response response(ProblemType type, String detail, List<FieldError> errors, RequestInfo request) {
        Problem problem = new Problem(
                type.uri(), type.title(), type.status(), detail, request.path(), request.requestId(), errors);
        return Response.status(type.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    /**
     * Path and id of the request a problem belongs to.
     *
     * @param path request path without the query, used as the problem's {@code instance}
     */
    public record RequestInfo(String path, String requestId) {}
}
