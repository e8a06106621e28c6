package io.securewatch.controlplane.drill;

import static io.securewatch.controlplane.sql.SqlValues.instant;
import static io.securewatch.controlplane.sql.SqlValues.number;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.securewatch.api.v1.DrillRun;
import io.securewatch.controlplane.audit.AuditAction;
import io.securewatch.controlplane.audit.AuditLog;
import io.securewatch.controlplane.audit.ChangeOrigin;
import io.securewatch.controlplane.audit.ObjectKind;
import io.securewatch.controlplane.clusterstate.ClusterStatusService;
import io.securewatch.controlplane.clusterstate.DesiredStateRefresher;
import io.securewatch.controlplane.drill.DrillProgress.ClusterView;
import io.securewatch.controlplane.drill.DrillProgress.Observation;
import io.securewatch.controlplane.drill.DrillProgress.Outcome;
import io.securewatch.controlplane.drill.DrillProgress.WorkloadView;
import io.securewatch.controlplane.leadership.Leadership;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.securewatch.controlplane.workload.CapacityService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Moves live drill runs through their steps, on the leader only. Every tick it takes each active run in a
 * transaction of its own, with the run's row locked, observes its agents, and either waits, finishes the step and
 * starts the next, or aborts on a guardrail breach. A step that changes desired state makes the change and records
 * the revisions it pushed in the same transaction, so a control plane that stops at any point resumes the run
 * without repeating a step.
 */
@ApplicationScoped
public class DrillExecutor {

