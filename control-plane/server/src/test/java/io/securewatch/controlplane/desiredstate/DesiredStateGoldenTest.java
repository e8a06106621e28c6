package io.securewatch.controlplane.desiredstate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.securewatch.api.v1.TenantStatus;
import io.securewatch.api.v1.TenantTier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compiles each {@code input.yaml} under {@code src/test/resources/desiredstate} and compares the bundle with the
 * {@code expected.yaml} beside it. Run with {@code -Dsecurewatch.golden.update=true} to rewrite the expected
 * files after an intended change, then review the diff.
 */
class DesiredStateGoldenTest {

    static final Path CASES = Path.of("src/test/resources/desiredstate");
    static final PlatformSettings SETTINGS =
            new PlatformSettings("securewatch-ingress", "100m", "128Mi", "500m", "512Mi");

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static Stream<String> cases() throws IOException {
        try (Stream<Path> directories = Files.list(CASES)) {
            return directories
                    .filter(Files::isDirectory)
                    .map(directory -> directory.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void bundleMatchesGoldenFile(String name) throws IOException {
        // given
        Path directory = CASES.resolve(name);
        GoldenInput input = YAML.readValue(directory.resolve("input.yaml").toFile(), GoldenInput.class);
        ClusterInput cluster = input.clusters().stream()
                .filter(candidate -> candidate.name().equals(input.cluster()))
                .findFirst()
                .orElseThrow();

        // when
        List<TenantInput> tenants =
                input.tenants().stream().map(GoldenTenant::toInput).toList();
        List<WorkloadInput> workloads = input.workloads() == null ? List.of() : input.workloads();
        DesiredBundle bundle =
                new DesiredStateCompiler(SETTINGS).compile(cluster, input.clusters(), tenants, workloads);

        // then
        String actual = BundleYaml.render(bundle);
        Path expected = directory.resolve("expected.yaml");
        if (Boolean.getBoolean("securewatch.golden.update")) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }

    /** Layout of an {@code input.yaml}. */
    record GoldenInput(
            String cluster, List<ClusterInput> clusters, List<GoldenTenant> tenants, List<WorkloadInput> workloads) {}

    /** A tenant in an {@code input.yaml}, with tier and status spelled as in the API. */
    record GoldenTenant(
            String slug,
            String tier,
            String status,
            List<String> regions,
            long quotaCpuMillis,
            long quotaMemoryBytes,
            long quotaPods) {

        TenantInput toInput() {
            return new TenantInput(
                    slug,
                    TenantTier.valueOf(tier.toUpperCase(java.util.Locale.ROOT)),
                    TenantStatus.valueOf(status.toUpperCase(java.util.Locale.ROOT)),
                    regions,
                    quotaCpuMillis,
                    quotaMemoryBytes,
                    quotaPods);
        }
    }
}
