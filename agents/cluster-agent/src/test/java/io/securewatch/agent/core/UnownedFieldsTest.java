package io.securewatch.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnownedFieldsTest {

    @Test
    void deploymentWithoutReplicasKeepsLiveReplicas() {
        // given
        Map<String, Object> desired = deployment(Map.of("template", Map.of("spec", Map.of("image", "api:2"))));
        Map<String, Object> live =
                deployment(Map.of("replicas", 7, "template", Map.of("spec", Map.of("image", "api:1"))));

        // when
        Map<String, Object> update = UnownedFields.carryOver(desired, live);

        // then
        assertThat(spec(update)).containsEntry("replicas", 7);
        assertThat(spec(update)).containsEntry("template", Map.of("spec", Map.of("image", "api:2")));
    }

    @Test
    void deploymentStoppedAtZeroIsLeftToTheApiServerDefault() {
        // given: an earlier revision without autoscaler stopped the Deployment; now an autoscaler takes over
        Map<String, Object> desired = deployment(Map.of("template", Map.of("spec", Map.of("image", "api:1"))));
        Map<String, Object> live =
                deployment(Map.of("replicas", 0, "template", Map.of("spec", Map.of("image", "api:1"))));

        // when
        Map<String, Object> update = UnownedFields.carryOver(desired, live);

        // then
        assertThat(spec(update)).doesNotContainKey("replicas");
    }

    @Test
    void deploymentReplicasSetByControlPlaneWin() {
        // given
        Map<String, Object> desired = deployment(Map.of("replicas", 0));
        Map<String, Object> live = deployment(Map.of("replicas", 7));

        // when
        Map<String, Object> update = UnownedFields.carryOver(desired, live);

        // then
        assertThat(spec(update)).containsEntry("replicas", 0);
    }

    @Test
    void serviceKeepsAssignedClusterIps() {
        // given
        Map<String, Object> desired = service(Map.of("ports", List.of(Map.of("port", 8080))));
        Map<String, Object> live = service(Map.of(
                "clusterIP", "10.96.0.15", "clusterIPs", List.of("10.96.0.15"), "ports", List.of(Map.of("port", 80))));

        // when
        Map<String, Object> update = UnownedFields.carryOver(desired, live);

        // then
        assertThat(spec(update)).containsEntry("clusterIP", "10.96.0.15");
        assertThat(spec(update)).containsEntry("clusterIPs", List.of("10.96.0.15"));
        assertThat(spec(update)).containsEntry("ports", List.of(Map.of("port", 8080)));
    }

    @Test
    void emptyClusterIpCountsAsUnset() {
        // given
        Map<String, Object> desired = service(Map.of("clusterIP", "", "clusterIPs", List.of()));
        Map<String, Object> live = service(Map.of("clusterIP", "10.96.0.15", "clusterIPs", List.of("10.96.0.15")));

        // when
        Map<String, Object> update = UnownedFields.carryOver(desired, live);

        // then
        assertThat(spec(update)).containsEntry("clusterIP", "10.96.0.15");
        assertThat(spec(update)).containsEntry("clusterIPs", List.of("10.96.0.15"));
    }

    @Test
    void headlessServiceKeepsDesiredClusterIp() {
        // given
        Map<String, Object> desired = service(Map.of("clusterIP", "None"));
        Map<String, Object> live = service(Map.of("clusterIP", "None", "clusterIPs", List.of("None")));

        // when
        Map<String, Object> update = UnownedFields.carryOver(desired, live);

        // then
        assertThat(spec(update)).containsEntry("clusterIP", "None");
        assertThat(spec(update)).containsEntry("clusterIPs", List.of("None"));
    }

    @Test
    void otherKindsAreReturnedUnchanged() {
        // given
        Map<String, Object> desired =
                Map.of("apiVersion", "v1", "kind", "ResourceQuota", "spec", Map.of("hard", Map.of("pods", "10")));
        Map<String, Object> live = Map.of(
                "apiVersion",
                "v1",
                "kind",
                "ResourceQuota",
                "spec",
                Map.of("hard", Map.of("pods", "10"), "replicas", 3));

        // when
        Map<String, Object> update = UnownedFields.carryOver(desired, live);

        // then
        assertThat(update).isSameAs(desired);
    }

    @Test
    void liveWithoutFieldLeavesDesiredAsIs() {
        // given
        Map<String, Object> desired = deployment(Map.of("paused", false));
        Map<String, Object> live = deployment(Map.of("paused", false));

        // when
        Map<String, Object> update = UnownedFields.carryOver(desired, live);

        // then
        assertThat(update).isSameAs(desired);
    }

    private static Map<String, Object> deployment(Map<String, Object> spec) {
        return Map.of("apiVersion", "apps/v1", "kind", "Deployment", "spec", spec);
    }

    private static Map<String, Object> service(Map<String, Object> spec) {
        return Map.of("apiVersion", "v1", "kind", "Service", "spec", spec);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(Map<String, Object> manifest) {
        return (Map<String, Object>) manifest.get("spec");
    }
}
