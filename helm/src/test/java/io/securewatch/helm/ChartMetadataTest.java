package io.securewatch.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks what ties each chart to the rest of the repository: its version, its image tag and its README. */
class ChartMetadataTest {

    static Stream<Arguments> charts() {
        return Charts.ALL.stream().map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("charts")
    void appVersionFollowsProjectVersion(String chart) {
        // given
        String projectVersion = System.getProperty("securewatch.version", "").replace("-SNAPSHOT", "");

        // when
        Map<String, Object> metadata = Charts.readMap(Charts.directory(chart).resolve("Chart.yaml"));

        // then
        assertThat(projectVersion).as("the build passes securewatch.version").isNotEmpty();
        assertThat(metadata.get("appVersion")).isEqualTo(projectVersion);
    }

    @ParameterizedTest
    @MethodSource("charts")
    void imageTagDefaultsToAppVersion(String chart) {
        // given
        Object appVersion =
                Charts.readMap(Charts.directory(chart).resolve("Chart.yaml")).get("appVersion");

        // when
        Manifest deployment = Charts.manifests(Charts.template(chart, Map.of())).only("Deployment");

        // then
        assertThat(deployment.string("spec.template.spec.containers[0].image")).endsWith(":" + appVersion);
    }

    @ParameterizedTest
    @MethodSource("charts")
    void readmeListsEveryValue(String chart) throws IOException {
        // given
        Map<String, Object> values = Charts.readMap(Charts.directory(chart).resolve("values.yaml"));

        // when
        String readme = Files.readString(Charts.directory(chart).resolve("README.md"));

        // then
        List<String> paths = new ArrayList<>();
        collectPaths("", values, paths);
        assertThat(paths).isNotEmpty();
        assertThat(paths)
                .as("values of values.yaml missing from the values table of %s/README.md", chart)
                .allSatisfy(path -> assertThat(readme).contains("`" + path + "`"));
    }

    /** Adds the dotted path of every leaf value; an empty map is a leaf, and so is a list. */
    @SuppressWarnings("unchecked")
    private static void collectPaths(String prefix, Map<String, Object> values, List<String> paths) {
        values.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> map && !map.isEmpty()) {
                collectPaths(path, (Map<String, Object>) map, paths);
            } else {
                paths.add(path);
            }
        });
    }
}
