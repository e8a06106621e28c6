package io.securewatch.controlplane.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.securewatch.api.v1.Problem.FieldError;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadSpecsTest {

    @Test
    void validDeploymentReportsFacts() {
        // given
        Map<String, Object> spec = WorkloadFixtures.deployment("shop");
        SpecErrors errors = new SpecErrors();

        // when
        WorkloadSpecs.DeploymentFacts facts = WorkloadSpecs.checkDeployment(spec, "deployment", errors);

        // then
        assertThat(errors.list()).isEmpty();
        assertThat(facts.podLabels()).containsEntry("app", "shop");
        assertThat(facts.portNames()).containsExactly("http");
        assertThat(facts.cpuRequested()).isTrue();
        assertThat(facts.memoryRequested()).isTrue();
    }

    @Test
    void selectorMissingLabelsIsError() {
        // given
        Map<String, Object> spec = new LinkedHashMap<>(WorkloadFixtures.deployment("shop"));
        spec.put("selector", Map.of("matchLabels", Map.of("app", "other")));

        // when
        List<FieldError> errors = check(spec);

        // then
        assertThat(errors).extracting(FieldError::field).containsExactly("deployment.template.metadata.labels");
    }

    @Test
    void rolloutThatCannotProgressIsAnError() {
        // given
        Map<String, Object> spec = new LinkedHashMap<>(WorkloadFixtures.deployment("shop"));
        spec.put(
                "strategy",
                Map.of("type", "RollingUpdate", "rollingUpdate", Map.of("maxSurge", 0, "maxUnavailable", "0%")));

        // when
        List<FieldError> errors = check(spec);

        // then
        assertThat(errors).extracting(FieldError::field).containsExactly("deployment.strategy.rollingUpdate");
    }

    @Test
    void requestAboveLimitAndMalformedQuantityAreErrors() {
        // given
        Map<String, Object> spec = deploymentWithResources(
                Map.of("requests", Map.of("cpu", "2", "memory", "lots"), "limits", Map.of("cpu", "500m")));

        // when
        List<FieldError> errors = check(spec);

        // then
        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "deployment.template.spec.containers[0].resources.requests.cpu",
                        "deployment.template.spec.containers[0].resources.requests.memory");
    }

    @Test
    void containersWithoutRequestsAreReported() {
        // given
        Map<String, Object> spec = deploymentWithResources(Map.of());

        // when
        WorkloadSpecs.DeploymentFacts facts = WorkloadSpecs.checkDeployment(spec, "deployment", new SpecErrors());

        // then
        assertThat(facts.cpuRequested()).isFalse();
        assertThat(facts.memoryRequested()).isFalse();
    }

    @Test
    void errorsBeyondTheLimitAreCounted() {
        // given
        SpecErrors errors = new SpecErrors();

        // when
        for (int i = 0; i < SpecErrors.MAX_ERRORS + 7; i++) {
            errors.add("field" + i, "is wrong");
        }

        // then
        assertThat(errors.list()).hasSize(SpecErrors.MAX_ERRORS + 1);
        assertThat(errors.list().get(SpecErrors.MAX_ERRORS).message()).startsWith("7 further errors");
    }

    @Test
    void quantitiesParseInEveryNotation() {
        assertThat(Quantity.parse("500m")).contains(new BigDecimal("0.500"));
        assertThat(Quantity.parse("2")).contains(new BigDecimal("2"));
        assertThat(Quantity.parse("512Mi")).contains(BigDecimal.valueOf(512L << 20));
        assertThat(Quantity.parse("1e3")).contains(new BigDecimal("1E+3"));
        assertThat(Quantity.parse("1E")).contains(new BigDecimal("1E+18"));
        assertThat(Quantity.parse(3)).contains(new BigDecimal("3"));
        assertThat(Quantity.parse("1.5.3")).isEmpty();
        assertThat(Quantity.parse("12Q")).isEmpty();
        assertThat(Quantity.parse(true)).isEmpty();
    }

    @Test
    void unknownEnvFieldsAreErrors() {
        // given
        Map<String, Object> spec = deploymentWithEnv(List.of(
                Map.of("name", "A", "valueFrom", Map.of("bogus", 1)),
                Map.of("name", "B", "bogusField", 1),
                Map.of("name", "C", "valueFrom", Map.of("secretKeyRef", Map.of("name", "s", "key", "k", "bogus", 2)))));

        // when
        List<FieldError> errors = check(spec);

        // then
        String env = "deployment.template.spec.containers[0].env";
        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        env + "[0].valueFrom.bogus", env + "[1].bogusField", env + "[2].valueFrom.secretKeyRef.bogus");
    }

    @Test
    void kubernetesEnvSourcesAreAccepted() {
        // given
        Map<String, Object> spec = deploymentWithEnv(List.of(
                Map.of("name", "A", "value", "1"),
                Map.of("name", "B", "valueFrom", Map.of("configMapKeyRef", Map.of("name", "cm", "key", "k"))),
                Map.of("name", "C", "valueFrom", Map.of("fieldRef", Map.of("fieldPath", "metadata.name"))),
                Map.of(
                        "name",
                        "D",
                        "valueFrom",
                        Map.of("resourceFieldRef", Map.of("resource", "limits.memory", "divisor", "1Mi")))));

        // when
        List<FieldError> errors = check(spec);

        // then
        assertThat(errors).isEmpty();
    }

    @Test
    void incompleteEnvEntriesAreErrors() {
        // given
        Map<String, Object> spec = deploymentWithEnv(List.of(
                Map.of("name", "A", "valueFrom", Map.of("secretKeyRef", Map.of("name", "s"))),
                Map.of("name", "B", "value", Map.of("nested", Map.of("deeper", 1)))));

        // when
        List<FieldError> errors = check(spec);

        // then
        String env = "deployment.template.spec.containers[0].env";
        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(env + "[0].valueFrom.secretKeyRef.key", env + "[1].value");
    }

    private static Map<String, Object> deploymentWithEnv(List<Map<String, Object>> env) {
        Map<String, Object> spec = deploymentWithResources(Map.of("requests", Map.of("cpu", "100m")));
        @SuppressWarnings("unchecked")
        Map<String, Object> template = (Map<String, Object>) spec.get("template");
        @SuppressWarnings("unchecked")
        Map<String, Object> podSpec = (Map<String, Object>) template.get("spec");
        @SuppressWarnings("unchecked")
        Map<String, Object> container = (Map<String, Object>) ((List<Object>) podSpec.get("containers")).get(0);
        container.put("env", env);
        return spec;
    }

    private static List<FieldError> check(Map<String, Object> spec) {
        SpecErrors errors = new SpecErrors();
        WorkloadSpecs.checkDeployment(spec, "deployment", errors);
        return errors.list();
    }

    private static Map<String, Object> deploymentWithResources(Map<String, Object> resources) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "web");
        container.put("image", "registry.example.com/shop:1.0.0");
        container.put("resources", resources);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("selector", Map.of("matchLabels", Map.of("app", "shop")));
        spec.put(
                "template",
                Map.of(
                        "metadata",
                        Map.of("labels", Map.of("app", "shop")),
                        "spec",
                        Map.of("containers", List.of(container))));
        return spec;
    }
}
