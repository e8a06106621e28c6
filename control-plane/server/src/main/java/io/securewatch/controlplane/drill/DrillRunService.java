package io.securewatch.controlplane.drill;

import static io.securewatch.controlplane.sql.SqlValues.number;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.api.v1.DrillAbortRequest;
import io.securewatch.api.v1.DrillReport;
import io.securewatch.api.v1.DrillRequest;
import io.securewatch.api.v1.DrillRun;
import io.securewatch.api.v1.DrillRunRequest;
import io.securewatch.api.v1.KillSwitchResult;
import io.securewatch.api.v1.Page;
import io.securewatch.api.v1.WorkloadCapacity;
import io.securewatch.controlplane.audit.AuditAction;
import io.securewatch.controlplane.audit.AuditLog;
import io.securewatch.controlplane.audit.ChangeOrigin;
import io.securewatch.controlplane.audit.ObjectKind;
import io.securewatch.controlplane.clusterstate.ClusterStatusService;
import io.securewatch.controlplane.clusterstate.RegionConsulHealth;
import io.securewatch.controlplane.drill.Preflight.AffectedWorkload;
import io.securewatch.controlplane.drill.Preflight.ClusterAgent;
import io.securewatch.controlplane.drill.Preflight.ServiceHealth;
import io.securewatch.controlplane.security.TenantScope;
import io.securewatch.controlplane.web.ApiException;
import io.securewatch.controlplane.web.PageRequest;
import io.securewatch.controlplane.web.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Starts, aborts and reads drill runs. A run first takes a snapshot of the inventory, agents, capacity and catalog
 * that the drill affects, and runs the {@link Preflight} checks on it. A dry run ends there, passed or failed; a
 * live run continues in the {@link DrillExecutor}.
 */
@ApplicationScoped
public class DrillRunService {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Integer>> WEIGHTS =
            new com.fasterxml.jackson.core.type.TypeReference<>() {};

    @Inject
    DrillRunRepository runs;

    @Inject
    DrillService drills;

    @Inject
    ClusterStatusService clusterStatus;

    @Inject
    io.securewatch.controlplane.workload.CapacityService capacity;

    @Inject
    RegionConsulHealth consulHealth;

    @Inject
    DrillExecutor executor;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /**
     * Starts a run. Every run takes the snapshot and runs the pre-flight checks; a dry run ends there, and so does
     * a live run whose checks fail. A live run that passes is stored as running with its plan, and the
     * {@link DrillExecutor} takes it from there.
     */
    public Uni<DrillRun> start(String drill, DrillRunRequest request, ChangeOrigin origin) {
        return drills.get(drill).call(this::lock).chain(definition -> {
            boolean dryRun = request == null || request.dryRun() == null
                    ? definition.mode == DrillRequest.Mode.DRY_RUN
                    : request.dryRun();
            return serializeStarts()
                    .chain(() -> subject(definition))
                    .chain(subject -> inputs(subject).chain(inputs -> {
                        List<DrillRun.Check> checks = subject.targetCluster == null
                                ? Preflight.run(inputs)
                                : ClusterPreflight.run(inputs, subject.targetCluster);
                        boolean passed = checks.stream().allMatch(DrillRun.Check::passed);
                        if (dryRun || !passed) {
                            return record(definition, checks, dryRun, null, origin);
                        }
                        return plan(subject, inputs)
                                .chain(plan -> record(definition, checks, false, plan, origin))
                                .call(run -> audit.record(
                                        origin,
                                        AuditAction.START,
                                        ObjectKind.DRILL,
                                        drill + "/" + run.number,
                                        null,
                                        null,
                                        Map.of(
                                                "target",
                                                definition.target,
                                                "region",
                                                subject.target,
                                                "dryRun",
                                                false)));
                    }))
                    .map(entity -> entity.toApi(drill));
        });
    }

