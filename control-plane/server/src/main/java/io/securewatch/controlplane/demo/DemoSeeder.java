package io.securewatch.controlplane.demo;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.securewatch.api.v1.ClusterRequest;
import io.securewatch.api.v1.DrillRequest;
import io.securewatch.api.v1.RegionRequest;
import io.securewatch.api.v1.TenantRequest;
import io.securewatch.controlplane.audit.ChangeOrigin;
import io.securewatch.controlplane.cluster.ClusterService;
import io.securewatch.controlplane.drill.DrillService;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.securewatch.controlplane.region.RegionRepository;
import io.securewatch.controlplane.region.RegionService;
import io.securewatch.controlplane.routing.RoutingPolicyService;
import io.securewatch.controlplane.security.TenantScope;
import io.securewatch.controlplane.tenant.TenantService;
import io.securewatch.controlplane.workload.ImportService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
    private static final String PLATFORM_MANIFESTS = "/demo/securewatch-api.yaml";

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

    @Inject
    ImportService imports;

    @Inject
    RoutingPolicyService routing;

    @Inject
    DrillService drills;

    void onStart(@Observes StartupEvent event) throws Throwable {
        if (enabled) {
            VertxContextSupport.subscribeAndAwait(this::seedIfEmpty);
        }
    }

    /** Returns the platform API's own manifests, which the demo imports into every region. */
    static String platformManifests() {
        try (InputStream in = DemoSeeder.class.getResourceAsStream(PLATFORM_MANIFESTS)) {
            if (in == null) {
                throw new IllegalStateException("resource " + PLATFORM_MANIFESTS + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("resource " + PLATFORM_MANIFESTS + " cannot be read", e);
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
            seed = seed.chain(() -> imports.run(
                            platformManifests(),
                            new ImportService.Options(false, null, null),
                            TenantScope.all(),
                            ORIGIN))
                    .replaceWithVoid();
            seed = seed.chain(() -> routing.put(
                            "securewatch-api", DemoInventory.PLATFORM_API_ROUTING, null, TenantScope.all(), ORIGIN))
                    .replaceWithVoid();
            for (DrillRequest drill : DemoInventory.drills()) {
                seed = seed.chain(() -> drills.create(drill, ORIGIN)).replaceWithVoid();
            }
            return seed.invoke(() -> LOG.info("Demo inventory seeded")).replaceWith(true);
        }));
    }
}
