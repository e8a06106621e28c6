package io.securewatch.controlplane.drill;

import io.securewatch.api.v1.DrillRun;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of the {@code drill_run_step} table: one step of a live run. */
@Entity
@Table(name = "drill_run_step")
public class DrillStepEntity {

    /** A step that has started and not finished. */
    static final String RUNNING = "RUNNING";

    static final String DONE = "DONE";

    /** A step that an abort ended before it was done. */
    static final String INTERRUPTED = "INTERRUPTED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "run_id", nullable = false)
    public Long runId;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false, length = 32)
    public String name;

    @Column(nullable = false, length = 16)
    public String status;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** Cluster name to the revision the step gave it. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Long> revisions = new TreeMap<>();

    /** Cluster name to when its agent acknowledged that revision, in epoch milliseconds. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Long> acks = new TreeMap<>();

    @Column(length = 1000)
    public String summary;

    DrillProgress.StepView view() {
        return new DrillProgress.StepView(name, startedAt, revisions, acks);
    }

    DrillRun.Step toApi() {
        Map<String, Instant> ackTimes = new LinkedHashMap<>();
        new TreeMap<>(acks).forEach((cluster, millis) -> ackTimes.put(cluster, Instant.ofEpochMilli(millis)));
        return new DrillRun.Step(
                name,
                status.toLowerCase(Locale.ROOT),
                startedAt,
                finishedAt,
                DrillProgress.millisBetween(startedAt, finishedAt),
                new TreeMap<>(revisions),
                ackTimes,
                summary);
    }
}
