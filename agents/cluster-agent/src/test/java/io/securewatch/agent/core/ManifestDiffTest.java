package io.securewatch.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestDiffTest {

    @Test
    void fieldsAddedByTheClusterAreIgnored() {
        Map<String, Object> desired = Map.of("spec", Map.of("hard", Map.of("pods", "10")));
        Map<String, Object> live = Map.of(
                "spec", Map.of("hard", Map.of("pods", "10")),
                "status", Map.of("used", Map.of("pods", "3")));

        assertThat(ManifestDiff.firstDifference(desired, live)).isEmpty();
    }

    @Test
    void changedValueIsDescribedWithItsPath() {
        Map<String, Object> desired = Map.of("spec", Map.of("limits", List.of(Map.of("type", "Container"))));
        Map<String, Object> live = Map.of("spec", Map.of("limits", List.of(Map.of("type", "Pod"))));

        assertThat(ManifestDiff.firstDifference(desired, live))
                .contains("spec.limits[0].type: Pod instead of Container");
    }

    @Test
    void missingFieldIsReported() {
        assertThat(ManifestDiff.firstDifference(Map.of("spec", Map.of("a", "b")), Map.of("spec", Map.of())))
                .contains("spec.a: missing");
    }

    @Test
    void emptySelectorMatchesOmittedField() {
        Map<String, Object> desired = Map.of("spec", Map.of("podSelector", Map.of()));

        assertThat(ManifestDiff.firstDifference(desired, Map.of("spec", Map.of())))
                .isEmpty();
    }
}
