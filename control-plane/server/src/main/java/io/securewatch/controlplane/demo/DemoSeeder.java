package io.securewatch.controlplane.demo;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.securewatch.api.v1.ClusterRequest;
import io.securewatch.api.v1.RegionRequest;
import io.securewatch.api.v1.TenantRequest;
import io.securewatch.controlplane.audit.ChangeOrigin;
import io.securewatch.controlplane.cluster.ClusterService;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.securewatch.controlplane.region.RegionRepository;
import io.securewatch.controlplane.region.RegionService;
import io.securewatch.controlplane.tenant.TenantService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Fills an empty database with the demo inventory at start-up, through the same services as the API, so the
 * seed is validated and audited like any other change. A database that holds any region is left alone.
 */
@ApplicationScoped
public class DemoSeeder {

    private static final Logger LOG = Logger.getLogger(DemoSeeder.class);
    private static final ChangeOrigin ORIGIN = ChangeOrigin.system("demo-seed");

    @ConfigProperty(name = "securewatch.demo.seed")
    boolean enabled;

    @Inject
    RegionRepository regionRepository;

    @Inject
    RegionService regions;

    @Inject
    ClusterService clusters;

    @Inject
    TenantService tenants;

    void onStart(@Observes StartupEvent event) throws Throwable {
        if (enabled) {
            VertxContextSupport.subscribeAndAwait(this::seedIfEmpty);
        }
    }

    /** Seeds the inventory when no region exists; returns whether it did. */
    public Uni<Boolean> seedIfEmpty() {
        return Panache.withTransaction(() -> regionRepository.count().chain(count -> {
            if (count > 0) {
                LogFields.debug(LOG, "Demo seed skipped because regions exist", LogKeys.COUNT, count);
                return Uni.createFrom().item(false);
            }
            Uni<Void> seed = Uni.createFrom().voidItem();
            for (RegionRequest region : DemoInventory.REGIONS) {
                seed = seed.chain(() -> regions.create(region, ORIGIN)).replaceWithVoid();
            }
            for (ClusterRequest cluster : DemoInventory.clusters()) {
                seed = seed.chain(() -> clusters.create(cluster, ORIGIN)).replaceWithVoid();
            }
            for (TenantRequest tenant : DemoInventory.TENANTS) {
                seed = seed.chain(() -> tenants.create(tenant, ORIGIN)).replaceWithVoid();
            }
            return seed.invoke(() -> LOG.info("Demo inventory seeded")).replaceWith(true);
        }));
    }
}
