package io.securewatch.controlplane.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.securewatch.controlplane.desiredstate.BundleYaml;
import io.securewatch.controlplane.desiredstate.ClusterInput;
import io.securewatch.controlplane.desiredstate.DesiredStateCompiler;
import io.securewatch.controlplane.desiredstate.PlatformSettings;
import io.securewatch.controlplane.desiredstate.WorkloadInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Imports the platform API's reference manifests and compiles them for the demo's six clusters, two per region of
 * equal size, comparing every cluster's bundle with {@code src/test/resources/fixture-bundles.yaml}. Run with
 * {@code -Dsecurewatch.golden.update=true} to rewrite the file after an intended change, then review the diff.
 */
class FixtureBundlesGoldenTest {

    private static final Path EXPECTED = Path.of("src/test/resources/fixture-bundles.yaml");
    private static final List<String> REGIONS = List.of("eu-west-1", "eu-central-1", "us-east-1");
    private static final List<ClusterInput> CLUSTERS = REGIONS.stream()
            .flatMap(region -> List.of("a", "b").stream()
                    .map(suffix -> new ClusterInput(region + "-" + suffix, region, 64_000, 256L << 30)))
            .toList();

    @Test
    void fixtureReachesEveryClusterWithItsShareOfTheBounds() throws IOException {
        // given
        KubernetesImport.Plan plan =
                KubernetesImport.plan(ManifestYaml.read(fixture()), new KubernetesImport.Context(null, REGIONS));
        assertThat(plan.errors()).isEmpty();
        KubernetesImport.PlannedWorkload imported = plan.workloads().get(0);
        WorkloadInput workload = new WorkloadInput(
                imported.request().name(),
                null,
                WorkloadService.PLATFORM_NAMESPACE,
                REGIONS,
                imported.request().labels(),
                imported.request().deployment(),
                imported.request().service().name(),
                imported.request().service().spec(),
                new WorkloadInput.ScalingInput(
                        imported.policy().minReplicas(),
                        imported.policy().maxReplicas(),
                        imported.policy().targetCpuUtilization(),
                        imported.policy().targetMemoryUtilization(),
                        imported.policy().behavior(),
                        null,
                        null),
                Map.of());
        DesiredStateCompiler compiler =
                new DesiredStateCompiler(new PlatformSettings("securewatch-ingress", "100m", "128Mi", "500m", "512Mi"));

        // when
        StringBuilder actual = new StringBuilder();
        for (ClusterInput cluster : CLUSTERS) {
            actual.append("# ---------------- cluster ").append(cluster.name()).append('\n');
            actual.append(BundleYaml.render(compiler.compile(cluster, CLUSTERS, List.of(), List.of(workload))));
        }

        // then
        if (Boolean.getBoolean("securewatch.golden.update")) {
            Files.writeString(EXPECTED, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual.toString()).isEqualTo(Files.readString(EXPECTED, StandardCharsets.UTF_8));
    }

    private static String fixture() throws IOException {
        try (InputStream in = FixtureBundlesGoldenTest.class.getResourceAsStream("/demo/securewatch-api.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
