package io.securewatch.controlplane.drill;

import io.securewatch.api.v1.DrillRun.Check;
import io.securewatch.api.v1.WorkloadCapacity;
import io.securewatch.api.v1.WorkloadCapacity.RegionCapacity;
import io.securewatch.controlplane.workload.CapacityModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pre-flight checks of a region evacuation: whether the region can be emptied now without hurting anyone. Pure
 * code over a snapshot of the inventory, so every check is table-tested and a dry run and a live run judge alike.
 *
 * <p>The checks, in order: every agent of the target and the surviving clusters is connected and has applied its
 * latest revision; the surviving regions' maximum replicas carry each affected workload's whole load plus the
 * headroom; no tenant's workload is left without a surviving region in its residency zones; every affected service
 * has healthy, fresh instances in each surviving region that the catalog watches; and no other run on an
 * overlapping scope is in progress.
 */
final class Preflight {

    static final String AGENTS = "agents";
    static final String CAPACITY = "capacity";
    static final String RESIDENCY = "residency";
    static final String CATALOG = "catalog";
    static final String OVERLAP = "overlap";

    private Preflight() {}

    /**
     * The snapshot the checks read.
     *
     * @param targetRegion the region to evacuate
     * @param headroomPercent the drill's minimum survivor headroom; a workload's own failover headroom wins when
     *     higher
     * @param clusters every cluster of the target region and of the affected workloads' other regions
     * @param workloads the workloads that run in the target region, within the drill's scope
     * @param zoneByRegion residency zone of every region
     * @param capacity capacity of each affected workload, by name
     * @param catalog health of each affected service, by service and region; a region missing here is not watched
     * @param overlappingRuns runs in progress whose scope overlaps, as {@code <drill>/<run>}
     */
    record Inputs(
            String targetRegion,
            int headroomPercent,
            List<ClusterAgent> clusters,
            List<AffectedWorkload> workloads,
            Map<String, String> zoneByRegion,
            Map<String, WorkloadCapacity> capacity,
            Map<String, Map<String, ServiceHealth>> catalog,
            List<String> overlappingRuns) {}

    /**
     * A cluster's agent.
     *
     * @param revisionLag desired minus applied revision
     */
    /**
     * A cluster's agent as the checks see it.
     *
     * @param ahead whether the agent applied a revision that the database does not have, as after a restore
     */
    record ClusterAgent(String cluster, String region, boolean connected, long revisionLag, boolean ahead) {

        ClusterAgent(String cluster, String region, boolean connected, long revisionLag) {
            this(cluster, region, connected, revisionLag, false);
        }
    }

    /**
     * A workload that loses its target-region share.
     *
     * @param tenant the owning tenant's slug, or null for a platform workload
     * @param residencyZones the owning tenant's zones; empty for a platform workload
     * @param service whether it has a Service, so the catalog lists it
     */
    record AffectedWorkload(
            String name, String tenant, List<String> residencyZones, List<String> regions, boolean service) {

        List<String> survivors(String target) {
            return regions.stream()
                    .filter(region -> !region.equals(target))
                    .sorted()
                    .toList();
        }
    }

    /** A service's instances in one region, as the catalog last saw them. */
    record ServiceHealth(int instances, int healthy, boolean stale) {}

    static List<Check> run(Inputs inputs) {
        return List.of(agents(inputs), capacity(inputs), residency(inputs), catalog(inputs), overlap(inputs));
    }

    private static Check agents(Inputs inputs) {
        return agents(inputs.clusters(), agent -> agent.region().equals(inputs.targetRegion()));
    }

    /** Checks that every listed agent is connected and up to date, naming each as target or survivor. */
    static Check agents(List<ClusterAgent> clusters, java.util.function.Predicate<ClusterAgent> isTarget) {
        List<String> failures = new ArrayList<>();
        List<String> passes = new ArrayList<>();
        int connected = 0;
        int converged = 0;
        for (ClusterAgent agent : clusters) {
            String role = isTarget.test(agent) ? "target" : "survivor";
            if (agent.connected()) {
                connected++;
            }
            if (agent.revisionLag() == 0 && !agent.ahead()) {
                converged++;
            }
            if (!agent.connected()) {
                failures.add(agent.cluster() + " (" + role + "): agent not connected");
            } else if (agent.ahead()) {
                failures.add(agent.cluster() + " (" + role + "): agent is ahead of the desired state, as after a"
                        + " restore; confirm the rollback with POST /api/v1/clusters/" + agent.cluster()
                        + "/confirm-rollback first");
            } else if (agent.revisionLag() > 0) {
                failures.add(agent.cluster() + " (" + role + "): " + agent.revisionLag()
                        + " revisions behind; wait until it has applied its latest revision");
            } else {
                passes.add(agent.cluster() + " (" + role + "): connected, up to date");
            }
        }
        int total = clusters.size();
        String summary =
                connected + " of " + total + " agents connected, " + converged + " of " + total + " up to date";
        return check(AGENTS, failures, passes, summary);
    }

