package io.securewatch.controlplane.web;

import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Responds to {@code OPTIONS} with the methods that the requested path accepts, the list that the {@code Allow} header
 * of a 405 carries. Without this filter, RESTEasy Reactive 3.33.2 responds to {@code OPTIONS} with every method of
 * the resource class, including those of its other paths.
 */
public class OptionsFilter {

    @Inject
    AllowedMethods allowedMethods;

    @Inject
    RoutingContext routingContext;

    /** Runs before resource matching, because RESTEasy Reactive builds its own OPTIONS response while it matches. */
    @ServerRequestFilter(preMatching = true)
    Optional<Response> answerOptions(ContainerRequestContext request) {
        if (!HttpMethod.OPTIONS.equals(request.getMethod())) {
            return Optional.empty();
        }
        String allow = allowedMethods.allowHeader(routingContext.normalizedPath());
        if (allow == null) {
            // No resource has this path, so matching returns 404.
            return Optional.empty();
        }
        return Optional.of(Response.ok().header(HttpHeaders.ALLOW, allow).build());
    }
}
