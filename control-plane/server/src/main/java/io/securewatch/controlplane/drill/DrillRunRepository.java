package io.securewatch.controlplane.drill;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class DrillRunRepository implements PanacheRepositoryBase<DrillRunEntity, Long> {}
