package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A tenant's environment (its namespace with quota, limits and network policies, and its workloads) in each of its
 * regions, as the clusters' agents report it.
 *
 * @param regions one entry per region of the tenant, in name order
 */
@Schema(name = "TenantEnvironments")
public record TenantEnvironments(String tenant, TenantStatus status, List<RegionEnvironment> regions) {

    /**
     * The environment in one region.
     *
     * @param state the worst state of its clusters: {@code failed}, {@code disconnected}, {@code pending},
     *     {@code drifted} or {@code applied}; {@code no-clusters} when the region has none
     * @param applied how many of its clusters run the current desired state
     */
    @Schema(name = "RegionEnvironment")
    public record RegionEnvironment(
            String region, String state, int clusters, int applied, List<ClusterEnvironment> clusterStates) {}

    /**
     * The environment in one cluster.
     *
     * @param state {@code failed} when the agent rejected the current revision, {@code disconnected} when its agent
     *     is not connected, {@code pending} while it has not applied the current revision, {@code drifted} when
     *     objects in the tenant's namespace differ from the desired state and were not corrected, else
     *     {@code applied}
     * @param errors the agent's errors on the current revision, those on the tenant's objects first
     */
    @Schema(name = "ClusterEnvironment")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ClusterEnvironment(
            String cluster,
            String state,
            boolean connected,
            long desiredRevision,
            long appliedRevision,
            int driftedObjects,
            List<String> errors) {}
}
