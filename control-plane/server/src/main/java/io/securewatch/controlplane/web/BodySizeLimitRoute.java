package io.securewatch.controlplane.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securewatch.api.v1.Problem;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Rejects a request whose {@code Content-Length} exceeds the limit of its endpoint ({@link HttpLimitsConfig}) with a
 * 413 problem response. Quarkus checks its own ceiling, {@code quarkus.http.limits.max-body-size}, in a route of its
 * own but responds with an empty body, so this route runs first.
 *
 * <p>NOTE: a chunked body is checked only against the ceiling of Quarkus, which the import limit sets, and gets
 * its empty 413, because Quarkus REST writes that response itself while it reads the body.
 */
@Singleton
public class BodySizeLimitRoute {

    private static final Logger LOG = Logger.getLogger(BodySizeLimitRoute.class);

    /** Runs after {@link RequestIdRoute} (order -1000) and before the body limit check of Quarkus (order -2). */
    private static final int ORDER = -10;

    /** Paths whose bodies are manifest streams rather than single JSON objects. */
    static final String IMPORTS_PATH = "/api/v1/imports/";

    @Inject
    HttpLimitsConfig limits;

    @Inject
    ObjectMapper objectMapper;

    void register(@Observes Router router) {
        long bodyLimit = limits.maxBodySize().asLongValue();
        long importLimit = limits.maxImportBodySize().asLongValue();
        router.route()
                .order(ORDER)
                .handler(context -> rejectOversizedBody(
                        context, context.normalizedPath().startsWith(IMPORTS_PATH) ? importLimit : bodyLimit));
    }

    private void rejectOversizedBody(RoutingContext context, long limit) {
        long length = contentLength(context);
        if (length <= limit) {
            context.next();
            return;
        }
        ProblemType type = ProblemType.PAYLOAD_TOO_LARGE;
        String detail = "the request body of " + length + " bytes exceeds the limit of " + limit
                + " bytes; send a smaller body";
        String path = context.normalizedPath();
        String requestId = RequestIdRoute.requestId(context);
        Problem problem = new Problem(type.uri(), type.title(), type.status(), detail, path, requestId, List.of());
        LogFields.debug(
                LOG,
                "Request rejected",
                LogKeys.STATUS,
                type.status(),
                LogKeys.PROBLEM_TYPE,
                type.uri(),
                LogKeys.METHOD,
                context.request().method(),
                LogKeys.PATH,
                path,
                LogKeys.REQUEST_ID,
                requestId);

        // Like Quarkus, close the connection instead of reading the rest of the body.
        HttpServerResponse response = context.response();
        response.setStatusCode(type.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close");
        response.endHandler(ignored -> context.request().connection().close());
        response.end(toJson(problem));
    }

    /** Returns the declared body length, or -1 when the header is absent or not a number. */
    private static long contentLength(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            // Not a number: leave the request to the checks of Netty and Quarkus.
            return -1;
        }
    }

    private String toJson(Problem problem) {
        try {
            return objectMapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("problem cannot be written as JSON", e);
        }
    }
}
