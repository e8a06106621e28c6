package io.securewatch.controlplane.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.MDC;

/**
 * Assigns every HTTP request its id before any other handler runs, so that REST responses, errors raised by
 * the HTTP layer and log lines all carry it.
 */
@Singleton
public class RequestIdRoute {

    /** Runs before the routes of Quarkus itself, which start at order 0 and higher. */
    private static final int ORDER = -1000;

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(RequestIdRoute::assignRequestId);
    }

    private static void assignRequestId(RoutingContext context) {
        String requestId = RequestIds.acceptOrGenerate(context.request().getHeader(RequestIds.HEADER));
        context.put(RequestIds.KEY, requestId);
        MDC.put(RequestIds.KEY, requestId);
        context.response().putHeader(RequestIds.HEADER, requestId);
        context.next();
    }

    /** Returns the id of the request, or a new one for a context that did not pass through this route. */
    public static String requestId(RoutingContext context) {
        String requestId = context == null ? null : context.get(RequestIds.KEY);
        return requestId != null ? requestId : RequestIds.acceptOrGenerate(null);
    }
}