    private static Check capacity(Inputs inputs) {
        List<String> failures = new ArrayList<>();
        List<String> passes = new ArrayList<>();
        int shortfall = 0;
        for (AffectedWorkload workload : inputs.workloads()) {
            List<String> survivors = workload.survivors(inputs.targetRegion());
            WorkloadCapacity capacity = inputs.capacity().get(workload.name());
            if (survivors.isEmpty()) {
                failures.add(workload.name() + ": runs only in " + inputs.targetRegion()
                        + ", so no region can take its load; add a region to the workload");
                continue;
            }
            if (capacity == null) {
                failures.add(workload.name() + ": capacity unknown");
                continue;
            }
            int headroom = Math.max(inputs.headroomPercent(), capacity.failoverHeadroomPercent());
            int required = CapacityModel.requiredReplicas(capacity.totalLoadReplicas(), headroom);
            int survivorMax = capacity.regions().stream()
                    .filter(region -> !region.region().equals(inputs.targetRegion()))
                    .mapToInt(RegionCapacity::maxReplicas)
                    .sum();
            String numbers = "load " + capacity.totalLoadReplicas() + " replicas, " + required + " required with "
                    + headroom + " % headroom, survivors " + String.join(", ", survivors) + " allow " + survivorMax;
            if (survivorMax < required) {
                int missing = required - survivorMax;
                shortfall += missing;
                failures.add(workload.name() + ": " + numbers + "; short by " + count(missing, "replica") + ", "
                        + (capacity.scalingPolicy()
                                ? "raise the maximum of its scaling policy"
                                : "add a scaling policy or raise its fixed replicas"));
            } else {
                passes.add(workload.name() + ": " + numbers);
            }
        }
        String summary = failures.isEmpty()
                ? "survivors carry " + all(inputs.workloads().size(), "affected workload")
                : failures.size() + " of " + inputs.workloads().size()
                        + " affected workloads do not fit in the survivors, short by " + count(shortfall, "replica");
        return check(CAPACITY, failures, passes, summary);
    }

    /** Returns {@code all 3 workloads}, or {@code the only workload} for one, as a check's summary counts them. */
    static String all(long count, String noun) {
        return count == 1 ? "the only " + noun : "all " + count(count, noun);
    }

    /** Returns a count with its noun, singular for one: {@code 1 region}, {@code 2 regions}. */
    static String count(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static Check residency(Inputs inputs) {
        List<String> failures = new ArrayList<>();
        List<String> passes = new ArrayList<>();
        int tenantWorkloads = 0;
        for (AffectedWorkload workload : inputs.workloads()) {
            if (workload.tenant() == null) {
                continue;
            }
            tenantWorkloads++;
            List<String> allowed = workload.survivors(inputs.targetRegion()).stream()
                    .filter(region -> workload.residencyZones()
                            .contains(inputs.zoneByRegion().get(region)))
                    .toList();
            if (allowed.isEmpty()) {
                failures.add(workload.name() + " of tenant " + workload.tenant() + ": no region other than "
                        + inputs.targetRegion() + " in its residency zones " + workload.residencyZones()
                        + ", so its traffic would have to leave them");
            } else {
                passes.add(workload.name() + " of tenant " + workload.tenant() + ": fails over to "
                        + String.join(", ", allowed) + " inside " + workload.residencyZones());
            }
        }
        String summary = failures.isEmpty()
                ? tenantWorkloads == 0
                        ? "no tenant workload is affected"
                        : "every tenant workload stays in its residency zones (" + tenantWorkloads + " checked)"
                : failures.size() + " of " + tenantWorkloads
                        + " tenant workloads have no surviving region in their residency zones";
        return check(RESIDENCY, failures, passes, summary);
    }

    private static Check catalog(Inputs inputs) {
        List<String> failures = new ArrayList<>();
        List<String> passes = new ArrayList<>();
        int checked = 0;
        for (AffectedWorkload workload : inputs.workloads()) {
            if (!workload.service()) {
                continue;
            }
            Map<String, ServiceHealth> regions = inputs.catalog().getOrDefault(workload.name(), Map.of());
            for (String survivor : workload.survivors(inputs.targetRegion())) {
                if (judge(workload.name() + " in " + survivor, regions.get(survivor), failures, passes)) {
                    checked++;
                }
            }
        }
        String summary = failures.isEmpty()
                ? checked + " surviving service regions healthy in the catalog"
                : failures.size() + " of " + checked + " surviving service regions are not healthy in the catalog";
        return check(CATALOG, failures, passes, summary);
    }

    /**
     * Adds a line on a service's health in one region to the failures or the passes, and returns whether the
     * catalog watches the region, so that the health was checked.
     *
     * @param health null when the region's Consul is not watched
     */
    static boolean judge(String where, ServiceHealth health, List<String> failures, List<String> passes) {
        if (health == null) {
            passes.add(where + ": not verified, the region's Consul is not watched");
            return false;
        }
        if (health.stale()) {
            failures.add(where + ": catalog entries are stale; check the region's Consul");
        } else if (health.healthy() == 0) {
            failures.add(where + ": 0 of " + health.instances() + " instances healthy");
        } else {
            passes.add(where + ": " + health.healthy() + " of " + health.instances() + " instances healthy");
        }
        return true;
    }

    static Check overlap(Inputs inputs) {
        Set<String> runs = new TreeSet<>(inputs.overlappingRuns());
        List<String> failures = runs.stream()
                .map(run -> run + " is in progress on an overlapping scope; wait for it or abort it")
                .toList();
        String summary = runs.isEmpty()
                ? "no other run in progress on an overlapping scope"
                : count(runs.size(), "run") + " in progress on an overlapping scope";
        return check(OVERLAP, failures, List.of(), summary);
    }

    static Check check(String name, List<String> failures, List<String> passes, String summary) {
        List<String> details = new ArrayList<>(failures);
        details.addAll(passes);
        return new Check(name, failures.isEmpty(), summary, List.copyOf(details));
    }
}
