package io.securewatch.controlplane.workload;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Scaling policies, keyed by the id of their workload. */
@ApplicationScoped
public class ScalingPolicyRepository implements PanacheRepositoryBase<ScalingPolicyEntity, Long> {}
