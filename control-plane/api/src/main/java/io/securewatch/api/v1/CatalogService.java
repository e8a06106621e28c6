package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A service of the global catalog, as the regions' Consul servers report it.
 *
 * @param tenant from the instances' {@code tenant=<slug>} tag; absent for platform services
 * @param instances every instance, only in the response for one service
 */
@Schema(name = "CatalogService")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogService(
        String service, String tenant, List<CatalogRegion> regions, List<CatalogInstance> instances) {

    /**
     * The service in one region.
     *
     * @param updatedAt when the region's instances of the service last changed or were confirmed
     * @param stale whether the region's Consul has not responded recently; its entries are then the last known ones
     * @param staleForSeconds how long the region's Consul has not responded, when stale
     * @param lastError the region's last Consul failure, when stale
     * @param circuit the circuit breaker around the region's Consul: {@code closed}, {@code open} (queries fail at
     *     once for a while) or {@code half-open} (a trial query is under way)
     */
    @Schema(name = "CatalogRegion")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CatalogRegion(
            String region,
            int instances,
            int healthy,
            Instant updatedAt,
            boolean stale,
            Long staleForSeconds,
            String lastError,
            String circuit) {}

    /**
     * One instance.
     *
     * @param health {@code passing}, {@code warning} or {@code critical}: the worst of its checks
     */
    @Schema(name = "CatalogInstance")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CatalogInstance(
            String region,
            String id,
            String node,
            String address,
            int port,
            String cluster,
            String health,
            List<String> tags) {}
}
