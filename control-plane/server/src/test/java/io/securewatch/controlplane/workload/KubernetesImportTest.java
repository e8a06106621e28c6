package io.securewatch.controlplane.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.securewatch.api.v1.Problem.FieldError;
import io.securewatch.api.v1.ScalingRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubernetesImportTest {

    private static final KubernetesImport.Context PLATFORM =
            new KubernetesImport.Context(null, List.of("eu-west-1", "us-east-1"));

    @Test
    void platformFixtureBecomesWorkload() throws IOException {
        // given
        String manifests = resource("/demo/securewatch-api.yaml");

        // when
        KubernetesImport.Plan plan = KubernetesImport.plan(ManifestYaml.read(manifests), PLATFORM);

        // then
        assertThat(plan.errors()).isEmpty();
        assertThat(plan.unhandled()).isEmpty();
        assertThat(plan.workloads()).hasSize(1);
        KubernetesImport.PlannedWorkload workload = plan.workloads().get(0);
        assertThat(workload.request().name()).isEqualTo("securewatch-api");
        assertThat(workload.request().namespace()).isEqualTo("securewatch");
        assertThat(workload.request().regions()).containsExactly("eu-west-1", "us-east-1");
        assertThat(workload.request().service().name()).isEqualTo("securewatch-api");
        assertThat(workload.request().deployment())
                .extracting(spec -> spec.get("strategy"))
                .isEqualTo(
                        Map.of("type", "RollingUpdate", "rollingUpdate", Map.of("maxSurge", 1, "maxUnavailable", 0)));
        assertThat(workload.policy().minReplicas()).isEqualTo(3);
        assertThat(workload.policy().maxReplicas()).isEqualTo(20);
        assertThat(workload.policy().targetCpuUtilization()).isEqualTo(70);
        assertThat(workload.policy().targetMemoryUtilization()).isEqualTo(80);
        assertThat(workload.policyDocument()).isEqualTo(2);
    }

    @Test
    void autoscalerBehaviourIsConvertedToTheApiSpelling() {
        // given
        String manifests = deployment("web") + "---\n" + """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: web}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  maxReplicas: 8
                  behavior:
                    scaleDown:
                      stabilizationWindowSeconds: 120
                      selectPolicy: Min
                      policies:
                      - {type: Percent, value: 50, periodSeconds: 60}
                """;

        // when
        KubernetesImport.Plan plan = KubernetesImport.plan(ManifestYaml.read(manifests), PLATFORM);

        // then
        assertThat(plan.errors()).isEmpty();
        var policy = plan.workloads().get(0).policy();
        assertThat(policy.minReplicas()).isEqualTo(1);
        assertThat(policy.targetCpuUtilization()).isEqualTo(KubernetesImport.DEFAULT_CPU_TARGET);
        assertThat(policy.behavior().scaleUp()).isNull();
        assertThat(policy.behavior().scaleDown().selectPolicy()).isEqualTo(ScalingRules.SelectPolicy.MIN);
        assertThat(policy.behavior().scaleDown().policies())
                .containsExactly(new ScalingRules.ScalingRulePolicy(ScalingRules.PolicyType.PERCENT, 50, 60));
    }

    @Test
    void exportedServiceLosesItsAllocatedAddressesWithAWarning() {
        // given
        String manifests = deployment("web") + "---\n" + """
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  clusterIP: 10.96.14.2
                  clusterIPs: [10.96.14.2]
                  selector: {app: web}
                  ports: [{port: 80, targetPort: 8080}]
                status: {loadBalancer: {}}
                """;

        // when
        KubernetesImport.Plan plan = KubernetesImport.plan(ManifestYaml.read(manifests), PLATFORM);

        // then
        assertThat(plan.errors()).isEmpty();
        assertThat(plan.workloads().get(0).request().service().spec()).doesNotContainKeys("clusterIP", "clusterIPs");
        assertThat(plan.warnings())
                .extracting(FieldError::field)
                .containsExactly("documents[1].spec.clusterIP", "documents[1].spec.clusterIPs");
    }

    @Test
    void tenantImportRefusesAnotherNamespace() {
        // given
        String manifests = deployment("web").replace("metadata: {name: web}", "metadata: {name: web, namespace: prod}");

        // when
        KubernetesImport.Plan plan = KubernetesImport.plan(
                ManifestYaml.read(manifests), new KubernetesImport.Context("acme", List.of("eu-west-1")));

        // then
        assertThat(plan.errors()).extracting(FieldError::field).containsExactly("documents[0].metadata.namespace");
    }

    @Test
    void aliasBombFailsOnTheAliasLimit() {
        // given
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char level = 'b'; level <= 'j'; level++) {
            yaml.append(level).append(": &").append(level).append(" [");
            yaml.append(String.join(", ", java.util.Collections.nCopies(9, "*" + (char) (level - 1))));
            yaml.append("]\n");
        }

        // when
        List<ManifestYaml.Document> documents = ManifestYaml.read(yaml.toString());

        // then
        assertThat(documents.get(0).error()).contains("aliases");
    }

    @Test
    void oversizedDocumentIsRefusedBeforeParsing() {
        // when
        List<ManifestYaml.Document> documents =
                ManifestYaml.read("a: b\n---\nbig: \"" + "x".repeat(ManifestYaml.MAX_DOCUMENT_BYTES) + "\"\n");

        // then
        assertThat(documents.get(0).failed()).isFalse();
        assertThat(documents.get(1).error()).contains("at most " + ManifestYaml.MAX_DOCUMENT_BYTES + " bytes");
    }

    @Test
    void unsafeYamlIsRejected() {
        assertThat(ManifestYaml.read("a: 1\na: 2\n").get(0).error()).contains("duplicate key");
        assertThat(ManifestYaml.read("metadata:\n  1: x\n").get(0))
                .extracting(ManifestYaml.Document::errorPath, ManifestYaml.Document::error)
                .containsExactly("metadata", "has the key 1, which is not a string; quote it");
        assertThat(ManifestYaml.read("a: !!java.io.File /etc\n").get(0).failed())
                .isTrue();
    }

    @Test
    void timestampsStayStrings() {
        // when
        List<ManifestYaml.Document> documents = ManifestYaml.read("---\n# only a comment\n---\nat: 2026-12-05\n");

        // then
        assertThat(documents).hasSize(1);
        assertThat(documents.get(0).index()).isEqualTo(1);
        assertThat(documents.get(0).value()).isEqualTo(Map.of("at", "2026-12-05"));
    }

    private static String deployment(String name) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s}
                spec:
                  selector:
                    matchLabels: {app: %s}
                  template:
                    metadata:
                      labels: {app: %s}
                    spec:
                      containers:
                      - name: web
                        image: registry.example.com/web:1.0
                        ports: [{containerPort: 8080}]
                        resources:
                          requests: {cpu: 100m}
                """.formatted(name, name, name);
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = KubernetesImportTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
