package io.securewatch.agent.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.securewatch.agent.core.ApplyResult;
import io.securewatch.agent.core.ClusterDriver.WorkloadFacts;
import io.securewatch.agent.core.DesiredObject;
import io.securewatch.agent.core.ObjectKey;
import io.securewatch.agent.core.Reconciler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated cluster running a Deployment of pods that request 500m CPU each, under a HorizontalPodAutoscaler
 * with 2 to 10 replicas and a 50 % CPU target, so that every 250m of demand needs one replica. Objects reach the
 * cluster through the {@link Reconciler}, as they do in the agent.
 */
class SimulatedWorkloadsTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final String NAMESPACE_NAME = "tenant-acme";
    private static final ObjectKey NAMESPACE = new ObjectKey("v1", "Namespace", "", NAMESPACE_NAME);
    private static final ObjectKey DEPLOYMENT = new ObjectKey("apps/v1", "Deployment", NAMESPACE_NAME, "api");
    private static final ObjectKey AUTOSCALER =
            new ObjectKey("autoscaling/v2", "HorizontalPodAutoscaler", NAMESPACE_NAME, "api");
    private static final Duration SYNC_PERIOD = Duration.ofSeconds(15);

    private MutableClock clock;
    private SimulatedClusterDriver driver;
    private Reconciler reconciler;

    @BeforeEach
    void startCluster() {
        clock = new MutableClock(START);
        driver = new SimulatedClusterDriver(64_000, 1L << 38, clock);
        reconciler = new Reconciler(driver);
    }

    @Test
    void autoscaledDeploymentStartsAtMinReplicas() {
        // given
        applyAutoscaledWorkload();

        // when
        WorkloadFacts facts = workloadFacts();

        // then
        assertThat(facts.replicas()).isEqualTo(2);
        assertThat(facts.readyReplicas()).isEqualTo(2);
    }

    @Test
    void risingDemandScalesUpWithinMaxReplicas() {
        // given
        applyAutoscaledWorkload();
        workloadFacts();
        driver.setDemand(NAMESPACE_NAME, "api", 5_000);

        // when
        List<Integer> replicas = new ArrayList<>();
        for (int run = 0; run < 4; run++) {
            clock.advance(SYNC_PERIOD);
            replicas.add(workloadFacts().replicas());
        }

        // then
        assertThat(replicas).containsExactly(6, 10, 10, 10);
    }

    @Test
    void autoscalerWritesAreNotCountedAsAgentWrites() {
        // given
        applyAutoscaledWorkload();
        long writesByAgent = driver.writes();
        driver.setDemand(NAMESPACE_NAME, "api", 5_000);

        // when
        clock.advance(Duration.ofMinutes(1));
        workloadFacts();

        // then
        assertThat(driver.writes()).isEqualTo(writesByAgent);
    }

    @Test
    void fallingDemandKeepsReplicasWithinWindow() {
        // given
        Instant lastHighLoadRun = scaleToMaxReplicas();
        driver.setDemand(NAMESPACE_NAME, "api", 500);

        // when
        clock.set(lastHighLoadRun.plusSeconds(285));
        WorkloadFacts facts = workloadFacts();

        // then
        assertThat(facts.replicas()).isEqualTo(10);
    }

    @Test
    void fallingDemandScalesDownAfterWindow() {
        // given
        Instant lastHighLoadRun = scaleToMaxReplicas();
        driver.setDemand(NAMESPACE_NAME, "api", 500);

        // when
        clock.set(lastHighLoadRun.plusSeconds(300));
        WorkloadFacts facts = workloadFacts();

        // then
        assertThat(facts.replicas()).isEqualTo(2);
        assertThat(facts.readyReplicas()).isEqualTo(2);
    }

    @Test
    void autoscalerStatusRecordsObservedUtilization() {
        // given
        applyAutoscaledWorkload();
        workloadFacts();
        driver.setDemand(NAMESPACE_NAME, "api", 600);

        // when
        clock.advance(SYNC_PERIOD);
        WorkloadFacts facts = workloadFacts();

        // then
        Map<String, Object> status =
                Manifests.map(driver.get(AUTOSCALER).orElseThrow().get("status"));
        assertThat(status).containsEntry("currentReplicas", 2).containsEntry("desiredReplicas", 3);
        assertThat(status.get("currentMetrics"))
                .isEqualTo(List.of(Map.of(
                        "type",
                        "Resource",
                        "resource",
                        Map.of("name", "cpu", "current", Map.of("averageUtilization", 60, "averageValue", "300m")))));
        assertThat(facts.replicas()).isEqualTo(3);
        assertThat(facts.cpuUtilizationPercent())
                .as("600m over 3 pods requesting 500m")
                .isEqualTo(40);
    }

    @Test
    void deploymentWithoutAutoscalerKeepsItsReplicas() {
        // given
        ApplyResult applied = reconciler.apply(List.of(namespace(), deployment(3, "api:1", "fixed-v1")), List.of());
        assertThat(applied.succeeded()).isTrue();
        driver.setDemand(NAMESPACE_NAME, "api", 5_000);

        // when
        clock.advance(Duration.ofMinutes(10));
        WorkloadFacts facts = workloadFacts();

        // then
        assertThat(facts.replicas()).isEqualTo(3);
        assertThat(facts.readyReplicas()).isEqualTo(3);
        assertThat(facts.cpuUtilizationPercent()).isEqualTo(333);
    }

    @Test
    void changedDeploymentKeepsReplicasSetByAutoscaler() {
        // given
        scaleToMaxReplicas();

        // when
        ApplyResult result = reconciler.apply(List.of(deployment(null, "api:2", "deployment-v2")), List.of());

        // then
        assertThat(result.updated()).isEqualTo(1);
        Map<String, Object> spec =
                Manifests.map(driver.get(DEPLOYMENT).orElseThrow().get("spec"));
        assertThat(spec.get("replicas")).isEqualTo(10);
        assertThat(image(spec)).isEqualTo("api:2");
    }

    @Test
    void replicasSetByAutoscalerAreNoDrift() {
        // given
        scaleToMaxReplicas();

        // when
        List<Reconciler.DriftReport> drift = reconciler.detectDrift(autoscaledWorkload(), false);

        // then
        assertThat(drift).isEmpty();
    }

    @Test
    void deletingWorkloadRemovesItsObjects() {
        // given
        applyAutoscaledWorkload();
        workloadFacts();

        // when
        ApplyResult result = reconciler.apply(List.of(), List.of(DEPLOYMENT, AUTOSCALER));

        // then
        assertThat(result.deleted()).isEqualTo(2);
        assertThat(driver.get(DEPLOYMENT)).isEmpty();
        assertThat(driver.get(AUTOSCALER)).isEmpty();
        assertThat(driver.facts().workloads()).isEmpty();
        assertThat(driver.listLabelled(Reconciler.MANAGED_BY_LABEL, Reconciler.MANAGED_BY_VALUE))
                .containsExactly(NAMESPACE);
    }

    @Test
    void invalidAutoscalerIsRejected() {
        // given
        DesiredObject invalid = new DesiredObject(AUTOSCALER, autoscalerManifest(5, 3), "autoscaler-invalid");

        // when
        ApplyResult result = reconciler.apply(List.of(namespace(), invalid), List.of());

        // then
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.reason()).isEqualTo("Invalid");
            assertThat(failure.message()).contains("spec.maxReplicas: must be at least minReplicas (5)");
        });
        assertThat(driver.get(AUTOSCALER)).isEmpty();
    }

    @Test
    void negativeDemandIsRejected() {
        assertThatThrownBy(() -> driver.setDemand(NAMESPACE_NAME, "api", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CPU demand of tenant-acme/api must not be negative, got -1 millicores");
    }

    @Test
    void readyWorkloadReportsRequestsAndInjectedErrors() {
        // given
        applyAutoscaledWorkload();
        driver.setRequestRate(NAMESPACE_NAME, "api", 120);
        driver.setErrorRate(NAMESPACE_NAME, "api", 7.5);

        // when
        WorkloadFacts facts = workloadFacts();

        // then
        assertThat(facts.requestsPerSecond()).isEqualTo(120);
        assertThat(facts.errorRatePercent()).isEqualTo(7.5);
    }

    @Test
    void errorRateIsZeroUntilInjected() {
        // given
        applyAutoscaledWorkload();

        // when
        WorkloadFacts facts = workloadFacts();

        // then
        assertThat(facts.requestsPerSecond()).as("the modelled request rate").isPositive();
        assertThat(facts.errorRatePercent()).isZero();
    }

    @Test
    void drainedRegionServesNoRequests() {
        // given
        applyAutoscaledWorkload();
        driver.setRequestRate(NAMESPACE_NAME, "api", 120);
        driver.setErrorRate(NAMESPACE_NAME, "api", 7.5);

        // when: the edge of eu-west-1, this cluster's region, drains it
        driver.setEdgeWeights("api", "eu-west-1", Map.of("eu-west-1", 0, "eu-central-1", 128, "us-east-1", 128));
        WorkloadFacts facts = workloadFacts();

        // then
        assertThat(facts.requestsPerSecond()).isZero();
        assertThat(facts.errorRatePercent())
                .as("no requests, so no failed ones")
                .isZero();
    }

    @Test
    void survivingRegionServesMoreRequests() {
        // given
        applyAutoscaledWorkload();
        driver.setRequestRate(NAMESPACE_NAME, "api", 120);

        // when: the edge of eu-central-1, this cluster's region, drains eu-west-1
        driver.setEdgeWeights("api", "eu-central-1", Map.of("eu-west-1", 0, "eu-central-1", 128, "us-east-1", 128));
        WorkloadFacts facts = workloadFacts();

        // then
        assertThat(facts.requestsPerSecond()).isEqualTo(180);
    }

    @Test
    void workloadWithoutReadyReplicasServesNoRequests() {
        // given
        ApplyResult applied = reconciler.apply(List.of(namespace(), deployment(0, "api:1", "stopped-v1")), List.of());
        assertThat(applied.succeeded()).isTrue();
        driver.setRequestRate(NAMESPACE_NAME, "api", 120);

        // when
        WorkloadFacts facts = workloadFacts();

        // then
        assertThat(facts.readyReplicas()).isZero();
        assertThat(facts.requestsPerSecond()).isZero();
    }

    @Test
    void errorRateAboveHundredPercentIsRejected() {
        assertThatThrownBy(() -> driver.setErrorRate(NAMESPACE_NAME, "api", 101))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("error rate of tenant-acme/api must be between 0 and 100 percent, got 101.0");
    }

    /** Applies the workload, raises its demand to twenty replicas' worth and returns the time of the last run. */
    private Instant scaleToMaxReplicas() {
        applyAutoscaledWorkload();
        workloadFacts();
        driver.setDemand(NAMESPACE_NAME, "api", 5_000);
        clock.advance(SYNC_PERIOD.multipliedBy(2));
        assertThat(workloadFacts().replicas()).as("replicas under high demand").isEqualTo(10);
        return clock.instant();
    }

    private static Object image(Map<String, Object> deploymentSpec) {
        Map<String, Object> podSpec =
                Manifests.map(Manifests.map(deploymentSpec.get("template")).get("spec"));
        List<?> containers = (List<?>) podSpec.get("containers");
        return Manifests.map(containers.get(0)).get("image");
    }

    private void applyAutoscaledWorkload() {
        ApplyResult result = reconciler.apply(autoscaledWorkload(), List.of());
        assertThat(result.failures()).as("failures applying the workload").isEmpty();
    }

    private WorkloadFacts workloadFacts() {
        List<WorkloadFacts> workloads = driver.facts().workloads();
        assertThat(workloads).as("workloads in the facts").hasSize(1);
        return workloads.get(0);
    }

    private static List<DesiredObject> autoscaledWorkload() {
        return List.of(
                namespace(),
                deployment(null, "api:1", "deployment-v1"),
                new DesiredObject(AUTOSCALER, autoscalerManifest(2, 10), "autoscaler-v1"));
    }

    private static DesiredObject namespace() {
        return new DesiredObject(NAMESPACE, """
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"tenant-acme",\
                "labels":{"app.kubernetes.io/managed-by":"securewatch"}}}""", "namespace-v1");
    }

    /** Returns the Deployment, without {@code spec.replicas} when {@code replicas} is null. */
    private static DesiredObject deployment(Integer replicas, String image, String hash) {
        String replicasField = replicas == null ? "" : "\"replicas\":" + replicas + ",";
        String manifest = """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"api","namespace":"tenant-acme",\
                "labels":{"app.kubernetes.io/managed-by":"securewatch","securewatch.io/workload":"api"}},\
                "spec":{%s"selector":{"matchLabels":{"securewatch.io/workload":"api"}},\
                "template":{"metadata":{"labels":{"securewatch.io/workload":"api"}},\
                "spec":{"containers":[{"name":"api","image":"%s",\
                "resources":{"requests":{"cpu":"500m","memory":"256Mi"}}}]}}}}""".formatted(replicasField, image);
        return new DesiredObject(DEPLOYMENT, manifest, hash);
    }

    private static String autoscalerManifest(int minReplicas, int maxReplicas) {
        return """
                {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"api",\
                "namespace":"tenant-acme","labels":{"app.kubernetes.io/managed-by":"securewatch",\
                "securewatch.io/workload":"api"}},"spec":{"scaleTargetRef":{"apiVersion":"apps/v1",\
                "kind":"Deployment","name":"api"},"minReplicas":%d,"maxReplicas":%d,"metrics":[{"type":"Resource",\
                "resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":50}}}]}}""".formatted(minReplicas, maxReplicas);
    }
}
