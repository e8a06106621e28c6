package io.securewatch.controlplane.workload;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of the {@code workload_prescale} table: the pre-scaling in force for one workload. */
@Entity
@Table(name = "workload_prescale")
public class PreScaleEntity {

    @Id
    @Column(name = "workload_id")
    public Long workloadId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "excluded_regions", nullable = false)
    public List<String> excludedRegions;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Integer> floors;

    @Column(length = 200)
    public String reason;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The drill run that created this pre-scaling and deletes it at its end, or null for one made through the API. */
    @Column(name = "drill_run_id")
    public Long drillRunId;
}
