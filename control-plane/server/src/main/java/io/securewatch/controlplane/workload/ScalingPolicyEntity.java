package io.securewatch.controlplane.workload;

import io.securewatch.api.v1.ReplicaBounds;
import io.securewatch.api.v1.ScalingBehavior;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of the {@code scaling_policy} table: the scaling policy of one workload. */
@Entity
@Table(name = "scaling_policy")
public class ScalingPolicyEntity {

    @Id
    @Column(name = "workload_id")
    public Long workloadId;

    @Column(name = "min_replicas", nullable = false)
    public int minReplicas;

    @Column(name = "max_replicas", nullable = false)
    public int maxReplicas;

    @Column(name = "target_cpu_utilization")
    public Integer targetCpuUtilization;

    @Column(name = "target_memory_utilization")
    public Integer targetMemoryUtilization;

    @JdbcTypeCode(SqlTypes.JSON)
    public ScalingBehavior behavior;

    @Column(name = "failover_headroom_percent", nullable = false)
    public int failoverHeadroomPercent;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "region_overrides", nullable = false)
    public Map<String, ReplicaBounds> regionOverrides;

    @Version
    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
