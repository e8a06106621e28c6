package io.securewatch.controlplane.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.securewatch.api.v1.DrillRun.Check;
import io.securewatch.api.v1.WorkloadCapacity;
import io.securewatch.api.v1.WorkloadCapacity.FailureImpact;
import io.securewatch.api.v1.WorkloadCapacity.RegionCapacity;
import io.securewatch.controlplane.drill.Preflight.AffectedWorkload;
import io.securewatch.controlplane.drill.Preflight.ClusterAgent;
import io.securewatch.controlplane.drill.Preflight.ServiceHealth;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreflightTest {

    private static final Map<String, String> ZONES = Map.of("eu-west-1", "EU", "eu-central-1", "EU", "us-east-1", "US");

    private static final List<ClusterAgent> HEALTHY_AGENTS = List.of(
            new ClusterAgent("eu-west-1-a", "eu-west-1", true, 0),
            new ClusterAgent("eu-central-1-a", "eu-central-1", true, 0),
            new ClusterAgent("us-east-1-a", "us-east-1", true, 0));

    private static final AffectedWorkload API =
            new AffectedWorkload("api", null, List.of(), List.of("eu-central-1", "eu-west-1", "us-east-1"), true);

    @Test
    void healthyInventoryPassesEveryCheck() {
        // when
        List<Check> checks = Preflight.run(inputs(HEALTHY_AGENTS, List.of(API), capacity(10, 20, 20, 20)));

        // then
        assertThat(checks)
                .extracting(Check::name)
                .containsExactly("agents", "capacity", "residency", "catalog", "overlap");
        assertThat(checks)
                .allSatisfy(
                        check -> assertThat(check.passed()).as(check.summary()).isTrue());
        assertThat(check(checks, "agents").summary()).isEqualTo("3 of 3 agents connected, 3 of 3 up to date");
        assertThat(check(checks, "capacity").summary()).isEqualTo("survivors carry the only affected workload");
        assertThat(check(checks, "residency").summary()).isEqualTo("no tenant workload is affected");
    }

    @Test
    void disconnectedOrLaggingAgentFails() {
        // given
        List<ClusterAgent> agents = List.of(
                new ClusterAgent("eu-west-1-a", "eu-west-1", false, 0),
                new ClusterAgent("eu-central-1-a", "eu-central-1", true, 2),
                new ClusterAgent("us-east-1-a", "us-east-1", true, 0));

        // when
        Check agentsCheck = check(Preflight.run(inputs(agents, List.of(API), capacity(10, 20, 20, 20))), "agents");

        // then
        assertThat(agentsCheck.passed()).isFalse();
        assertThat(agentsCheck.summary()).isEqualTo("2 of 3 agents connected, 2 of 3 up to date");
        assertThat(agentsCheck.details())
                .startsWith(
                        "eu-west-1-a (target): agent not connected",
                        "eu-central-1-a (survivor): 2 revisions behind; wait until it has applied its latest revision");
    }

    @Test
    void agentAheadAfterRestoreFails() {
        // given: a survivor whose agent applied a revision that a restored database lacks
        List<ClusterAgent> agents = List.of(
                new ClusterAgent("eu-west-1-a", "eu-west-1", true, 0),
                new ClusterAgent("eu-central-1-a", "eu-central-1", true, 0, true),
                new ClusterAgent("us-east-1-a", "us-east-1", true, 0));

        // when
        Check agentsCheck = check(Preflight.run(inputs(agents, List.of(API), capacity(10, 20, 20, 20))), "agents");

        // then
        assertThat(agentsCheck.passed()).isFalse();
        assertThat(agentsCheck.summary()).isEqualTo("3 of 3 agents connected, 2 of 3 up to date");
        assertThat(agentsCheck.details())
                .contains("eu-central-1-a (survivor): agent is ahead of the desired state, as after a restore;"
                        + " confirm the rollback with POST /api/v1/clusters/eu-central-1-a/confirm-rollback first");
    }

    @Test
    void survivorsShortOfReplicasFailWithShortfall() {
        // given: load of 10 replicas, 20 % headroom needs 12; the survivors allow 5 + 5
        WorkloadCapacity tight = capacity(10, 20, 5, 5);

        // when
        Check capacityCheck = check(Preflight.run(inputs(HEALTHY_AGENTS, List.of(API), tight)), "capacity");

        // then
        assertThat(capacityCheck.passed()).isFalse();
        assertThat(capacityCheck.summary())
                .isEqualTo("1 of 1 affected workloads do not fit in the survivors, short by 2 replicas");
        assertThat(capacityCheck.details().get(0))
                .isEqualTo("api: load 10.0 replicas, 12 required with 20 % headroom, survivors eu-central-1,"
                        + " us-east-1 allow 10; short by 2 replicas, raise the maximum of its scaling policy");
    }

    @Test
    void shortfallOfOneReplicaIsSingular() {
        // given: load of 10 replicas, 20 % headroom needs 12; the survivors allow 6 + 5
        WorkloadCapacity tight = capacity(10, 20, 6, 5);

        // when
        Check capacityCheck = check(Preflight.run(inputs(HEALTHY_AGENTS, List.of(API), tight)), "capacity");

        // then
        assertThat(capacityCheck.summary())
                .isEqualTo("1 of 1 affected workloads do not fit in the survivors, short by 1 replica");
        assertThat(capacityCheck.details().get(0))
                .endsWith("allow 11; short by 1 replica, raise the maximum of its scaling policy");
    }

    @Test
    void workloadOwnHeadroomWinsWhenHigher() {
        // given: the workload requires 50 % headroom, the drill 20 %: 15 required, survivors allow 14
        WorkloadCapacity capacity = new WorkloadCapacity(
                "api",
                true,
                70,
                null,
                50,
                10,
                List.of(region("eu-west-1", 20), region("eu-central-1", 7), region("us-east-1", 7)),
                Instant.EPOCH);

        // when
        Check capacityCheck = check(Preflight.run(inputs(HEALTHY_AGENTS, List.of(API), capacity)), "capacity");

        // then
        assertThat(capacityCheck.passed()).isFalse();
        assertThat(capacityCheck.details().get(0)).contains("15 required with 50 % headroom", "short by 1 replica,");
    }

    @Test
    void workloadOnlyInTargetRegionFails() {
        // given
        AffectedWorkload lonely = new AffectedWorkload("lonely", null, List.of(), List.of("eu-west-1"), false);

        // when
        Check capacityCheck =
                check(Preflight.run(inputs(HEALTHY_AGENTS, List.of(lonely), capacity(10, 20, 20, 20))), "capacity");

        // then
        assertThat(capacityCheck.passed()).isFalse();
        assertThat(capacityCheck.details().get(0)).startsWith("lonely: runs only in eu-west-1");
    }

    @Test
    void euOnlyTenantFailsResidency() {
        // given: an EU-only tenant whose workload runs in eu-west-1 and us-east-1
        AffectedWorkload portal =
                new AffectedWorkload("portal", "acme", List.of("EU"), List.of("eu-west-1", "us-east-1"), false);

        // when
        Check residency = check(
                Preflight.run(inputs(HEALTHY_AGENTS, List.of(portal), capacity("portal", 2, 4, 0, 4))), "residency");

        // then
        assertThat(residency.passed()).isFalse();
        assertThat(residency.details().get(0))
                .isEqualTo("portal of tenant acme: no region other than eu-west-1 in its residency zones [EU], so its"
                        + " traffic would have to leave them");
    }

    @Test
    void secondEuRegionPassesResidency() {
        // given
        AffectedWorkload portal = new AffectedWorkload(
                "portal", "acme", List.of("EU"), List.of("eu-central-1", "eu-west-1", "us-east-1"), false);

        // when
        Check residency = check(
                Preflight.run(inputs(HEALTHY_AGENTS, List.of(portal), capacity("portal", 2, 4, 4, 4))), "residency");

        // then
        assertThat(residency.passed()).isTrue();
        assertThat(residency.details())
                .containsExactly("portal of tenant acme: fails over to eu-central-1 inside [EU]");
    }

    @Test
    void unhealthyOrStaleSurvivorFailsCatalog() {
        // given
        Map<String, Map<String, ServiceHealth>> catalog = Map.of(
                "api",
                Map.of("eu-central-1", new ServiceHealth(2, 0, false), "us-east-1", new ServiceHealth(2, 2, true)));

        // when
        Check catalogCheck = check(
                Preflight.run(new Preflight.Inputs(
                        "eu-west-1",
                        20,
                        HEALTHY_AGENTS,
                        List.of(API),
                        ZONES,
                        Map.of("api", capacity(10, 20, 20, 20)),
                        catalog,
                        List.of())),
                "catalog");

        // then
        assertThat(catalogCheck.passed()).isFalse();
        assertThat(catalogCheck.details())
                .containsExactly(
                        "api in eu-central-1: 0 of 2 instances healthy",
                        "api in us-east-1: catalog entries are stale; check the region's Consul");
    }

    @Test
    void unwatchedRegionIsReportedNotFailed() {
        // when
        Check catalogCheck =
                check(Preflight.run(inputs(HEALTHY_AGENTS, List.of(API), capacity(10, 20, 20, 20))), "catalog");

        // then
        assertThat(catalogCheck.passed()).isTrue();
        assertThat(catalogCheck.details())
                .contains("api in eu-central-1: not verified, the region's Consul is not watched");
    }

    @Test
    void runInProgressOnOverlappingScopeFails() {
        // when
        Check overlap = overlap(List.of("evacuate-eu-west-1/3"));

        // then
        assertThat(overlap.passed()).isFalse();
        assertThat(overlap.details())
                .containsExactly(
                        "evacuate-eu-west-1/3 is in progress on an overlapping scope; wait for it or abort it");
    }

    @Test
    void oneOverlappingRunIsSingular() {
        // when
        Check overlap = overlap(List.of("evacuate-eu-west-1/3"));

        // then
        assertThat(overlap.summary()).isEqualTo("1 run in progress on an overlapping scope");
    }

    @Test
    void twoOverlappingRunsArePlural() {
        // when
        Check overlap = overlap(List.of("evacuate-eu-west-1/3", "evacuate-us-east-1/1"));

        // then
        assertThat(overlap.summary()).isEqualTo("2 runs in progress on an overlapping scope");
    }

    /** Runs the checks with the runs in progress on an overlapping scope and returns the overlap check. */
    private static Check overlap(List<String> overlappingRuns) {
        return check(
                Preflight.run(new Preflight.Inputs(
                        "eu-west-1",
                        20,
                        HEALTHY_AGENTS,
                        List.of(API),
                        ZONES,
                        Map.of("api", capacity(10, 20, 20, 20)),
                        Map.of(),
                        overlappingRuns)),
                "overlap");
    }

    private static Preflight.Inputs inputs(
            List<ClusterAgent> agents, List<AffectedWorkload> workloads, WorkloadCapacity capacity) {
        return new Preflight.Inputs(
                "eu-west-1", 20, agents, workloads, ZONES, Map.of(capacity.workload(), capacity), Map.of(), List.of());
    }

    private static WorkloadCapacity capacity(double load, int westMax, int centralMax, int eastMax) {
        return capacity("api", load, westMax, centralMax, eastMax);
    }

    private static WorkloadCapacity capacity(String workload, double load, int westMax, int centralMax, int eastMax) {
        return new WorkloadCapacity(
                workload,
                true,
                70,
                null,
                0,
                load,
                List.of(region("eu-west-1", westMax), region("eu-central-1", centralMax), region("us-east-1", eastMax)),
                Instant.EPOCH);
    }

    private static RegionCapacity region(String name, int max) {
        return new RegionCapacity(name, 1, 1, 1, max, 1, 1, null, null, 1, "assumed", new FailureImpact(0, 0, true, 0));
    }

    private static Check check(List<Check> checks, String name) {
        return checks.stream()
                .filter(check -> check.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