    /**
     * Returns what the run acts on as a region evacuation: the drill itself for a region evacuation, and for a
     * service failover a copy, never stored, that evacuates the service's primary region for that service only.
     */
    private static Uni<DrillEntity> subject(DrillEntity definition) {
        if (definition.type == DrillRequest.Type.REGION_EVACUATION) {
            return Uni.createFrom().item(definition);
        }
        if (definition.type == DrillRequest.Type.CLUSTER_EVACUATION) {
            return Panache.getSession()
                    .chain(session -> session.createNativeQuery(
                                    "select r.name from cluster c join region r on r.id = c.region_id"
                                            + " where c.name = :cluster",
                                    String.class)
                            .setParameter("cluster", definition.target)
                            .getResultList())
                    .map(regions -> {
                        if (regions.isEmpty()) {
                            throw new ApiException(
                                    ProblemType.CONFLICT,
                                    "cluster '" + definition.target + "' of drill '" + definition.name
                                            + "' no longer exists; point the drill at an existing cluster");
                        }
                        DrillEntity subject = copy(definition, regions.get(0), definition.scope);
                        subject.targetCluster = definition.target;
                        return subject;
                    });
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select rp.strategy, cast(rp.weights as text), array_to_string(rp.failover_order, ','),"
                                        + " (select string_agg(r.name, ',' order by r.name) from workload_region wr"
                                        + " join region r on r.id = wr.region_id where wr.workload_id = w.id)"
                                        + " from workload w left join routing_policy rp on rp.workload_id = w.id"
                                        + " where w.name = :service",
                                Object[].class)
                        .setParameter("service", definition.target)
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw new ApiException(
                                ProblemType.CONFLICT,
                                "service '" + definition.target + "' of drill '" + definition.name
                                        + "' no longer exists; point the drill at an existing service");
                    }
                    Object[] row = rows.get(0);
                    PrimaryRegion.Result primary = PrimaryRegion.of(
                            (String) row[0],
                            row[1] == null ? Map.of() : weights((String) row[1]),
                            row[2] == null || ((String) row[2]).isEmpty()
                                    ? List.of()
                                    : List.of(((String) row[2]).split(",")),
                            row[3] == null ? List.of() : List.of(((String) row[3]).split(",")));
                    if (primary.region() == null) {
                        throw new ApiException(
                                ProblemType.CONFLICT, "service '" + definition.target + "' " + primary.problem());
                    }
                    return copy(
                            definition,
                            primary.region(),
                            new DrillRequest.Scope(List.of(definition.target), List.of()));
                });
    }

    /** Returns a copy of the drill, never stored, that evacuates the region within the scope. */
    private static DrillEntity copy(DrillEntity definition, String region, DrillRequest.Scope scope) {
        DrillEntity subject = new DrillEntity();
        subject.id = definition.id;
        subject.name = definition.name;
        subject.type = definition.type;
        subject.target = region;
        subject.scope = scope;
        subject.guardrails = definition.guardrails;
        subject.mode = definition.mode;
        return subject;
    }

    private static Map<String, Integer> weights(String json) {
        try {
            return JSON.readValue(json, WEIGHTS);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored routing weights are not valid JSON", e);
        }
    }

    /** Aborts a running run: restores the pre-drill routing and scaling at once; 409 when it is not running. */
    public Uni<DrillRun> abort(String drill, long run, DrillAbortRequest request, ChangeOrigin origin) {
        return find(drill, run, LockModeType.PESSIMISTIC_WRITE).chain(found -> {
            if (found.status != DrillRun.Status.RUNNING) {
                throw new ApiException(
                        ProblemType.CONFLICT,
                        "run " + drill + "/" + run + " is " + found.status.wireName()
                                + "; only a running run can be aborted");
            }
            String reason =
                    request == null || request.reason() == null ? "aborted by " + origin.actor() : request.reason();
            return executor.abort(found, origin, "abort", reason).chain(() -> view(drill, found));
        });
    }

    /** Aborts every running run, and returns them as {@code <drill>/<run>}. */
    public Uni<KillSwitchResult> killSwitch(DrillAbortRequest request, ChangeOrigin origin) {
        String reason = "kill switch pulled by " + origin.actor()
                + (request == null || request.reason() == null ? "" : ": " + request.reason());
        return Panache.getSession()
                .chain(session -> session.createQuery(
                                "from DrillRunEntity where status = :status order by id", DrillRunEntity.class)
                        .setParameter("status", DrillRun.Status.RUNNING)
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                        .getResultList())
                .chain(active -> {
                    List<String> aborted = new ArrayList<>();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (DrillRunEntity run : active) {
                        chain = chain.chain(() -> executor.abort(run, origin, "kill-switch", reason))
                                .invoke(() -> aborted.add(run.plan.run()))
                                .replaceWithVoid();
                    }
                    return chain.replaceWith(() -> new KillSwitchResult(List.copyOf(aborted)));
                });
    }

    /** Returns the report of a run. */
    public Uni<DrillReport> report(String drill, long run) {
        return drills.get(drill)
                .chain(definition -> find(drill, run)
                        .chain(found -> view(drill, found))
                        .map(view -> DrillReports.report(DrillMapper.toApi(definition), view, clock.instant())));
    }

    /** Returns a page of the drill's runs, newest first. */
    public Uni<Page<DrillRun>> list(String drill, PageRequest page) {
        return drills.get(drill).chain(definition -> {
            StringBuilder query = new StringBuilder("drillId = ?1");
            List<Object> parameters = new ArrayList<>(List.of(definition.id));
            if (page.after().isPresent()) {
                query.append(" and number < ?2");
                parameters.add(parseCursor(page.after().get()));
            }
            query.append(" order by number desc");
            return runs.find(query.toString(), parameters.toArray())
                    .page(0, page.rowsToFetch())
                    .list()
                    .map(rows -> page.toPage(rows, row -> row.toApi(drill), run -> Long.toString(run.run())));
        });
    }

    /** Returns one run with its steps, or fails with 404. */
    public Uni<DrillRun> get(String drill, long run) {
        return find(drill, run).chain(found -> view(drill, found));
    }

    private Uni<DrillRunEntity> find(String drill, long run) {
        return find(drill, run, LockModeType.NONE);
    }

    /** Finds a run, with a lock that it keeps until the transaction ends unless the mode is NONE. */
    private Uni<DrillRunEntity> find(String drill, long run, LockModeType lock) {
        return drills.get(drill)
                .chain(definition -> runs.find("drillId = ?1 and number = ?2", definition.id, run)
                        .withLock(lock)
                        .<DrillRunEntity>firstResult())
                .map(found -> {
                    if (found == null) {
                        throw ApiException.notFound("run", drill + "/" + run);
                    }
                    return found;
                });
    }

    /** Returns the run with its steps, and for a live run in progress its measurements so far. */
    private Uni<DrillRun> view(String drill, DrillRunEntity run) {
        if (run.dryRun || run.plan == null) {
            return Uni.createFrom().item(run.toApi(drill));
        }
        return executor.steps(run.id)
                .map(steps -> run.toApi(
                        drill,
                        steps,
                        run.status.isActive() ? DrillMeasurements.of(run, steps, clock.instant()) : null));
    }

    /**
     * Takes a lock that only one starting run holds at a time, until its transaction ends, so that two runs of
     * different drills on the same workloads cannot both pass the overlap check.
     */
    private static Uni<Void> serializeStarts() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select cast(pg_advisory_xact_lock(hashtext('securewatch.drill-run-start')) as text)",
                                String.class)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** Fixes what a live run acts on: the affected workloads with their ids and namespaces, and their clusters. */
    private static Uni<DrillPlan> plan(DrillEntity definition, Preflight.Inputs inputs) {
        List<String> names =
                inputs.workloads().stream().map(AffectedWorkload::name).toList();
        TreeSet<String> regions = new TreeSet<>(List.of(definition.target));
        if (definition.targetCluster == null) {
            inputs.workloads().forEach(workload -> regions.addAll(workload.regions()));
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select id, name, namespace from workload where name in (:names) order by name",
                                Object[].class)
                        .setParameter("names", names.isEmpty() ? List.of("") : names)
                        .getResultList()
                        .chain(workloadRows -> session.createNativeQuery(
                                        "select c.name, r.name from cluster c join region r on r.id = c.region_id"
                                                + " where r.name in (:regions) order by c.name",
                                        Object[].class)
                                .setParameter("regions", List.copyOf(regions))
                                .getResultList()
                                .map(clusterRows -> {
                                    Map<String, List<String>> regionsOf = new LinkedHashMap<>();
                                    inputs.workloads()
                                            .forEach(workload -> regionsOf.put(workload.name(), workload.regions()));
                                    List<DrillPlan.PlannedWorkload> workloads = new ArrayList<>();
                                    for (Object[] row : workloadRows) {
                                        workloads.add(new DrillPlan.PlannedWorkload(
                                                number(row[0]), (String) row[1], (String) row[2], regionsOf.get((String)
                                                        row[1])));
                                    }
                                    Map<String, String> clusters = new LinkedHashMap<>();
                                    clusterRows.forEach(row -> clusters.put((String) row[0], (String) row[1]));
                                    return new DrillPlan(
                                            null,
                                            definition.target,
                                            definition.targetCluster,
                                            workloads,
                                            clusters,
                                            definition.guardrails.withDefaults());
                                })));
    }

    private Uni<DrillRunEntity> record(
            DrillEntity definition, List<DrillRun.Check> checks, boolean dryRun, DrillPlan plan, ChangeOrigin origin) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select coalesce(max(number), 0) + 1 from drill_run where drill_id = :drill",
                                Long.class)
                        .setParameter("drill", definition.id)
                        .getSingleResult())
                .chain(next -> {
                    DrillRunEntity entity = new DrillRunEntity();
                    entity.drillId = definition.id;
                    entity.number = next;
                    entity.dryRun = dryRun;
                    boolean passed = checks.stream().allMatch(DrillRun.Check::passed);
                    entity.status = !passed
                            ? DrillRun.Status.FAILED
                            : dryRun ? DrillRun.Status.PASSED : DrillRun.Status.RUNNING;
                    entity.startedBy = origin.actor();
                    entity.startedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    entity.finishedAt = entity.status == DrillRun.Status.RUNNING ? null : entity.startedAt;
                    entity.checks = new DrillRunEntity.Checks(checks);
                    entity.plan = plan == null ? null : plan.forRun(definition.name + "/" + next);
                    return runs.persistAndFlush(entity);
                });
    }

    /** Takes the snapshot the checks read, in the caller's session, one query after the other. */
    private Uni<Preflight.Inputs> inputs(DrillEntity definition) {
        String target = definition.target;
        Snapshot snapshot = new Snapshot();
        return Panache.getSession()
                .chain(session -> regions(session)
                        .invoke(snapshot.regions::putAll)
                        .chain(() -> affectedWorkloads(session, target, definition))
                        .invoke(snapshot.workloads::addAll))
                .chain(() -> {
                    TreeSet<String> clusterRegions = new TreeSet<>(List.of(target));
                    snapshot.workloads.forEach(workload -> clusterRegions.addAll(workload.regions()));
                    return clusterStatus.agentsInRegions(clusterRegions);
                })
                .invoke(agents -> agents.forEach(agent -> snapshot.agents.add(new ClusterAgent(
                        agent.cluster(), agent.region(), agent.connected(), agent.revisionLag(), agent.ahead()))))
                .chain(() -> capacities(snapshot.workloads, snapshot.capacity))
                .chain(() -> catalog(snapshot, target, definition.targetCluster != null))
                .chain(() -> overlapping(snapshot))
                .map(ignored -> new Preflight.Inputs(
                        target,
                        definition.guardrails.minSurvivorHeadroomPercent(),
                        snapshot.agents,
                        snapshot.workloads,
                        zones(snapshot.regions),
                        snapshot.capacity,
                        snapshot.catalog,
                        snapshot.overlapping));
    }

    /** Finds the runs in progress that affect any of the same workloads. */
    private static Uni<Void> overlapping(Snapshot snapshot) {
        return Panache.getSession()
                .chain(session -> session.createQuery(
                                "select r, d.name from DrillRunEntity r, DrillEntity d where d.id = r.drillId"
                                        + " and r.status in (:active) order by r.id",
                                Object[].class)
                        .setParameter("active", List.of(DrillRun.Status.RUNNING, DrillRun.Status.ABORTING))
                        .getResultList())
                .invoke(rows -> {
                    java.util.Set<String> affected = new java.util.HashSet<>();
                    snapshot.workloads.forEach(workload -> affected.add(workload.name()));
                    for (Object[] row : rows) {
                        DrillRunEntity run = (DrillRunEntity) row[0];
                        boolean overlaps = run.plan != null
                                && run.plan.workloads().stream()
                                        .anyMatch(workload -> affected.contains(workload.name()));
                        if (overlaps) {
                            snapshot.overlapping.add(row[1] + "/" + run.number);
                        }
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> capacities(List<AffectedWorkload> workloads, Map<String, WorkloadCapacity> into) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (AffectedWorkload workload : workloads) {
            chain = chain.chain(() -> capacity.capacity(workload.name(), TenantScope.all())
                    .invoke(found -> into.put(workload.name(), found))
                    .replaceWithVoid());
        }
        return chain;
    }

    /**
     * Reads the catalog health of every affected service in the regions that take over: the other regions, or the
     * target region itself for a cluster evacuation.
     */
    private Uni<Void> catalog(Snapshot snapshot, String target, boolean withinTarget) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (AffectedWorkload workload : snapshot.workloads) {
            if (!workload.service()) {
                continue;
            }
            for (String survivor : withinTarget ? List.of(target) : workload.survivors(target)) {
                RegionRow region = snapshot.regions.get(survivor);
                chain = chain.chain(() -> consulHealth
                        .find(region.id())
                        .chain(consul -> consul == null
                                ? Uni.createFrom().voidItem()
                                : instances(workload.name(), region.id())
                                        .invoke(counts -> snapshot.catalog
                                                .computeIfAbsent(workload.name(), name -> new LinkedHashMap<>())
                                                .put(survivor, new ServiceHealth(counts[0], counts[1], consul.stale())))
                                        .replaceWithVoid()));
            }
        }
        return chain;
    }

    /** Returns the service's instance count and healthy count in the region. */
    private Uni<int[]> instances(String service, long regionId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select count(*), count(*) filter (where health = 'passing') from catalog_instance"
                                        + " where service = :service and region_id = :region",
                                Object[].class)
                        .setParameter("service", service)
                        .setParameter("region", regionId)
                        .getSingleResult())
                .map(row -> new int[] {(int) number(row[0]), (int) number(row[1])});
    }

    private static Uni<Map<String, RegionRow>> regions(Mutiny.Session session) {
        return session.createNativeQuery("select id, name, residency_zone from region", Object[].class)
                .getResultList()
                .map(rows -> {
                    Map<String, RegionRow> regions = new LinkedHashMap<>();
                    for (Object[] row : rows) {
                        regions.put((String) row[1], new RegionRow(number(row[0]), (String) row[2]));
                    }
                    return regions;
                });
    }

    private static Map<String, String> zones(Map<String, RegionRow> regions) {
        Map<String, String> zones = new LinkedHashMap<>();
        regions.forEach((name, region) -> zones.put(name, region.zone()));
        return zones;
    }

    /** Loads the workloads that run in the target region and lie in the drill's scope. */
    private static Uni<List<AffectedWorkload>> affectedWorkloads(
            Mutiny.Session session, String target, DrillEntity definition) {
        return session.createNativeQuery(
                        "select w.name, t.slug, array_to_string(t.residency_zones, ','),"
                                + " (select string_agg(r.name, ',' order by r.name) from workload_region wr"
                                + " join region r on r.id = wr.region_id where wr.workload_id = w.id),"
                                + " w.service_name is not null"
                                + " from workload w left join tenant t on t.id = w.tenant_id"
                                + " where w.id in (select wr.workload_id from workload_region wr"
                                + " join region r on r.id = wr.region_id where r.name = :target)"
                                + " and (t.id is null or t.status <> 'DELETING') order by w.name",
                        Object[].class)
                .setParameter("target", target)
                .getResultList()
                .map(rows -> rows.stream()
                        .map(row -> new AffectedWorkload(
                                (String) row[0],
                                (String) row[1],
                                row[2] == null ? List.of() : Arrays.asList(((String) row[2]).split(",")),
                                Arrays.asList(((String) row[3]).split(",")),
                                Boolean.TRUE.equals(row[4])))
                        .filter(workload -> definition.scope.services().isEmpty()
                                || definition.scope.services().contains(workload.name()))
                        .filter(workload -> definition.scope.tenants().isEmpty()
                                || definition.scope.tenants().contains(workload.tenant()))
                        .toList());
    }

    /** Locks the drill's row until the transaction ends, so that runs of the same drill get distinct numbers. */
    private Uni<Void> lock(DrillEntity drill) {
        return Panache.getSession().chain(session -> session.lock(drill, LockModeType.PESSIMISTIC_WRITE));
    }

    private static long parseCursor(String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ApiException.invalid("cursor", "is not a cursor this list returned; start again without it");
        }
    }

    /** A region's id and residency zone. */
    private record RegionRow(long id, String zone) {}

    /** The data the snapshot collected so far. */
    private static final class Snapshot {
        final Map<String, RegionRow> regions = new LinkedHashMap<>();
        final List<AffectedWorkload> workloads = new ArrayList<>();
        final List<ClusterAgent> agents = new ArrayList<>();
        final Map<String, WorkloadCapacity> capacity = new LinkedHashMap<>();
        final Map<String, Map<String, ServiceHealth>> catalog = new LinkedHashMap<>();
        final List<String> overlapping = new ArrayList<>();
    }
}
