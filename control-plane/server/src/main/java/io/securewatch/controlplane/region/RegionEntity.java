package io.securewatch.controlplane.region;

import io.securewatch.api.v1.RegionStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A row of the {@code region} table. */
@Entity
@Table(name = "region")
public class RegionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 63)
    public String name;

    @Column(name = "display_name", nullable = false, length = 200)
    public String displayName;

    @Column(name = "residency_zone", nullable = false, length = 16)
    public String residencyZone;

    @Column(name = "consul_datacenter", nullable = false, length = 63)
    public String consulDatacenter;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public RegionStatus status;

    @Version
    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
