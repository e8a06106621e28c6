package io.securewatch.controlplane.cluster;

import io.securewatch.api.v1.Capacity;
import io.securewatch.api.v1.Cluster;
import java.util.TreeMap;

/** Converts cluster rows to their API representation. */
public final class ClusterMapper {

    private ClusterMapper() {}

    public static Cluster toApi(ClusterEntity entity) {
        return new Cluster(
                entity.name,
                entity.region.name,
                new TreeMap<>(entity.labels),
                new Capacity(entity.cpuMillis, entity.memoryBytes),
                entity.driftPolicy,
                entity.version,
                entity.createdAt,
                entity.updatedAt);
    }
}
