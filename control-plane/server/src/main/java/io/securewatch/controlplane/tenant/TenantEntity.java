package io.securewatch.controlplane.tenant;

import io.securewatch.api.v1.TenantStatus;
import io.securewatch.api.v1.TenantTier;
import io.securewatch.controlplane.region.RegionEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of the {@code tenant} table with its regions from {@code tenant_region}. */
@Entity
@Table(name = "tenant")
public class TenantEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 56)
    public String slug;

    @Column(name = "display_name", nullable = false, length = 200)
    public String displayName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public TenantTier tier;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "residency_zones", nullable = false)
    public List<String> residencyZones;

    @ManyToMany
    @JoinTable(
            name = "tenant_region",
            joinColumns = @JoinColumn(name = "tenant_id"),
            inverseJoinColumns = @JoinColumn(name = "region_id"))
    public Set<RegionEntity> regions = new LinkedHashSet<>();

    @Column(name = "quota_cpu_millis", nullable = false)
    public long quotaCpuMillis;

    @Column(name = "quota_memory_bytes", nullable = false)
    public long quotaMemoryBytes;

    @Column(name = "quota_pods", nullable = false)
    public long quotaPods;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public TenantStatus status;

    @Version
    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
