package io.securewatch.controlplane.drill;

import io.securewatch.api.v1.DrillRun;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of the {@code drill_run} table: one run of a drill. */
@Entity
@Table(name = "drill_run")
public class DrillRunEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "drill_id", nullable = false)
    public Long drillId;

    @Column(nullable = false)
    public long number;

    @Column(name = "dry_run", nullable = false)
    public boolean dryRun;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public DrillRun.Status status;

    @Column(name = "started_by", nullable = false)
    public String startedBy;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** The checks, wrapped in an object because Hibernate Reactive reads JSON columns only as objects. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Checks checks;

    DrillRun toApi(String drill) {
        return new DrillRun(drill, number, dryRun, status, startedBy, startedAt, finishedAt, checks.checks());
    }

    /** The pre-flight checks of a run, in order. */
    public record Checks(List<DrillRun.Check> checks) {}
}
