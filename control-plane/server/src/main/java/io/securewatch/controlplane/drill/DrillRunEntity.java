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

    /** The plan of a live run; null for a dry run. */
    @JdbcTypeCode(SqlTypes.JSON)
    public DrillPlan plan;

    /** The measurements of a live run, stored as the run progresses; null before the first. */
    @JdbcTypeCode(SqlTypes.JSON)
    public DrillRun.Measurements measurements;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Events events = new Events(List.of());

    @Column(name = "aborted_by")
    public String abortedBy;

    @Column(name = "abort_reason", length = 500)
    public String abortReason;

    DrillRun toApi(String drill) {
        return toApi(drill, List.of(), null);
    }

    /**
     * Returns the run as the API shows it.
     *
     * @param measurements what the run measured so far, for a run in progress; null to show the stored ones
     */
    DrillRun toApi(String drill, List<DrillStepEntity> steps, DrillRun.Measurements measurements) {
        return new DrillRun(
                drill,
                number,
                dryRun,
                status,
                plan == null ? null : plan.targetCluster() != null ? plan.targetCluster() : plan.target(),
                startedBy,
                startedAt,
                finishedAt,
                abortedBy,
                abortReason,
                checks.checks(),
                steps.stream().map(DrillStepEntity::toApi).toList(),
                ordered(measurements != null ? measurements : this.measurements),
                events.events().stream().map(StoredEvent::toApi).toList());
    }

    /**
     * Returns the measurements with the traffic shares in phase order (before, during, after) and regions in name
     * order, because PostgreSQL's jsonb keeps object keys in an order of its own.
     */
    private static DrillRun.Measurements ordered(DrillRun.Measurements measurements) {
        if (measurements == null || measurements.trafficShare() == null) {
            return measurements;
        }
        java.util.Map<String, java.util.Map<String, Double>> shares = new java.util.LinkedHashMap<>();
        for (String phase : List.of("before", "during", "after")) {
            java.util.Map<String, Double> share = measurements.trafficShare().get(phase);
            if (share != null) {
                shares.put(phase, new java.util.TreeMap<>(share));
            }
        }
        return new DrillRun.Measurements(
                measurements.recoveryTimeMillis(),
                measurements.failBackMillis(),
                measurements.durationMillis(),
                shares);
    }

    /** Adds an event at the end. */
    void addEvent(java.time.Instant at, String kind, String message, String actor) {
        List<StoredEvent> all = new java.util.ArrayList<>(events.events());
        all.add(new StoredEvent(at.toEpochMilli(), kind, message, actor));
        events = new Events(all);
    }

    /** The pre-flight checks of a run, in order. */
    public record Checks(List<DrillRun.Check> checks) {}

    /** The events of a run, oldest first, wrapped for the same reason as the checks. */
    public record Events(List<StoredEvent> events) {}

    /** An event with its time in epoch milliseconds, which JSON keeps without a time module. */
    public record StoredEvent(long atMillis, String kind, String message, String actor) {
        DrillRun.Event toApi() {
            return new DrillRun.Event(java.time.Instant.ofEpochMilli(atMillis), kind, message, actor);
        }
    }
}
