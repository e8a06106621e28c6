package io.securewatch.agent.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.securewatch.agent.core.ApplyResult;
import io.securewatch.agent.core.ClusterDriver.WorkloadFacts;
import io.securewatch.agent.core.DesiredObject;
import io.securewatch.agent.core.ObjectKey;
import io.securewatch.agent.core.Reconciler;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A workload (Deployment, Service and HorizontalPodAutoscaler) applied to fabric8's mock API server. The mock
 * server does no defaulting and runs no controllers, so each test writes what the API server or the autoscaler
 * would write itself: the replicas, the Service's cluster IP, the status.
 */
class WorkloadsAgainstMockClusterTest {

    private static final String NAMESPACE_NAME = "tenant-acme";
    private static final ObjectKey NAMESPACE = new ObjectKey("v1", "Namespace", "", NAMESPACE_NAME);
    private static final ObjectKey DEPLOYMENT = new ObjectKey("apps/v1", "Deployment", NAMESPACE_NAME, "api");
    private static final ObjectKey SERVICE = new ObjectKey("v1", "Service", NAMESPACE_NAME, "api");
    private static final ObjectKey AUTOSCALER =
            new ObjectKey("autoscaling/v2", "HorizontalPodAutoscaler", NAMESPACE_NAME, "api");
    private static final String CLUSTER_IP = "10.96.0.15";

    private MockCluster cluster;
    private KubernetesClusterDriver driver;
    private Reconciler reconciler;

