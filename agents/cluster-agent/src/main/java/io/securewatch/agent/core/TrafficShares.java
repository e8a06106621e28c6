package io.securewatch.agent.core;

import java.util.Map;

/**
 * A cluster driver that receives the weights with which its region's edge splits each service's requests over
 * regions. The simulated cluster implements it so that its simulated load follows routing. A driver of a real
 * cluster does not need it, because real traffic follows the edge by itself.
 */
public interface TrafficShares {

    /**
     * Sets how the edge of a region splits a service's requests, replacing what was set before for that service.
     *
     * @param service the service, named like its Deployment
     * @param region the edge's own region
     * @param weightByRegion the HAProxy weight of each region's server that takes the edge's traffic: 0 for a
     *     drained server or one in maintenance. Backup servers are left out while any other server has weight left.
     */
    void setEdgeWeights(String service, String region, Map<String, Integer> weightByRegion);

    /** Removes the split of a service, as when its edge backend is deleted or its split cannot be read. */
    void removeEdgeWeights(String service);
}
