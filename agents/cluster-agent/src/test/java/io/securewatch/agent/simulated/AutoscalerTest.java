package io.securewatch.agent.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import io.securewatch.agent.simulated.AutoscalerSpec.MetricTarget;
import io.securewatch.agent.simulated.AutoscalerSpec.PolicyType;
import io.securewatch.agent.simulated.AutoscalerSpec.ScalingPolicy;
import io.securewatch.agent.simulated.AutoscalerSpec.ScalingRules;
import io.securewatch.agent.simulated.AutoscalerSpec.SelectPolicy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each case runs one autoscaler through a sequence of controller runs. A step gives the seconds since the first
 * run, the replicas the target has, the measured CPU and memory utilization (null: no metric) and the replicas
 * the autoscaler must return.
 */
class AutoscalerTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final ScalingRules NO_DOWN_STABILIZATION =
            new ScalingRules(0, SelectPolicy.MAX, AutoscalerSpec.DEFAULT_SCALE_DOWN.policies());

    static Stream<Arguments> cases() {
        return Stream.of(
                scenario("scale up in proportion to utilization", cpuSpec(1, 10, 50), step(0, 2, 100, null, 4)),
                scenario(
                        "tolerance band keeps replicas",
                        cpuSpec(1, 10, 50),
                        step(0, 4, 54, null, 4),
                        step(15, 4, 46, null, 4),
                        step(30, 4, 56, null, 5)),
                scenario(
                        "scale down waits for stabilization window",
                        cpuSpec(1, 10, 50),
                        step(0, 6, 50, null, 6),
                        step(60, 6, 10, null, 6),
                        step(290, 6, 10, null, 6),
                        step(301, 6, 10, null, 2)),
                scenario(
                        "scale down uses highest recommendation in window",
                        cpuSpec(1, 10, 50),
                        step(0, 6, 50, null, 6),
                        step(100, 6, 35, null, 6),
                        step(200, 6, 10, null, 6),
                        step(301, 6, 10, null, 5),
                        step(401, 5, 10, null, 2)),
                scenario(
                        "memory proposal wins over smaller cpu proposal",
                        spec(1, 20, List.of(cpu(50), memory(60))),
                        step(0, 4, 75, 120, 8)),
                scenario(
                        "cpu proposal wins over memory proposal to scale down",
                        spec(1, 20, List.of(cpu(50), memory(60))),
                        step(0, 4, 100, 30, 8)),
                scenario("maxReplicas bounds scale up", cpuSpec(2, 5, 50), step(0, 4, 200, null, 5)),
                scenario(
                        "minReplicas bounds scale down",
                        new AutoscalerSpec(
                                "Deployment",
                                "api",
                                3,
                                10,
                                List.of(cpu(50)),
                                AutoscalerSpec.DEFAULT_SCALE_UP,
                                NO_DOWN_STABILIZATION),
                        step(0, 4, 10, null, 3)),
                scenario("replicas below minReplicas rise to it", cpuSpec(3, 10, 50), step(0, 1, 0, null, 3)),
                scenario("replicas above maxReplicas fall to it", cpuSpec(1, 5, 50), step(0, 9, 50, null, 5)),
                scenario("target scaled to zero is left alone", cpuSpec(1, 5, 50), step(0, 0, null, null, 0)),
                scenario(
                        "default policies limit scale up per 15 seconds",
                        cpuSpec(1, 30, 50),
                        step(0, 2, 500, null, 6),
                        step(5, 6, 500, null, 6),
                        step(15, 6, 500, null, 12),
                        step(30, 12, 500, null, 24),
                        step(45, 24, 500, null, 30)),
                scenario(
                        "select policy Min takes smallest allowed scale up",
                        new AutoscalerSpec(
                                "Deployment",
                                "api",
                                1,
                                40,
                                List.of(cpu(50)),
                                new ScalingRules(
                                        0,
                                        SelectPolicy.MIN,
                                        List.of(
                                                new ScalingPolicy(PolicyType.PODS, 2, 60),
                                                new ScalingPolicy(PolicyType.PERCENT, 50, 60))),
                                AutoscalerSpec.DEFAULT_SCALE_DOWN),
                        step(0, 10, 200, null, 12),
                        step(30, 12, 200, null, 12),
                        step(61, 12, 200, null, 14)),
                scenario(
                        "percent policy limits scale down per period",
                        new AutoscalerSpec(
                                "Deployment",
                                "api",
                                1,
                                10,
                                List.of(cpu(50)),
                                AutoscalerSpec.DEFAULT_SCALE_UP,
                                new ScalingRules(
                                        0, SelectPolicy.MAX, List.of(new ScalingPolicy(PolicyType.PERCENT, 50, 60)))),
                        step(0, 8, 10, null, 4),
                        step(15, 4, 10, null, 4),
                        step(61, 4, 10, null, 2)),
                scenario(
                        "disabled scale down keeps replicas",
                        new AutoscalerSpec(
                                "Deployment",
                                "api",
                                1,
                                10,
                                List.of(cpu(50)),
                                AutoscalerSpec.DEFAULT_SCALE_UP,
                                new ScalingRules(0, SelectPolicy.DISABLED, NO_DOWN_STABILIZATION.policies())),
                        step(0, 6, 10, null, 6),
                        step(400, 6, 10, null, 6)),
                scenario(
                        "missing metric blocks scale down but not scale up",
                        new AutoscalerSpec(
                                "Deployment",
                                "api",
                                1,
                                10,
                                List.of(cpu(50), memory(50)),
                                AutoscalerSpec.DEFAULT_SCALE_UP,
                                NO_DOWN_STABILIZATION),
                        step(0, 4, 10, null, 4),
                        step(15, 4, 100, null, 8)),
                scenario("no metric at all keeps replicas", cpuSpec(1, 10, 50), step(0, 4, null, null, 4)),
                scenario(
                        "new autoscaler does not scale down within first window",
                        cpuSpec(1, 10, 50),
                        step(0, 6, 10, null, 6),
                        step(299, 6, 10, null, 6),
                        step(300, 6, 10, null, 2)),
                scenario(
                        "scale up window uses lowest recommendation",
                        new AutoscalerSpec(
                                "Deployment",
                                "api",
                                1,
                                10,
                                List.of(cpu(50)),
                                new ScalingRules(60, SelectPolicy.MAX, AutoscalerSpec.DEFAULT_SCALE_UP.policies()),
                                AutoscalerSpec.DEFAULT_SCALE_DOWN),
                        step(0, 2, 100, null, 2),
                        step(30, 2, 100, null, 2),
                        step(61, 2, 100, null, 4)),
                scenario(
                        "pods policy limits scale down per period",
                        new AutoscalerSpec(
                                "Deployment",
                                "api",
                                1,
                                10,
                                List.of(cpu(50)),
                                AutoscalerSpec.DEFAULT_SCALE_UP,
                                new ScalingRules(
                                        0, SelectPolicy.MAX, List.of(new ScalingPolicy(PolicyType.PODS, 2, 30)))),
                        step(0, 8, 10, null, 6),
                        step(15, 6, 10, null, 6),
                        step(31, 6, 10, null, 4)),
                scenario(
                        "select policy Min takes smallest allowed scale down",
                        new AutoscalerSpec(
                                "Deployment",
                                "api",
                                1,
                                10,
                                List.of(cpu(50)),
                                AutoscalerSpec.DEFAULT_SCALE_UP,
                                new ScalingRules(
                                        0,
                                        SelectPolicy.MIN,
                                        List.of(
                                                new ScalingPolicy(PolicyType.PODS, 1, 60),
                                                new ScalingPolicy(PolicyType.PERCENT, 50, 60)))),
                        step(0, 10, 10, null, 9),
                        step(30, 9, 10, null, 9),
                        step(61, 9, 10, null, 8)),
                scenario(
                        "select policy Max takes largest allowed scale down",
                        new AutoscalerSpec(
                                "Deployment",
                                "api",
                                1,
                                10,
                                List.of(cpu(50)),
                                AutoscalerSpec.DEFAULT_SCALE_UP,
                                new ScalingRules(
                                        0,
                                        SelectPolicy.MAX,
                                        List.of(
                                                new ScalingPolicy(PolicyType.PODS, 1, 60),
                                                new ScalingPolicy(PolicyType.PERCENT, 50, 60)))),
                        step(0, 10, 10, null, 5)),
                scenario(
                        "disabled scale up keeps replicas",
                        new AutoscalerSpec(
                                "Deployment",
                                "api",
                                1,
                                10,
                                List.of(cpu(50)),
                                new ScalingRules(0, SelectPolicy.DISABLED, AutoscalerSpec.DEFAULT_SCALE_UP.policies()),
                                AutoscalerSpec.DEFAULT_SCALE_DOWN),
                        step(0, 3, 200, null, 3),
                        step(60, 3, 200, null, 3)),
                scenario(
                        "disabled scale up still rises to minReplicas",
                        new AutoscalerSpec(
                                "Deployment",
                                "api",
                                4,
                                10,
                                List.of(cpu(50)),
                                new ScalingRules(0, SelectPolicy.DISABLED, AutoscalerSpec.DEFAULT_SCALE_UP.policies()),
                                AutoscalerSpec.DEFAULT_SCALE_DOWN),
                        step(0, 2, 50, null, 4)),
                scenario(
                        "default scale up adds four pods to few replicas",
                        cpuSpec(1, 30, 50),
                        step(0, 1, 1000, null, 5)),
                scenario(
                        "scale up beyond maxReplicas stops at maxReplicas",
                        cpuSpec(1, 8, 50),
                        step(0, 6, 100, null, 8),
                        step(15, 8, 100, null, 8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void autoscalerFollowsKubernetesAlgorithm(String description, AutoscalerSpec spec, List<Step> steps) {
        // given
        Autoscaler autoscaler = new Autoscaler();

        for (Step step : steps) {
            // when
            int replicas = autoscaler.nextReplicas(
                    spec, step.currentReplicas(), step.utilization(), START.plusSeconds(step.second()));

            // then
            assertThat(replicas)
                    .as("replicas at %d s with %d current", step.second(), step.currentReplicas())
                    .isEqualTo(step.expectedReplicas());
        }
    }

    private static Arguments scenario(String description, AutoscalerSpec spec, Step... steps) {
        return Arguments.of(description, spec, List.of(steps));
    }

    private static AutoscalerSpec cpuSpec(int minReplicas, int maxReplicas, int cpuTarget) {
        return spec(minReplicas, maxReplicas, List.of(cpu(cpuTarget)));
    }

    private static AutoscalerSpec spec(int minReplicas, int maxReplicas, List<MetricTarget> metrics) {
        return new AutoscalerSpec(
                "Deployment",
                "api",
                minReplicas,
                maxReplicas,
                metrics,
                AutoscalerSpec.DEFAULT_SCALE_UP,
                AutoscalerSpec.DEFAULT_SCALE_DOWN);
    }

    private static MetricTarget cpu(int averageUtilization) {
        return new MetricTarget("cpu", averageUtilization);
    }

    private static MetricTarget memory(int averageUtilization) {
        return new MetricTarget("memory", averageUtilization);
    }

    private static Step step(int second, int currentReplicas, Integer cpu, Integer memory, int expectedReplicas) {
        return new Step(second, currentReplicas, cpu, memory, expectedReplicas);
    }

    /** One controller run; a null utilization means the metric is unavailable. */
    record Step(int second, int currentReplicas, Integer cpu, Integer memory, int expectedReplicas) {

        Map<String, Integer> utilization() {
            Map<String, Integer> utilization = new HashMap<>();
            if (cpu != null) {
                utilization.put("cpu", cpu);
            }
            if (memory != null) {
                utilization.put("memory", memory);
            }
            return utilization;
        }
    }
}
