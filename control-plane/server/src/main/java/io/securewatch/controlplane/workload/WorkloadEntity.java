package io.securewatch.controlplane.workload;

import io.securewatch.controlplane.region.RegionEntity;
import io.securewatch.controlplane.tenant.TenantEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of the {@code workload} table with its regions from {@code workload_region} and its owning tenant. */
@Entity
@Table(name = "workload")
public class WorkloadEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 63)
    public String name;

    /** The owner, or null for a platform workload. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "tenant_id")
    public TenantEntity tenant;

    @Column(nullable = false, length = 63)
    public String namespace;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> labels;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> deployment;

    @Column(name = "service_name", length = 63)
    public String serviceName;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> service;

    @ManyToMany
    @JoinTable(
            name = "workload_region",
            joinColumns = @JoinColumn(name = "workload_id"),
            inverseJoinColumns = @JoinColumn(name = "region_id"))
    public Set<RegionEntity> regions = new LinkedHashSet<>();

    @Version
    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
