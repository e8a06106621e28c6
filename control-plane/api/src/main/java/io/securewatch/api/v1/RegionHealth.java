package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The clusters and the Consul of a region, as {@code GET /api/v1/regions/{region}/status} returns it.
 *
 * @param status whether the region takes traffic
 * @param clusters the number of clusters in the region
 * @param connectedClusters the number of those clusters whose agent stream is open and has sent a heartbeat within
 *     three heartbeat intervals
 * @param consul the region's Consul, absent when the catalog does not watch it
 */
@Schema(name = "RegionHealth")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegionHealth(
        String region, RegionStatus status, int clusters, int connectedClusters, ConsulHealth consul) {}
