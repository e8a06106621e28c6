package io.securewatch.controlplane.audit;

import io.securewatch.controlplane.security.Caller;
import io.securewatch.controlplane.web.RequestIdRoute;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** Builds the change origin of the current HTTP request. */
@RequestScoped
public class RequestOrigin {

    @Inject
    Caller caller;

    @Inject
    RoutingContext routingContext;

    public ChangeOrigin current() {
        SocketAddress remote = routingContext.request().remoteAddress();
        return new ChangeOrigin(
                caller.name(), RequestIdRoute.requestId(routingContext), remote == null ? null : remote.hostAddress());
    }
}
