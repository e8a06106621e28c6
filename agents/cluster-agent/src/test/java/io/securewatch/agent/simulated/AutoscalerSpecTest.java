package io.securewatch.agent.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securewatch.agent.simulated.AutoscalerSpec.MetricTarget;
import io.securewatch.agent.simulated.AutoscalerSpec.PolicyType;
import io.securewatch.agent.simulated.AutoscalerSpec.ScalingPolicy;
import io.securewatch.agent.simulated.AutoscalerSpec.ScalingRules;
import io.securewatch.agent.simulated.AutoscalerSpec.SelectPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AutoscalerSpecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void absentBehaviorTakesKubernetesDefaults() {
        // given
        Map<String, Object> manifest =
                manifest("{\"scaleTargetRef\":{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"name\":\"api\"},"
                        + "\"minReplicas\":2,\"maxReplicas\":10,\"metrics\":[" + cpuMetric(70) + "]}");

        // when
        AutoscalerSpec spec = AutoscalerSpec.fromManifest(manifest);

        // then
        assertThat(spec.targetKind()).isEqualTo("Deployment");
        assertThat(spec.targetName()).isEqualTo("api");
        assertThat(spec.minReplicas()).isEqualTo(2);
        assertThat(spec.maxReplicas()).isEqualTo(10);
        assertThat(spec.metrics()).containsExactly(new MetricTarget("cpu", 70));
        assertThat(spec.scaleUp()).isEqualTo(AutoscalerSpec.DEFAULT_SCALE_UP);
        assertThat(spec.scaleDown()).isEqualTo(AutoscalerSpec.DEFAULT_SCALE_DOWN);
    }

    @Test
    void defaultsMatchKubernetesDocumentation() {
        assertThat(AutoscalerSpec.DEFAULT_SCALE_UP)
                .isEqualTo(new ScalingRules(
                        0,
                        SelectPolicy.MAX,
                        List.of(
                                new ScalingPolicy(PolicyType.PODS, 4, 15),
                                new ScalingPolicy(PolicyType.PERCENT, 100, 15))));
        assertThat(AutoscalerSpec.DEFAULT_SCALE_DOWN)
                .isEqualTo(new ScalingRules(
                        300, SelectPolicy.MAX, List.of(new ScalingPolicy(PolicyType.PERCENT, 100, 15))));
    }

    @Test
    void omittedMinReplicasAndMetricsTakeDefaults() {
        // given
        Map<String, Object> manifest =
                manifest("{\"scaleTargetRef\":{\"kind\":\"Deployment\",\"name\":\"api\"},\"maxReplicas\":3}");

        // when
        AutoscalerSpec spec = AutoscalerSpec.fromManifest(manifest);

        // then
        assertThat(spec.minReplicas()).isEqualTo(1);
        assertThat(spec.metrics()).containsExactly(new MetricTarget("cpu", AutoscalerSpec.DEFAULT_CPU_UTILIZATION));
    }

    @Test
    void partialBehaviorFillsOmittedFieldsFromDefaults() {
        // given
        Map<String, Object> manifest = manifest("{\"scaleTargetRef\":{\"kind\":\"Deployment\",\"name\":\"api\"},"
                + "\"maxReplicas\":10,\"behavior\":{\"scaleDown\":{\"stabilizationWindowSeconds\":60}}}");

        // when
        AutoscalerSpec spec = AutoscalerSpec.fromManifest(manifest);

        // then
        assertThat(spec.scaleDown())
                .isEqualTo(new ScalingRules(60, SelectPolicy.MAX, AutoscalerSpec.DEFAULT_SCALE_DOWN.policies()));
        assertThat(spec.scaleUp()).isEqualTo(AutoscalerSpec.DEFAULT_SCALE_UP);
    }

    @Test
    void explicitBehaviorIsRead() {
        // given
        Map<String, Object> manifest = manifest("{\"scaleTargetRef\":{\"kind\":\"Deployment\",\"name\":\"api\"},"
                + "\"maxReplicas\":10,\"behavior\":{"
                + "\"scaleUp\":{\"stabilizationWindowSeconds\":30,\"selectPolicy\":\"Min\",\"policies\":["
                + "{\"type\":\"Pods\",\"value\":2,\"periodSeconds\":60},"
                + "{\"type\":\"Percent\",\"value\":50,\"periodSeconds\":60}]},"
                + "\"scaleDown\":{\"selectPolicy\":\"Disabled\"}}}");

        // when
        AutoscalerSpec spec = AutoscalerSpec.fromManifest(manifest);

        // then
        assertThat(spec.scaleUp())
                .isEqualTo(new ScalingRules(
                        30,
                        SelectPolicy.MIN,
                        List.of(
                                new ScalingPolicy(PolicyType.PODS, 2, 60),
                                new ScalingPolicy(PolicyType.PERCENT, 50, 60))));
        assertThat(spec.scaleDown())
                .isEqualTo(new ScalingRules(300, SelectPolicy.DISABLED, AutoscalerSpec.DEFAULT_SCALE_DOWN.policies()));
    }

    @Test
    void metricsOtherThanResourceUtilizationAreSkipped() {
        // given
        Map<String, Object> manifest = manifest("{\"scaleTargetRef\":{\"kind\":\"Deployment\",\"name\":\"api\"},"
                + "\"maxReplicas\":10,\"metrics\":["
                + "{\"type\":\"Pods\",\"pods\":{\"metric\":{\"name\":\"requests\"},"
                + "\"target\":{\"type\":\"AverageValue\",\"averageValue\":\"10\"}}},"
                + "{\"type\":\"Resource\",\"resource\":{\"name\":\"memory\","
                + "\"target\":{\"type\":\"AverageValue\",\"averageValue\":\"1Gi\"}}},"
                + memoryMetric(60) + "]}");

        // when
        AutoscalerSpec spec = AutoscalerSpec.fromManifest(manifest);

        // then
        assertThat(spec.metrics()).containsExactly(new MetricTarget("memory", 60));
    }

    @Test
    void missingTargetNameIsRejected() {
        // given
        Map<String, Object> manifest = manifest("{\"scaleTargetRef\":{\"kind\":\"Deployment\"},\"maxReplicas\":3}");

        // when / then
        assertThatThrownBy(() -> AutoscalerSpec.fromManifest(manifest))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spec.scaleTargetRef.name: is required");
    }

    /** Each row gives the spec fields after {@code scaleTargetRef} and the expected message. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing maxReplicas     | "minReplicas":2                       | spec.maxReplicas: is required
            maxReplicas below min   | "minReplicas":5,"maxReplicas":3       | spec.maxReplicas: must be at least minReplicas (5)
            minReplicas zero        | "minReplicas":0,"maxReplicas":3       | spec.minReplicas: must be at least 1
            text as maxReplicas     | "maxReplicas":"3"                     | spec.maxReplicas: must be an integer, not 3
            unknown select policy   | "maxReplicas":3,"behavior":{"scaleUp":{"selectPolicy":"Fastest"}} \
                                    | spec.behavior.scaleUp.selectPolicy: must be Max, Min or Disabled, not Fastest
            window above one hour   | "maxReplicas":3,"behavior":{"scaleDown":{"stabilizationWindowSeconds":3601}} \
                                    | spec.behavior.scaleDown.stabilizationWindowSeconds: must be from 0 to 3600 seconds
            empty policy list       | "maxReplicas":3,"behavior":{"scaleDown":{"policies":[]}} \
                                    | spec.behavior.scaleDown.policies: must list at least one policy
            policy period zero      | "maxReplicas":3,"behavior":{"scaleUp":{"policies":[{"type":"Pods","value":1,"periodSeconds":0}]}} \
                                    | spec.behavior.scaleUp.policies[0].periodSeconds: must be from 1 to 1800 seconds
            unknown policy type     | "maxReplicas":3,"behavior":{"scaleUp":{"policies":[{"type":"Nodes","value":1,"periodSeconds":15}]}} \
                                    | spec.behavior.scaleUp.policies[0].type: must be Pods or Percent, not Nodes
            utilization target zero | "maxReplicas":3,"metrics":[{"type":"Resource","resource":{"name":"cpu",\
            "target":{"type":"Utilization","averageUtilization":0}}}] \
                                    | spec.metrics[0].resource.target.averageUtilization: must be at least 1
            """)
    void invalidSpecIsRejectedWithFieldPath(String description, String fields, String message) {
        // given
        Map<String, Object> manifest =
                manifest("{\"scaleTargetRef\":{\"kind\":\"Deployment\",\"name\":\"api\"}," + fields + "}");

        // when / then
        assertThatThrownBy(() -> AutoscalerSpec.fromManifest(manifest))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    private static String cpuMetric(int averageUtilization) {
        return resourceMetric("cpu", averageUtilization);
    }

    private static String memoryMetric(int averageUtilization) {
        return resourceMetric("memory", averageUtilization);
    }

    private static String resourceMetric(String resource, int averageUtilization) {
        return "{\"type\":\"Resource\",\"resource\":{\"name\":\"" + resource
                + "\",\"target\":{\"type\":\"Utilization\",\"averageUtilization\":" + averageUtilization + "}}}";
    }

    private static Map<String, Object> manifest(String specJson) {
        String json = "{\"apiVersion\":\"autoscaling/v2\",\"kind\":\"HorizontalPodAutoscaler\","
                + "\"metadata\":{\"name\":\"api\",\"namespace\":\"tenant-acme\"},\"spec\":" + specJson + "}";
        try {
            return JSON.readValue(json, new TypeReference<>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid test manifest: " + json, e);
        }
    }
}
