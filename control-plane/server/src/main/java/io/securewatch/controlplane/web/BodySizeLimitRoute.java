package io.securewatch.controlplane.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
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
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Rejects a request whose {@code Content-Length} exceeds {@code quarkus.http.limits.max-body-size} with a 413
 * problem response. Quarkus makes the same check in a route of its own but responds with an empty body, so this
 * route runs first.
 *
 * <p>NOTE: a chunked body over the limit still gets the empty 413 of Quarkus, because Quarkus REST writes that
 * response itself while it reads the body.
 */
@Singleton
public class BodySizeLimitRoute {

    private static final Logger LOG = Logger.getLogger(BodySizeLimitRoute.class);

    /** Runs after {@link RequestIdRoute} (order -1000) and before the body limit check of Quarkus (order -2). */
    private static final int ORDER = -10;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    @Inject
    ObjectMapper objectMapper;

    void register(@Observes Router router) {
        maxBodySize.ifPresent(limit ->
                router.route().order(ORDER).handler(context -> rejectOversizedBody(context, limit.asLongValue())));
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
