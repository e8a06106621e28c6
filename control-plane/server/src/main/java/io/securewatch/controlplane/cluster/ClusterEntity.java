package io.securewatch.controlplane.cluster;

import io.securewatch.api.v1.DriftPolicy;
import io.securewatch.controlplane.region.RegionEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of the {@code cluster} table. Queries fetch the region with it. The desired revision and hash of the
 * same table are written by the cluster state code only, through SQL, and deliberately not mapped here, so a
 * flush of this entity can never overwrite them with stale values.
 */
@Entity
@Table(name = "cluster")
public class ClusterEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 63)
    public String name;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "region_id", nullable = false)
    public RegionEntity region;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> labels;

    @Column(name = "cpu_millis", nullable = false)
    public long cpuMillis;

    @Column(name = "memory_bytes", nullable = false)
    public long memoryBytes;

    @Enumerated(EnumType.STRING)
    @Column(name = "drift_policy", nullable = false, length = 16)
    public DriftPolicy driftPolicy;

    @Version
    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