    private static final Logger LOG = Logger.getLogger(DrillExecutor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final TypeReference<Map<String, Integer>> FLOORS = new TypeReference<>() {};
    private static final int SUMMARY_LENGTH = 1000;

    /** The actor of aborts that a guardrail triggers. */
    static final String GUARDRAIL_ACTOR = "system:guardrail";

    @Inject
    Leadership leadership;

    @Inject
    CapacityService capacity;

    @Inject
    DesiredStateRefresher desiredState;

    @Inject
    ClusterStatusService clusterStatus;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    DrillConfig config;

    /**
     * When this replica first advanced each run since it started, to tell a resumed run from one it started and to
     * give agents time to reconnect.
     */
    private final Map<Long, Instant> firstSeen = new ConcurrentHashMap<>();

    /** Set at shutdown, so that no tick starts while the database connections close. */
    private volatile boolean stopping;

    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(
            identity = "drill-executor",
            every = "${securewatch.drills.tick-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (stopping || !leadership.isLeader()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(
                                        "select id from drill_run where status in ('RUNNING', 'ABORTING') order by id",
                                        Long.class)
                                .getResultList()))
                .chain(ids -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Long id : ids) {
                        chain = chain.chain(() -> Panache.withTransaction(
                                        () -> leadership.fence().chain(() -> advance(id)))
                                .onFailure()
                                .recoverWithUni(failure -> {
                                    LogFields.error(
                                            LOG,
                                            failure,
                                            "Advancing a drill run failed; retrying next tick",
                                            LogKeys.RUN,
                                            id);
                                    return Uni.createFrom().voidItem();
                                }));
                    }
                    return chain;
                });
    }

    /** Advances one run as far as it can go now, in the caller's transaction. */
    Uni<Void> advance(long runId) {
        return Panache.getSession()
                .chain(session -> session.find(DrillRunEntity.class, runId, LockModeType.PESSIMISTIC_WRITE))
                .chain(run -> {
                    if (run == null || !run.status.isActive()) {
                        return Uni.createFrom().voidItem();
                    }
                    return steps(runId)
                            .chain(steps -> observe(run.plan).chain(observation -> {
                                Instant now = observation.now();
                                boolean resumed = !firstSeen.containsKey(runId) && !steps.isEmpty();
                                firstSeen.putIfAbsent(runId, now);
                                if (resumed) {
                                    DrillStepEntity last = steps.get(steps.size() - 1);
                                    run.addEvent(
                                            now,
                                            "resumed",
                                            "this control plane picked up the run at step " + last.name + " ("
                                                    + last.status.toLowerCase(java.util.Locale.ROOT) + ")",
                                            null);
                                    LogFields.info(
                                            LOG,
                                            "Drill run resumed",
                                            LogKeys.RUN,
                                            run.plan.run(),
                                            LogKeys.STEP,
                                            last.name);
                                }
                                if (steps.isEmpty()) {
                                    recordShare(run, "before", observation);
                                    return start(run, DrillProgress.STEPS.get(0), steps, observation);
                                }
                                return proceed(run, steps, observation);
                            }));
                });
    }

    /** Evaluates the current step; finishes it and starts the next ones while they are done at once. */
    private Uni<Void> proceed(DrillRunEntity run, List<DrillStepEntity> steps, Observation observation) {
        DrillStepEntity current = steps.get(steps.size() - 1);
        return floors(run.id).chain(floors -> {
            current.acks = new TreeMap<>(DrillProgress.acks(current.view(), observation));
            Outcome outcome = DrillProgress.evaluate(run.plan, current.view(), current.acks, observation, floors);
            if (run.status == DrillRun.Status.ABORTING) {
                return finishAbort(run, steps, current, outcome, observation);
            }
            boolean settled = !observation
                    .now()
                    .isBefore(firstSeen.getOrDefault(run.id, observation.now()).plus(config.reconnectGrace()));
            Optional<String> breach =
                    DrillProgress.breach(run.plan, run.startedAt, current.view(), outcome, observation, settled);
            if (breach.isPresent()) {
                LogFields.warn(
                        LOG,
                        null,
                        "Drill guardrail breached; aborting",
                        LogKeys.RUN,
                        run.plan.run(),
                        LogKeys.STEP,
                        current.name,
                        LogKeys.REASON,
                        breach.get());
                return abort(
                        run,
                        steps,
                        new ChangeOrigin(GUARDRAIL_ACTOR, null, null),
                        "guardrail",
                        breach.get(),
                        observation);
            }
            current.summary = abbreviate(outcome.summary());
            if (!outcome.done()) {
                return Uni.createFrom().voidItem();
            }
            current.status = DrillStepEntity.DONE;
            current.finishedAt = observation.now();
            if (current.name.equals(DrillProgress.OBSERVE)) {
                recordShare(run, "during", observation);
            }
            Optional<String> next = DrillProgress.next(current.name);
            if (next.isEmpty() && awaitsTrafficAfter(run, steps, DrillProgress.FAIL_BACK, current, observation)) {
                current.status = DrillStepEntity.RUNNING;
                current.finishedAt = null;
                return Uni.createFrom().voidItem();
            }
            if (next.isEmpty()) {
                run.status = DrillRun.Status.COMPLETED;
                run.finishedAt = observation.now();
                recordShare(run, "after", observation);
                run.measurements = DrillMeasurements.of(run, steps, observation.now());
                firstSeen.remove(run.id);
                LogFields.info(LOG, "Drill run completed", LogKeys.RUN, run.plan.run());
                return Panache.getSession().chain(Mutiny.Session::flush);
            }
            return start(run, next.get(), steps, observation);
        });
    }

    /** Starts a step: makes its change, if it has one, and then evaluates it at once unless it waits for Acks. */
    private Uni<Void> start(DrillRunEntity run, String name, List<DrillStepEntity> steps, Observation observation) {
        DrillStepEntity step = new DrillStepEntity();
        step.runId = run.id;
        step.position = steps.size();
        step.name = name;
        step.status = DrillStepEntity.RUNNING;
        step.startedAt = observation.now();
        steps.add(step);
        LogFields.info(LOG, "Drill step started", LogKeys.RUN, run.plan.run(), LogKeys.STEP, name);
        if (!DrillProgress.changesDesiredState(name)) {
            return Panache.getSession()
                    .chain(session -> session.persist(step))
                    .chain(() -> proceed(run, steps, observation));
        }
        return pushed(run, () -> change(run, name))
                .chain(revisions -> {
                    step.revisions = new TreeMap<>(revisions);
                    step.summary = revisions.isEmpty()
                            ? "no cluster's desired state changed"
                            : "pushed new revisions to " + revisions.size() + " clusters";
                    return Panache.getSession().chain(session -> session.persist(step));
                })
                .chain(() -> Panache.getSession().chain(Mutiny.Session::flush));
    }

    /** Makes a step's change to the stored inventory, without refreshing desired state. */
    private Uni<Void> change(DrillRunEntity run, String step) {
        if (run.plan.targetCluster() != null) {
            return changeCluster(run, step);
        }
        ChangeOrigin origin = ChangeOrigin.system("drill");
        return switch (step) {
            case DrillProgress.PRE_SCALE -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (DrillPlan.PlannedWorkload workload : run.plan.workloads()) {
                    chain = chain.chain(() -> capacity.preScaleForDrill(
                                    workload.name(), run.plan.target(), run.id, run.plan.run(), origin)
                            .replaceWithVoid());
                }
                yield chain.chain(() -> Panache.getSession().chain(Mutiny.Session::flush));
            }
            case DrillProgress.SHIFT_ROUTING ->
                Panache.getSession()
                        .chain(session -> session.createNativeQuery(
                                        "insert into drill_evacuation (run_id, workload_id, region_id)"
                                                + " select :run, w.id, r.id from workload w, region r"
                                                + " where w.id in (:workloads) and r.name = :target"
                                                + " on conflict do nothing")
                                .setParameter("run", run.id)
                                .setParameter("workloads", workloadIds(run.plan))
                                .setParameter("target", run.plan.target())
                                .executeUpdate())
                        .replaceWithVoid();
            case DrillProgress.FAIL_BACK -> deleteEvacuation(run.id);
            case DrillProgress.RESTORE_SCALING ->
                capacity.restoreForDrill(run.id, origin).replaceWithVoid();
            case DrillProgress.ABORT ->
                deleteEvacuation(run.id)
                        .chain(() -> capacity.restoreForDrill(run.id, ChangeOrigin.system("drill-abort")))
                        .replaceWithVoid();
            default -> throw new IllegalArgumentException("step " + step + " changes no desired state");
        };
    }

    /**
     * Makes a cluster evacuation's change. The pre-scale leaves the cluster out of its region's split for the other
     * clusters, and the shift drains it. The fail-back gives it its share back, and the restore or an abort deletes
     * the marks, which restores the split.
     */
    private static Uni<Void> changeCluster(DrillRunEntity run, String step) {
        String sql = switch (step) {
            case DrillProgress.PRE_SCALE ->
                "insert into drill_cluster_evacuation (run_id, workload_id, cluster_id)"
                        + " select :run, w.id, c.id from workload w, cluster c"
                        + " where w.id in (:workloads) and c.name = :cluster on conflict do nothing";
            case DrillProgress.SHIFT_ROUTING ->
                "update drill_cluster_evacuation set drained = true where run_id = :run";
            case DrillProgress.FAIL_BACK -> "update drill_cluster_evacuation set drained = false where run_id = :run";
            case DrillProgress.RESTORE_SCALING, DrillProgress.ABORT ->
                "delete from drill_cluster_evacuation where run_id = :run";
            default -> throw new IllegalArgumentException("step " + step + " changes no desired state");
        };
        return Panache.getSession()
                .chain(session -> {
                    var query = session.createNativeQuery(sql).setParameter("run", run.id);
                    if (step.equals(DrillProgress.PRE_SCALE)) {
                        query.setParameter("workloads", workloadIds(run.plan))
                                .setParameter("cluster", run.plan.targetCluster());
                    }
                    return query.executeUpdate();
                })
                .replaceWithVoid();
    }

    /**
     * Makes a change, refreshes the desired state of the run's regions, and returns the clusters whose revision
     * the change raised, with their new revision.
     */
    private Uni<Map<String, Long>> pushed(DrillRunEntity run, java.util.function.Supplier<Uni<Void>> change) {
        List<String> clusters = List.copyOf(run.plan.clusters().keySet());
        return revisions(clusters)
                .chain(before -> change.get()
                        .chain(() -> regionIds(run.plan))
                        .chain(desiredState::refreshRegions)
                        .chain(() -> revisions(clusters))
                        .map(after -> {
                            Map<String, Long> raised = new TreeMap<>();
                            after.forEach((cluster, revision) -> {
                                if (revision > before.getOrDefault(cluster, 0L)) {
                                    raised.put(cluster, revision);
                                }
                            });
                            return raised;
                        }));
    }

    /**
     * Aborts a run in the caller's transaction: interrupts its current step, restores the pre-drill routing and
     * scaling at once, and starts the abort step that waits for the agents' Acks.
     */
    Uni<Void> abort(
            DrillRunEntity run,
            List<DrillStepEntity> steps,
            ChangeOrigin origin,
            String kind,
            String reason,
            Observation observation) {
        Instant now = observation.now();
        // The run counts as seen, so that the executor's next tick does not take the abort step for a resumption.
        firstSeen.putIfAbsent(run.id, now);
        if (showsShiftedTraffic(run, steps, observation)) {
            recordShare(run, "during", observation);
        }
        if (!steps.isEmpty()) {
            DrillStepEntity current = steps.get(steps.size() - 1);
            if (current.status.equals(DrillStepEntity.RUNNING)) {
                current.status = DrillStepEntity.INTERRUPTED;
                current.finishedAt = now;
            }
        }
        run.status = DrillRun.Status.ABORTING;
        String actor = origin.actor();
        run.abortedBy = actor;
        run.abortReason = abbreviate(reason, 500);
        run.addEvent(now, kind, reason, actor);
        DrillStepEntity step = new DrillStepEntity();
        step.runId = run.id;
        step.position = steps.size();
        step.name = DrillProgress.ABORT;
        step.status = DrillStepEntity.RUNNING;
        step.startedAt = now;
        steps.add(step);
        LogFields.info(LOG, "Drill run aborted", LogKeys.RUN, run.plan.run(), LogKeys.ACTOR, actor);
        return pushed(run, () -> change(run, DrillProgress.ABORT))
                .chain(revisions -> {
                    step.revisions = new TreeMap<>(revisions);
                    step.summary = revisions.isEmpty()
                            ? "no cluster's desired state changed"
                            : "restored the pre-drill routing and scaling: pushed new revisions to " + revisions.size()
                                    + " clusters";
                    return Panache.getSession().chain(session -> session.persist(step));
                })
                .chain(() -> audit.record(
                        origin,
                        AuditAction.ABORT,
                        ObjectKind.DRILL,
                        run.plan.run(),
                        null,
                        null,
                        Map.of("reason", run.abortReason)))
                .chain(() -> Panache.getSession().chain(Mutiny.Session::flush));
    }

    /** Loads a run's steps and aborts it in the caller's transaction; the run's row must be locked. */
    Uni<Void> abort(DrillRunEntity run, ChangeOrigin origin, String kind, String reason) {
        return steps(run.id)
                .chain(steps ->
                        observe(run.plan).chain(observation -> abort(run, steps, origin, kind, reason, observation)));
    }

    private Uni<Void> finishAbort(
            DrillRunEntity run,
            List<DrillStepEntity> steps,
            DrillStepEntity step,
            Outcome outcome,
            Observation observation) {
        long waited =
                java.time.Duration.between(step.startedAt, observation.now()).toSeconds();
        boolean timedOut = !outcome.done() && waited > run.plan.guardrails().ackTimeoutSeconds();
        step.summary = abbreviate(outcome.summary());
        if (!outcome.done() && !timedOut) {
            return Uni.createFrom().voidItem();
        }
        if (outcome.done() && awaitsTrafficAfter(run, steps, DrillProgress.ABORT, step, observation)) {
            return Uni.createFrom().voidItem();
        }
        if (timedOut) {
            run.addEvent(
                    observation.now(),
                    "warning",
                    "not every agent acknowledged the restored routing and scaling within the Ack timeout: "
                            + outcome.summary(),
                    null);
        }
        step.status = DrillStepEntity.DONE;
        step.finishedAt = observation.now();
        run.status = DrillRun.Status.ABORTED;
        run.finishedAt = observation.now();
        recordShare(run, "after", observation);
        run.measurements = DrillMeasurements.of(run, steps, observation.now());
        firstSeen.remove(run.id);
        LogFields.info(LOG, "Drill run aborted and restored", LogKeys.RUN, run.plan.run());
        return Uni.createFrom().voidItem();
    }

    /**
     * Returns whether the last step must wait for a heartbeat from every agent after the routing was restored, so
     * that the traffic share after the run reflects it. The wait lasts at most the Ack timeout, and the step's
     * summary mentions it.
     *
     * @param restoring the step that restored the routing: {@code fail-back}, or {@code abort}
     */
    private static boolean awaitsTrafficAfter(
            DrillRunEntity run,
            List<DrillStepEntity> steps,
            String restoring,
            DrillStepEntity current,
            Observation observation) {
        Optional<DrillStepEntity> restored =
                steps.stream().filter(step -> step.name.equals(restoring)).findFirst();
        if (restored.isEmpty()) {
            return false;
        }
        Instant since = DrillMeasurements.lastAck(restored.get());
        if (since == null) {
            since = restored.get().startedAt;
        }
        long waited =
                java.time.Duration.between(current.startedAt, observation.now()).toSeconds();
        if (DrillProgress.heartbeatsSince(run.plan, observation, since)
                || waited > run.plan.guardrails().ackTimeoutSeconds()) {
            return false;
        }
        current.summary = abbreviate(current.summary + "; waiting for a heartbeat from every agent to measure the"
                + " traffic after the run");
        return true;
    }

    /**
     * Returns whether the traffic share during the run is still to be recorded at an abort and the heartbeats show
     * it: the routing shift was acknowledged and every agent has reported since.
     */
    private static boolean showsShiftedTraffic(
            DrillRunEntity run, List<DrillStepEntity> steps, Observation observation) {
        if (run.measurements != null
                && run.measurements.trafficShare() != null
                && run.measurements.trafficShare().containsKey("during")) {
            return false;
        }
        return steps.stream()
                .filter(step ->
                        step.name.equals(DrillProgress.SHIFT_ROUTING) && DrillStepEntity.DONE.equals(step.status))
                .findFirst()
                .map(shift -> DrillProgress.heartbeatsSince(run.plan, observation, DrillMeasurements.lastAck(shift)))
                .orElse(false);
    }

    private void recordShare(DrillRunEntity run, String phase, Observation observation) {
        Map<String, Map<String, Double>> shares = new LinkedHashMap<>();
        if (run.measurements != null && run.measurements.trafficShare() != null) {
            shares.putAll(run.measurements.trafficShare());
        }
        shares.put(phase, DrillProgress.trafficShare(run.plan, observation));
        run.measurements = new DrillRun.Measurements(
                run.measurements == null ? null : run.measurements.recoveryTimeMillis(),
                run.measurements == null ? null : run.measurements.failBackMillis(),
                run.measurements == null ? null : run.measurements.durationMillis(),
                shares);
    }

    /** Returns the run's steps in order. */
    Uni<List<DrillStepEntity>> steps(long runId) {
        return Panache.getSession()
                .chain(session -> session.createQuery(
                                "from DrillStepEntity where runId = :run order by position", DrillStepEntity.class)
                        .setParameter("run", runId)
                        .getResultList())
                .map(ArrayList::new);
    }

    /** Observes the agents of the plan's clusters: connection, applied revision and reported workloads. */
    Uni<Observation> observe(DrillPlan plan) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select c.name, r.name, s.connected, s.last_heartbeat_at,"
                                        + " coalesce(s.applied_revision, 0), s.applied_at, cast(s.facts as text)"
                                        + " from cluster c join region r on r.id = c.region_id"
                                        + " left join cluster_agent_state s on s.cluster_id = c.id"
                                        + " where c.name in (:clusters)",
                                Object[].class)
                        .setParameter("clusters", List.copyOf(plan.clusters().keySet()))
                        .getResultList())
                .map(rows -> {
                    Map<String, ClusterView> clusters = new TreeMap<>();
                    for (Object[] row : rows) {
                        String cluster = (String) row[0];
                        clusters.put(
                                cluster,
                                new ClusterView(
                                        cluster,
                                        (String) row[1],
                                        clusterStatus.isConnected((Boolean) row[2], instant(row[3])),
                                        number(row[4]),
                                        instant(row[5]),
                                        instant(row[3]),
                                        workloads(cluster, (String) row[6])));
                    }
                    return new Observation(now, clusters);
                });
    }

    /** Returns the pre-scaled ready replicas the run waits for: workload to region to replicas. */
    private static Uni<Map<String, Map<String, Integer>>> floors(long runId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select w.name, cast(s.floors as text) from workload_prescale s"
                                        + " join workload w on w.id = s.workload_id where s.drill_run_id = :run",
                                Object[].class)
                        .setParameter("run", runId)
                        .getResultList())
                .map(rows -> {
                    Map<String, Map<String, Integer>> floors = new TreeMap<>();
                    for (Object[] row : rows) {
                        try {
                            floors.put((String) row[0], JSON.readValue((String) row[1], FLOORS));
                        } catch (JsonProcessingException e) {
                            throw new IllegalStateException("stored pre-scaling floors are not valid JSON", e);
                        }
                    }
                    return floors;
                });
    }

    private static Uni<Map<String, Long>> revisions(List<String> clusters) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select name, desired_revision from cluster where name in (:clusters)", Object[].class)
                        .setParameter("clusters", clusters)
                        .getResultList())
                .map(rows -> {
                    Map<String, Long> revisions = new HashMap<>();
                    rows.forEach(row -> revisions.put((String) row[0], number(row[1])));
                    return revisions;
                });
    }

    private static Uni<List<Long>> regionIds(DrillPlan plan) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select id from region where name in (:regions)", Long.class)
                        .setParameter(
                                "regions",
                                List.copyOf(Set.copyOf(plan.clusters().values())))
                        .getResultList());
    }

    private static Uni<Void> deleteEvacuation(long runId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("delete from drill_evacuation where run_id = :run")
                        .setParameter("run", runId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    private static List<Long> workloadIds(DrillPlan plan) {
        return plan.workloads().stream().map(DrillPlan.PlannedWorkload::id).toList();
    }

    private static Map<String, WorkloadView> workloads(String cluster, String facts) {
        Map<String, WorkloadView> workloads = new HashMap<>();
        if (facts == null) {
            return workloads;
        }
        Map<String, Object> parsed;
        try {
            parsed = JSON.readValue(facts, OBJECT);
        } catch (JsonProcessingException e) {
            LogFields.warn(
                    LOG, e, "Stored cluster facts are not valid JSON and were ignored", LogKeys.CLUSTER, cluster);
            return workloads;
        }
        if (parsed.get("workloads") instanceof List<?> reported) {
            for (Object item : reported) {
                if (item instanceof Map<?, ?> entry) {
                    workloads.put(
                            entry.get("namespace") + "/" + entry.get("name"),
                            new WorkloadView(
                                    intValue(entry.get("replicas")),
                                    intValue(entry.get("readyReplicas")),
                                    doubleValue(entry.get("requestsPerSecond")),
                                    doubleValue(entry.get("errorRatePercent"))));
                }
            }
        }
        return workloads;
    }

    private static int intValue(Object value) {
        return value instanceof Number number ? number.intValue() : 0;
    }

    private static double doubleValue(Object value) {
        return value instanceof Number number ? number.doubleValue() : 0;
    }

    private static String abbreviate(String text) {
        return abbreviate(text, SUMMARY_LENGTH);
    }

    private static String abbreviate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
