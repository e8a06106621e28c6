package io.securewatch.agent.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.securewatch.agent.core.ApplyResult;
import io.securewatch.agent.core.DesiredObject;
import io.securewatch.agent.core.ObjectKey;
import io.securewatch.agent.core.Reconciler;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReconcilerAgainstMockClusterTest {

    private static final ObjectKey NAMESPACE = new ObjectKey("v1", "Namespace", "", "tenant-acme");
    private static final ObjectKey QUOTA = new ObjectKey("v1", "ResourceQuota", "tenant-acme", "tenant-quota");

    private MockCluster cluster;
    private Reconciler reconciler;

    @BeforeEach
    void startCluster() {
        cluster = new MockCluster();
        reconciler = new Reconciler(new KubernetesClusterDriver(cluster.client()));
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void firstApplyCreatesEveryObject() {
        ApplyResult result = reconciler.apply(List.of(namespace(), quota("10", "h1")), List.of());

        assertThat(result.succeeded()).isTrue();
        assertThat(result.created()).isEqualTo(2);
        ResourceQuota quota = cluster.client()
                .resourceQuotas()
                .inNamespace("tenant-acme")
                .withName("tenant-quota")
                .get();
        assertThat(quota.getSpec().getHard()).containsEntry("pods", new Quantity("10"));
        assertThat(quota.getMetadata().getAnnotations()).containsEntry(Reconciler.HASH_ANNOTATION, "h1");
    }

    @Test
    void unchangedObjectsAreNotWrittenAgain() throws InterruptedException {
        // given
        reconciler.apply(List.of(namespace(), quota("10", "h1")), List.of());
        cluster.takeRequests();

        // when
        ApplyResult result = reconciler.apply(List.of(namespace(), quota("10", "h1")), List.of());

        // then
        assertThat(result.unchanged()).isEqualTo(2);
        assertThat(cluster.takeWrites()).isEmpty();
    }

    @Test
    void changedObjectIsUpdatedAlone() throws InterruptedException {
        reconciler.apply(List.of(namespace(), quota("10", "h1")), List.of());
        cluster.takeRequests();

        ApplyResult result = reconciler.apply(List.of(namespace(), quota("12", "h2")), List.of());

        assertThat(result.updated()).isEqualTo(1);
        assertThat(result.unchanged()).isEqualTo(1);
        assertThat(cluster.takeWrites())
                .singleElement()
                .asString()
                .startsWith("PUT ")
                .contains("tenant-quota");
    }

    @Test
    void objectWithoutOwnershipLabelIsLeftAlone() {
        cluster.client()
                .namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("tenant-acme")
                        .endMetadata()
                        .build())
                .create();

        ApplyResult result = reconciler.apply(List.of(namespace()), List.of());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.reason()).isEqualTo("Conflict");
            assertThat(failure.message()).contains("not managed by SecureWatch");
        });
        assertThat(cluster.client()
                        .namespaces()
                        .withName("tenant-acme")
                        .get()
                        .getMetadata()
                        .getLabels())
                .isNullOrEmpty();
    }

    @Test
    void deleteRemovesOnlyManagedObjects() {
        reconciler.apply(List.of(namespace(), quota("10", "h1")), List.of());
        cluster.client()
                .namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("someone-else")
                        .endMetadata()
                        .build())
                .create();

        ApplyResult result = reconciler.apply(
                List.of(), List.of(QUOTA, NAMESPACE, new ObjectKey("v1", "Namespace", "", "someone-else")));

        assertThat(result.deleted()).isEqualTo(2);
        assertThat(cluster.client().namespaces().withName("tenant-acme").get()).isNull();
        assertThat(cluster.client().namespaces().withName("someone-else").get()).isNotNull();
    }

    @Test
    void strayManagedObjectsAreFound() {
        reconciler.apply(List.of(namespace(), quota("10", "h1")), List.of());

        assertThat(reconciler.strays(List.of(namespace()))).containsExactly(QUOTA);
    }

    @Test
    void handEditIsReportedAsDrift() {
        reconciler.apply(List.of(namespace(), quota("10", "h1")), List.of());
        ResourceQuota live = cluster.client()
                .resourceQuotas()
                .inNamespace("tenant-acme")
                .withName("tenant-quota")
                .get();
        live.getSpec().getHard().put("pods", new Quantity("99"));
        cluster.client().resource(live).update();

        List<Reconciler.DriftReport> drift = reconciler.detectDrift(List.of(namespace(), quota("10", "h1")), false);

        assertThat(drift).singleElement().satisfies(report -> {
            assertThat(report.key()).isEqualTo(QUOTA);
            assertThat(report.description()).isEqualTo("spec.hard.pods: 99 instead of 10");
            assertThat(report.corrected()).isFalse();
        });
    }

    @Test
    void correctPolicyPutsDesiredStateBack() {
        reconciler.apply(List.of(namespace(), quota("10", "h1")), List.of());
        ResourceQuota live = cluster.client()
                .resourceQuotas()
                .inNamespace("tenant-acme")
                .withName("tenant-quota")
                .get();
        live.getSpec().getHard().put("pods", new Quantity("99"));
        cluster.client().resource(live).update();

        List<Reconciler.DriftReport> drift = reconciler.detectDrift(List.of(quota("10", "h1")), true);

        assertThat(drift)
                .singleElement()
                .satisfies(report -> assertThat(report.corrected()).isTrue());
        assertThat(cluster.client()
                        .resourceQuotas()
                        .inNamespace("tenant-acme")
                        .withName("tenant-quota")
                        .get()
                        .getSpec()
                        .getHard())
                .containsEntry("pods", new Quantity("10"));
    }

    @Test
    void quantityWrittenDifferentlyIsNoDrift() {
        reconciler.apply(List.of(namespace(), quota("10", "h1")), List.of());
        ResourceQuota live = cluster.client()
                .resourceQuotas()
                .inNamespace("tenant-acme")
                .withName("tenant-quota")
                .get();
        live.getSpec().getHard().put("requests.cpu", new Quantity("2"));
        cluster.client().resource(live).update();

        assertThat(reconciler.detectDrift(List.of(quota("10", "h1")), false)).isEmpty();
    }

    @Test
    void missingObjectIsReportedAsDrift() {
        reconciler.apply(List.of(namespace(), quota("10", "h1")), List.of());
        cluster.client()
                .resourceQuotas()
                .inNamespace("tenant-acme")
                .withName("tenant-quota")
                .delete();

        assertThat(reconciler.detectDrift(List.of(quota("10", "h1")), false))
                .singleElement()
                .satisfies(report -> assertThat(report.description()).isEqualTo("missing"));
    }

    private static DesiredObject namespace() {
        return new DesiredObject(
                NAMESPACE,
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"tenant-acme\",\"labels\":"
                        + "{\"app.kubernetes.io/managed-by\":\"securewatch\",\"securewatch.io/tenant\":\"acme\"}}}",
                "namespace-hash");
    }

    private static DesiredObject quota(String pods, String hash) {
        String manifest = "{\"apiVersion\":\"v1\",\"kind\":\"ResourceQuota\",\"metadata\":{\"name\":\"tenant-quota\","
                + "\"namespace\":\"tenant-acme\",\"labels\":{\"app.kubernetes.io/managed-by\":\"securewatch\"}},"
                + "\"spec\":{\"hard\":{\"pods\":\"" + pods + "\",\"requests.cpu\":\"2000m\"}}}";
        return new DesiredObject(QUOTA, manifest, hash);
    }
}
