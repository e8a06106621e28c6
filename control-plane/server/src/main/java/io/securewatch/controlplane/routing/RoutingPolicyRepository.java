package io.securewatch.controlplane.routing;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class RoutingPolicyRepository implements PanacheRepositoryBase<RoutingPolicyEntity, Long> {}
