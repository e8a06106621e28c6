package io.securewatch.controlplane.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.securewatch.api.v1.ClusterStatus;
import io.securewatch.api.v1.TenantEnvironments.ClusterEnvironment;
import io.securewatch.api.v1.TenantEnvironments.RegionEnvironment;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentStatesTest {

    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");
    private static final String NAMESPACE = "tenant-acme";

    @Test
    void upToDateClusterIsApplied() {
        // when
        ClusterEnvironment environment = EnvironmentStates.cluster(status(true, 7, 7, List.of(), null), NAMESPACE);

        // then
        assertThat(environment.state()).isEqualTo("applied");
        assertThat(environment.driftedObjects()).isZero();
        assertThat(environment.errors()).isEmpty();
    }

    @Test
    void laggingClusterIsPending() {
        // when / then
        assertThat(EnvironmentStates.cluster(status(true, 8, 7, List.of(), null), NAMESPACE)
                        .state())
                .isEqualTo("pending");
    }

    @Test
    void disconnectedAgentOutranksLag() {
        // when / then
        assertThat(EnvironmentStates.cluster(status(false, 8, 7, List.of(), null), NAMESPACE)
                        .state())
                .isEqualTo("disconnected");
    }

    @Test
    void onlyUncorrectedDriftInTenantNamespaceCounts() {
        // given
        List<ClusterStatus.Drift> drift = List.of(
                new ClusterStatus.Drift("ResourceQuota tenant-acme/tenant-quota", "spec.hard.cpu: 8 -> 16", false),
                new ClusterStatus.Drift("Namespace tenant-acme", "labels changed", false),
                new ClusterStatus.Drift("Deployment tenant-acme/checkout", "replicas", true),
                new ClusterStatus.Drift("ResourceQuota tenant-globex/tenant-quota", "spec.hard.cpu", false));

        // when
        ClusterEnvironment environment = EnvironmentStates.cluster(status(true, 7, 7, drift, null), NAMESPACE);

        // then
        assertThat(environment.state()).isEqualTo("drifted");
        assertThat(environment.driftedObjects()).isEqualTo(2);
    }

    @Test
    void rejectedCurrentRevisionFailsWithTenantErrorsFirst() {
        // given
        ClusterStatus.Nack nack = new ClusterStatus.Nack(
                8,
                AT,
                List.of(
                        new ClusterStatus.ObjectError("Deployment platform/edge", "Invalid", "bad image"),
                        new ClusterStatus.ObjectError(
                                "ResourceQuota tenant-acme/tenant-quota", "Forbidden", "denied")));

        // when
        ClusterEnvironment environment = EnvironmentStates.cluster(status(false, 8, 7, List.of(), nack), NAMESPACE);

        // then
        assertThat(environment.state()).isEqualTo("failed");
        assertThat(environment.errors())
                .containsExactly(
                        "ResourceQuota tenant-acme/tenant-quota: denied", "Deployment platform/edge: bad image");
    }

    @Test
    void oldRejectionNoLongerFails() {
        // given: the agent rejected revision 6 and has since applied 7
        ClusterStatus.Nack nack = new ClusterStatus.Nack(
                6, AT, List.of(new ClusterStatus.ObjectError("Namespace tenant-acme", "Invalid", "bad label")));

        // when / then
        assertThat(EnvironmentStates.cluster(status(true, 7, 7, List.of(), nack), NAMESPACE)
                        .state())
                .isEqualTo("applied");
    }

    @Test
    void regionTakesWorstClusterState() {
        // given
        List<ClusterEnvironment> clusters = List.of(
                EnvironmentStates.cluster(status(true, 7, 7, List.of(), null), NAMESPACE),
                EnvironmentStates.cluster(status(true, 8, 7, List.of(), null), NAMESPACE));

        // when
        RegionEnvironment region = EnvironmentStates.region("eu-west-1", clusters);

        // then
        assertThat(region.state()).isEqualTo("pending");
        assertThat(region.clusters()).isEqualTo(2);
        assertThat(region.applied()).isEqualTo(1);
        assertThat(EnvironmentStates.region("us-east-1", List.of()).state()).isEqualTo("no-clusters");
    }

    private static ClusterStatus status(
            boolean connected, long desired, long applied, List<ClusterStatus.Drift> drift, ClusterStatus.Nack nack) {
        return new ClusterStatus(
                "eu-west-1-a",
                connected,
                "1.0",
                null,
                null,
                null,
                desired,
                "hash",
                applied,
                AT,
                Math.max(0, desired - applied),
                AT,
                drift,
                nack,
                null,
                List.of(),
                null);
    }
}
