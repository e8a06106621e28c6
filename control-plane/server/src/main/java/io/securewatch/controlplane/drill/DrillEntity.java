package io.securewatch.controlplane.drill;

import io.securewatch.api.v1.DrillRequest.Guardrails;
import io.securewatch.api.v1.DrillRequest.Mode;
import io.securewatch.api.v1.DrillRequest.Scope;
import io.securewatch.api.v1.DrillRequest.Type;
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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of the {@code drill} table: a drill definition with its defaults filled in. */
@Entity
@Table(name = "drill")
public class DrillEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 63)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public Type type;

    /** Name of the region, cluster or service that the type calls for. */
    @Column(nullable = false, length = 63)
    public String target;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Scope scope;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Guardrails guardrails;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Mode mode;

    /** Quartz cron expression, or null. */
    @Column(length = 200)
    public String schedule;

    @Column(name = "created_by", nullable = false, length = 255)
    public String createdBy;

    @Version
    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /**
     * For the copy that a cluster-evacuation run acts on, never stored: the cluster, while {@link #target} names its
     * region.
     */
    @jakarta.persistence.Transient
    public String targetCluster;
}
