package io.securewatch.controlplane.region;

import io.securewatch.api.v1.RegionHealth;
import io.securewatch.controlplane.clusterstate.ClusterStatusService;
import io.securewatch.controlplane.clusterstate.RegionConsulHealth;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Reports a region's clusters, their agents and its Consul. Runs inside the caller's session. */
@ApplicationScoped
public class RegionHealthService {

    @Inject
    RegionService regions;

    @Inject
    ClusterStatusService clusterStatus;

    @Inject
    RegionConsulHealth consulHealth;

    /** Returns the health of the region, or fails with 404. */
    public Uni<RegionHealth> get(String name) {
        return regions.get(name)
                .chain(region -> clusterStatus
                        .connectionsInRegion(region.id)
                        .chain(connections -> consulHealth
                                .find(region.id)
                                .map(consul -> new RegionHealth(
                                        region.name,
                                        region.status,
                                        connections.clusters(),
                                        connections.connected(),
                                        consul))));
    }
}
