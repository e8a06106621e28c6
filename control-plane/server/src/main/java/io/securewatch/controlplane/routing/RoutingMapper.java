package io.securewatch.controlplane.routing;

import io.securewatch.api.v1.RoutingPolicy;

/** Maps routing policy rows to API records. */
final class RoutingMapper {

    private RoutingMapper() {}

    static RoutingPolicy toApi(String service, RoutingPolicyEntity entity) {
        return new RoutingPolicy(
                service,
                entity.strategy,
                entity.weights,
                entity.failoverOrder,
                entity.outlierDetection,
                entity.connectTimeoutMillis,
                entity.requestTimeoutMillis,
                entity.retries,
                entity.limits,
                entity.version,
                entity.createdAt,
                entity.updatedAt);
    }
}
