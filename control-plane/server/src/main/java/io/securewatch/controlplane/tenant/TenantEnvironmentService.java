package io.securewatch.controlplane.tenant;

import io.securewatch.api.v1.TenantEnvironments;
import io.securewatch.api.v1.TenantEnvironments.ClusterEnvironment;
import io.securewatch.api.v1.TenantEnvironments.RegionEnvironment;
import io.securewatch.controlplane.clusterstate.ClusterStatusService;
import io.securewatch.controlplane.clusterstate.ClusterStatusService.AgentSummary;
import io.securewatch.controlplane.desiredstate.DesiredStateCompiler;
import io.securewatch.controlplane.security.TenantScope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reports a tenant's environment per region from the state its clusters' agents report. */
@ApplicationScoped
public class TenantEnvironmentService {

    @Inject
    TenantService tenants;

    @Inject
    ClusterStatusService statuses;

    /** Returns the environment in each of the tenant's regions; 404 when the caller may not see the tenant. */
    public Uni<TenantEnvironments> environments(String slug, TenantScope scope) {
        return tenants.get(slug, scope).chain(tenant -> {
            List<String> regions =
                    tenant.regions.stream().map(region -> region.name).sorted().toList();
            String namespace = DesiredStateCompiler.NAMESPACE_PREFIX + tenant.slug;
            return statuses.agentsInRegions(regions)
                    .chain(agents -> clusters(agents, namespace))
                    .map(clusters -> {
                        List<RegionEnvironment> result = new ArrayList<>();
                        for (String region : regions) {
                            result.add(EnvironmentStates.region(region, clusters.getOrDefault(region, List.of())));
                        }
                        return new TenantEnvironments(tenant.slug, tenant.status, result);
                    });
        });
    }

    /** Reads each cluster's status in turn, since they share the request's database session; by region. */
    private Uni<Map<String, List<ClusterEnvironment>>> clusters(List<AgentSummary> agents, String namespace) {
        Map<String, List<ClusterEnvironment>> byRegion = new TreeMap<>();
        Uni<Void> reads = Uni.createFrom().voidItem();
        for (AgentSummary agent : agents) {
            reads = reads.chain(() -> statuses.status(agent.cluster())
                    .invoke(status -> byRegion.computeIfAbsent(agent.region(), key -> new ArrayList<>())
                            .add(EnvironmentStates.cluster(status, namespace)))
                    .replaceWithVoid());
        }
        return reads.map(done -> byRegion);
    }
}
