package io.securewatch.controlplane.clusterstate;

import io.securewatch.api.v1.ConsulHealth;
import io.smallrye.mutiny.Uni;

/**
 * Reads the health of a region's Consul for status reports. The catalog package implements it, because the catalog
 * depends on this package through the agent channel, and a call the other way would close a package cycle.
 */
public interface RegionConsulHealth {

    /**
     * Returns the health of the region's Consul, or null when the catalog does not watch it. Runs in the caller's
     * session.
     */
    Uni<ConsulHealth> find(long regionId);
}
