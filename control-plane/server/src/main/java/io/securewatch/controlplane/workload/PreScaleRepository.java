package io.securewatch.controlplane.workload;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PreScaleRepository implements PanacheRepositoryBase<PreScaleEntity, Long> {}