    @BeforeEach
    void startCluster() {
        cluster = new MockCluster();
        driver = new KubernetesClusterDriver(cluster.client());
        reconciler = new Reconciler(driver);
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void applyingWorkloadCreatesDeploymentServiceAndAutoscaler() {
        // when
        ApplyResult result = reconciler.apply(workload(), List.of());

        // then
        assertThat(result.failures()).isEmpty();
        assertThat(result.created()).isEqualTo(4);
        Deployment deployment = liveDeployment();
        assertThat(deployment.getMetadata().getLabels()).containsEntry("securewatch.io/workload", "api");
        assertThat(deployment.getMetadata().getAnnotations())
                .containsEntry(Reconciler.HASH_ANNOTATION, "deployment-v1");
        assertThat(deployment.getSpec().getReplicas()).isNull();
        assertThat(image(deployment)).isEqualTo("api:1");
        Service service = liveService();
        assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(80);
        HorizontalPodAutoscaler autoscaler = liveAutoscaler();
        assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo("api");
        assertThat(autoscaler.getSpec().getMaxReplicas()).isEqualTo(10);
    }

    @Test
    void unchangedWorkloadIsNotWrittenAgain() throws InterruptedException {
        // given
        reconciler.apply(workload(), List.of());
        cluster.takeRequests();

        // when
        ApplyResult result = reconciler.apply(workload(), List.of());

        // then
        assertThat(result.unchanged()).isEqualTo(4);
        assertThat(cluster.takeWrites()).isEmpty();
    }

    @Test
    void updateUnderAutoscalerKeepsLiveReplicas() {
        // given
        reconciler.apply(workload(), List.of());
        scaleLiveDeployment(5);

        // when
        ApplyResult result = reconciler.apply(List.of(deployment(null, "api:2", "deployment-v2")), List.of());

        // then
        assertThat(result.updated()).isEqualTo(1);
        Deployment live = liveDeployment();
        assertThat(live.getSpec().getReplicas()).isEqualTo(5);
        assertThat(image(live)).isEqualTo("api:2");
    }

    @Test
    void handScaledReplicasAreCorrected() {
        // given
        reconciler.apply(List.of(namespace(), deployment(3, "api:1", "fixed-v1")), List.of());
        scaleLiveDeployment(5);

        // when
        List<Reconciler.DriftReport> drift = reconciler.detectDrift(List.of(deployment(3, "api:1", "fixed-v1")), true);

        // then
        assertThat(drift).singleElement().satisfies(report -> {
            assertThat(report.key()).isEqualTo(DEPLOYMENT);
            assertThat(report.description()).isEqualTo("spec.replicas: 5 instead of 3");
            assertThat(report.corrected()).isTrue();
        });
        assertThat(liveDeployment().getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void serviceUpdateKeepsAssignedClusterIp() {
        // given
        reconciler.apply(workload(), List.of());
        assignClusterIp();

        // when
        ApplyResult result = reconciler.apply(List.of(service(8080, "service-v2")), List.of());

        // then
        assertThat(result.updated()).isEqualTo(1);
        Service live = liveService();
        assertThat(live.getSpec().getClusterIP()).isEqualTo(CLUSTER_IP);
        assertThat(live.getSpec().getClusterIPs()).containsExactly(CLUSTER_IP);
        assertThat(live.getSpec().getPorts().get(0).getPort()).isEqualTo(8080);
    }

    @Test
    void fieldsSetByClusterAreNoDrift() {
        // given
        reconciler.apply(workload(), List.of());
        scaleLiveDeployment(5);
        assignClusterIp();

        // when
        List<Reconciler.DriftReport> drift = reconciler.detectDrift(workload(), false);

        // then
        assertThat(drift).isEmpty();
    }

    @Test
    void managedWorkloadObjectsAreFoundAsStrays() {
        // given
        reconciler.apply(workload(), List.of());

        // when
        Set<ObjectKey> strays = reconciler.strays(List.of(namespace()));

        // then
        assertThat(strays).containsExactlyInAnyOrder(DEPLOYMENT, SERVICE, AUTOSCALER);
    }

    @Test
    void deletingWorkloadRemovesItsObjects() {
        // given
        reconciler.apply(workload(), List.of());

        // when
        ApplyResult result = reconciler.apply(List.of(namespace()), List.of(DEPLOYMENT, SERVICE, AUTOSCALER));

        // then
        assertThat(result.deleted()).isEqualTo(3);
        assertThat(liveDeployment()).isNull();
        assertThat(liveService()).isNull();
        assertThat(liveAutoscaler()).isNull();
        assertThat(cluster.client().namespaces().withName(NAMESPACE_NAME).get()).isNotNull();
    }

    @Test
    void factsReportReplicasAndAutoscalerUtilization() {
        // given
        reconciler.apply(workload(), List.of());
        scaleLiveDeployment(4);
        setDeploymentStatus(4, 3);
        setAutoscalerStatus(63, 41);

        // when
        List<WorkloadFacts> workloads = driver.facts().workloads();

        // then
        assertThat(workloads).containsExactly(new WorkloadFacts(NAMESPACE_NAME, "api", 4, 3, 63, 41, 0, 0));
    }

    @Test
    void deploymentWithoutAutoscalerReportsNoUtilization() {
        // given
        reconciler.apply(List.of(namespace(), deployment(3, "api:1", "fixed-v1")), List.of());
        setDeploymentStatus(3, 3);

        // when
        List<WorkloadFacts> workloads = driver.facts().workloads();

        // then
        assertThat(workloads).containsExactly(new WorkloadFacts(NAMESPACE_NAME, "api", 3, 3, 0, 0, 0, 0));
    }

    private Deployment liveDeployment() {
        return cluster.client()
                .apps()
                .deployments()
                .inNamespace(NAMESPACE_NAME)
                .withName("api")
                .get();
    }

    private Service liveService() {
        return cluster.client()
                .services()
                .inNamespace(NAMESPACE_NAME)
                .withName("api")
                .get();
    }

    private HorizontalPodAutoscaler liveAutoscaler() {
        return cluster.client()
                .autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace(NAMESPACE_NAME)
                .withName("api")
                .get();
    }

    /** Sets the replicas in place of the autoscaler, which writes them through the scale subresource. */
    private void scaleLiveDeployment(int replicas) {
        Deployment live = liveDeployment();
        live.getSpec().setReplicas(replicas);
        cluster.client().resource(live).update();
    }

    /** Sets the cluster IP that a real API server assigns when it creates the Service. */
    private void assignClusterIp() {
        Service live = liveService();
        live.getSpec().setClusterIP(CLUSTER_IP);
        live.getSpec().setClusterIPs(List.of(CLUSTER_IP));
        cluster.client().resource(live).update();
    }

    private void setDeploymentStatus(int replicas, int readyReplicas) {
        Deployment live = liveDeployment();
        live.setStatus(new DeploymentStatusBuilder()
                .withReplicas(replicas)
                .withReadyReplicas(readyReplicas)
                .build());
        cluster.client().resource(live).updateStatus();
    }

    /** Writes the status the autoscaler writes after reading the metrics API. */
    private void setAutoscalerStatus(int cpuPercent, int memoryPercent) {
        HorizontalPodAutoscaler live = liveAutoscaler();
        String status = """
                {"currentReplicas":4,"desiredReplicas":4,"currentMetrics":[\
                {"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":%d,"averageValue":"315m"}}},\
                {"type":"Resource","resource":{"name":"memory","current":{"averageUtilization":%d}}}]}""".formatted(cpuPercent, memoryPercent);
        live.setStatus(Serialization.unmarshal(status, HorizontalPodAutoscalerStatus.class));
        cluster.client().resource(live).updateStatus();
    }

    private static String image(Deployment deployment) {
        return deployment
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage();
    }

    private static List<DesiredObject> workload() {
        return List.of(
                namespace(), deployment(null, "api:1", "deployment-v1"), service(80, "service-v1"), autoscaler());
    }

    private static DesiredObject namespace() {
        return new DesiredObject(NAMESPACE, """
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"tenant-acme",\
                "labels":{"app.kubernetes.io/managed-by":"securewatch","securewatch.io/tenant":"acme"}}}""", "namespace-v1");
    }

    /** Returns the Deployment, without {@code spec.replicas} when {@code replicas} is null, as under an autoscaler. */
    private static DesiredObject deployment(Integer replicas, String image, String hash) {
        String replicasField = replicas == null ? "" : "\"replicas\":" + replicas + ",";
        String manifest = """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"api","namespace":"tenant-acme",\
                "labels":{"app.kubernetes.io/managed-by":"securewatch","securewatch.io/workload":"api"}},\
                "spec":{%s"selector":{"matchLabels":{"securewatch.io/workload":"api"}},\
                "template":{"metadata":{"labels":{"securewatch.io/workload":"api"}},\
                "spec":{"containers":[{"name":"api","image":"%s","ports":[{"name":"http","containerPort":8080}],\
                "resources":{"requests":{"cpu":"500m","memory":"256Mi"}}}]}}}}""".formatted(replicasField, image);
        return new DesiredObject(DEPLOYMENT, manifest, hash);
    }

    private static DesiredObject service(int port, String hash) {
        String manifest = """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"api","namespace":"tenant-acme",\
                "labels":{"app.kubernetes.io/managed-by":"securewatch","securewatch.io/workload":"api"}},\
                "spec":{"selector":{"securewatch.io/workload":"api"},\
                "ports":[{"name":"http","port":%d,"targetPort":"http"}]}}""".formatted(port);
        return new DesiredObject(SERVICE, manifest, hash);
    }

    private static DesiredObject autoscaler() {
        return new DesiredObject(AUTOSCALER, """
                {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"api",\
                "namespace":"tenant-acme","labels":{"app.kubernetes.io/managed-by":"securewatch",\
                "securewatch.io/workload":"api"}},"spec":{"scaleTargetRef":{"apiVersion":"apps/v1",\
                "kind":"Deployment","name":"api"},"minReplicas":2,"maxReplicas":10,"metrics":[{"type":"Resource",\
                "resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":50}}}],\
                "behavior":{"scaleDown":{"stabilizationWindowSeconds":120}}}}""", "autoscaler-v1");
    }
}
