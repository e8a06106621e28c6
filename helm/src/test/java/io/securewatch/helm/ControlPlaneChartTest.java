package io.securewatch.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Key facts of the securewatch-control-plane chart, checked directly beside its golden files. */
class ControlPlaneChartTest {

    private static final String CHART = Charts.CONTROL_PLANE;

    private static Manifests render(Map<String, Object> overrides) {
        return Charts.manifests(Charts.template(CHART, overrides));
    }

    /** Returns the autoscaler's average utilization target per resource, in the order of its metrics. */
    static Map<String, Integer> utilizationTargets(Manifest autoscaler) {
        Map<String, Integer> targets = new LinkedHashMap<>();
        for (Map<String, Object> metric : autoscaler.list("spec.metrics")) {
            Manifest resource = new Manifest(metric).at("resource");
            assertThat(resource.string("target.type")).isEqualTo("Utilization");
            targets.put(resource.string("name"), resource.integer("target.averageUtilization"));
        }
        return targets;
    }

    private static Manifest container(Manifests manifests) {
        return manifests.only("Deployment").at("spec.template.spec.containers[name=control-plane]");
    }

    @Test
    void deploymentRunsThreeReplicas() {
        // given / when
        Manifest deployment = render(Map.of()).only("Deployment");

        // then
        assertThat(deployment.integer("spec.replicas")).isEqualTo(3);
    }

    @Test
    void rollingUpdateNeverLowersCapacity() {
        // given / when
        Manifest deployment = render(Map.of()).only("Deployment");

        // then
        assertThat(deployment.string("spec.strategy.type")).isEqualTo("RollingUpdate");
        assertThat(deployment.integer("spec.strategy.rollingUpdate.maxSurge")).isEqualTo(1);
        assertThat(deployment.integer("spec.strategy.rollingUpdate.maxUnavailable"))
                .isZero();
    }

    @Test
    void probesUseHealthEndpoints() {
        // given / when
        Manifest container = container(render(Map.of()));

        // then
        assertThat(container.string("readinessProbe.httpGet.path")).isEqualTo("/health/ready");
        assertThat(container.string("livenessProbe.httpGet.path")).isEqualTo("/health/live");
        assertThat(container.string("startupProbe.httpGet.path")).isEqualTo("/health/live");
        assertThat(container.string("readinessProbe.httpGet.port")).isEqualTo("http");
        assertThat(container.integer("ports[name=http].containerPort")).isEqualTo(8080);
    }

    @Test
    void containerHasRequestsAndLimits() {
        // given / when
        Manifest container = container(render(Map.of()));

        // then
        assertThat(container.map("resources.requests")).containsOnlyKeys("cpu", "memory");
        assertThat(container.map("resources.limits")).containsOnlyKeys("cpu", "memory");
    }

    @Test
    void autoscalerSpansThreeToTwenty() {
        // given / when
        Manifests manifests = render(Map.of());
        Manifest autoscaler = manifests.only("HorizontalPodAutoscaler");

        // then
        assertThat(autoscaler.string("apiVersion")).isEqualTo("autoscaling/v2");
        assertThat(autoscaler.string("spec.scaleTargetRef.kind")).isEqualTo("Deployment");
        assertThat(autoscaler.string("spec.scaleTargetRef.name"))
                .isEqualTo(manifests.only("Deployment").name());
        assertThat(autoscaler.integer("spec.minReplicas")).isEqualTo(3);
        assertThat(autoscaler.integer("spec.maxReplicas")).isEqualTo(20);
        assertThat(utilizationTargets(autoscaler)).containsExactly(entry("cpu", 70), entry("memory", 80));
    }

    @Test
    void budgetAllowsOneEviction() {
        // given / when
        Manifests manifests = render(Map.of());
        Manifest budget = manifests.only("PodDisruptionBudget");

        // then
        assertThat(budget.string("apiVersion")).isEqualTo("policy/v1");
        assertThat(budget.integer("spec.maxUnavailable")).isEqualTo(1);
        assertThat(manifests.only("Deployment").map("spec.template.metadata.labels"))
                .containsAllEntriesOf(budget.map("spec.selector.matchLabels"));
    }

    @Test
    void replicasSpreadOverZonesAndNodes() {
        // given / when
        Manifest pod = render(Map.of()).only("Deployment").at("spec.template.spec");

        // then
        assertThat(pod.string("topologySpreadConstraints[0].topologyKey")).isEqualTo("topology.kubernetes.io/zone");
        assertThat(pod.string("affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]"
                        + ".podAffinityTerm.topologyKey"))
                .isEqualTo("kubernetes.io/hostname");
    }

    @Test
    void replicaIdComesFromPodName() {
        // given / when
        Manifest container = container(render(Map.of()));

        // then
        assertThat(container.string("env[name=SECUREWATCH_AGENTS_REPLICA_ID].valueFrom.fieldRef.fieldPath"))
                .isEqualTo("metadata.name");
    }

    @Test
    void gracePeriodOutlastsShutdownDrain() {
        // given / when
        Manifest pod = render(Map.of()).only("Deployment").at("spec.template.spec");

        // then: the preStop sleep, then up to 5 s of stream drain and 5 s of Consul deregistration
        int preStop = pod.integer("containers[0].lifecycle.preStop.sleep.seconds");
        assertThat(pod.integer("terminationGracePeriodSeconds")).isGreaterThan(preStop + 15);
    }

    @Test
    void gracePeriodShorterThanDrainIsRejected() {
        // given
        Map<String, Object> overrides = Map.of("shutdown.terminationGracePeriodSeconds", 20);

        // when / then
        assertThatThrownBy(() -> Charts.template(CHART, overrides))
                .hasMessageContaining("shutdown.terminationGracePeriodSeconds (20) must exceed")
                .hasMessageContaining("shutdown.preStopSleepSeconds (5)");
    }

    @Test
    void configMapSetsKeysTheApplicationReads() {
        // given / when
        Manifest configMap = render(Map.of()).only("ConfigMap");

        // then: the names are those Quarkus derives from application.properties keys
        assertThat(configMap.map("data"))
                .contains(
                        entry(
                                "QUARKUS_DATASOURCE_JDBC_URL",
                                "jdbc:postgresql://postgresql.example.com:5432/securewatch"),
                        entry(
                                "QUARKUS_DATASOURCE_REACTIVE_URL",
                                "postgresql://postgresql.example.com:5432/securewatch"),
                        entry("QUARKUS_DATASOURCE_USERNAME", "securewatch"),
                        entry("QUARKUS_OIDC_AUTH_SERVER_URL", "https://keycloak.example.com/realms/securewatch"),
                        entry("QUARKUS_OIDC_CLIENT_ID", "securewatch-control-plane"),
                        entry("SECUREWATCH_IDENTITY_KEYCLOAK_ENABLED", "true"),
                        entry("SECUREWATCH_IDENTITY_KEYCLOAK_SERVER_URL", "https://keycloak.example.com"),
                        entry("SECUREWATCH_IDENTITY_KEYCLOAK_CLIENT_ID", "securewatch-provisioner"),
                        entry("SECUREWATCH_LEADERSHIP_LEASE_TIME", "15s"),
                        entry("SECUREWATCH_LEADERSHIP_RENEW_INTERVAL", "5s"),
                        entry("QUARKUS_HTTP_PORT", "8080"));
    }

    @Test
    void secretsNeverLandInConfigMap() {
        // given / when
        Manifests manifests = render(Map.of());
        Manifest container = container(manifests);

        // then
        assertThat(manifests.only("ConfigMap").map("data").keySet())
                .noneMatch(key -> key.contains("PASSWORD") || key.endsWith("SECRET") || key.endsWith("TOKEN"));
        assertThat(container.string("env[name=QUARKUS_DATASOURCE_PASSWORD].valueFrom.secretKeyRef.name"))
                .isEqualTo("securewatch-database");
        assertThat(container.string("env[name=QUARKUS_DATASOURCE_PASSWORD].valueFrom.secretKeyRef.key"))
                .isEqualTo("password");
        assertThat(container.string(
                        "env[name=SECUREWATCH_IDENTITY_KEYCLOAK_CLIENT_SECRET].valueFrom.secretKeyRef.name"))
                .isEqualTo("securewatch-keycloak");
        assertThat(manifests.has("Secret")).isFalse();
    }

    @Test
    void inlinePasswordGoesIntoReleaseSecret() {
        // given
        Map<String, Object> overrides =
                Map.of("database.password.existingSecret", "", "database.password.value", "correct horse");

        // when
        Manifests manifests = render(overrides);

        // then
        Manifest secret = manifests.only("Secret");
        String stored = secret.string("data.database-password");
        assertThat(new String(Base64.getDecoder().decode(stored), StandardCharsets.UTF_8))
                .isEqualTo("correct horse");
        assertThat(container(manifests).string("env[name=QUARKUS_DATASOURCE_PASSWORD].valueFrom.secretKeyRef.name"))
                .isEqualTo(secret.name());
    }

    @Test
    void missingDatabasePasswordIsRejected() {
        // given
        Map<String, Object> overrides = Map.of("database.password.existingSecret", "");

        // when / then
        assertThatThrownBy(() -> Charts.template(CHART, overrides))
                .hasMessageContaining("database.password: set existingSecret");
    }

    @Test
    void containerRunsLockedDown() {
        // given / when
        Manifest pod = render(Map.of()).only("Deployment").at("spec.template.spec");
        Manifest container = pod.at("containers[name=control-plane]");

        // then
        assertThat(pod.get("securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(pod.string("securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
        assertThat(pod.get("automountServiceAccountToken")).isEqualTo(false);
        assertThat(container.get("securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(container.get("securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(container.get("securityContext.capabilities.drop")).isEqualTo(List.of("ALL"));
        assertThat(container.string("volumeMounts[name=tmp].mountPath")).isEqualTo("/tmp");
        assertThat(pod.has("volumes[name=tmp].emptyDir")).isTrue();
    }

    @Test
    void schemaRejectsReplicasAsText() {
        // given
        Map<String, Object> overrides = Map.of("replicaCount", "three");

        // when / then
        assertThatThrownBy(() -> Charts.template(CHART, overrides))
                .hasMessageContaining("at '/replicaCount'")
                .hasMessageContaining("got string, want null or integer");
    }

    @Test
    void schemaRejectsNegativeReplicas() {
        // given
        Map<String, Object> overrides = Map.of("replicaCount", -1);

        // when / then
        assertThatThrownBy(() -> Charts.template(CHART, overrides))
                .hasMessageContaining("at '/replicaCount'")
                .hasMessageContaining("minimum: got -1, want 1");
    }

    @Test
    void schemaRejectsUnknownValue() {
        // given a misspelt key, which Helm would otherwise ignore
        Map<String, Object> overrides = Map.of("replicas", 5);

        // when / then
        assertThatThrownBy(() -> Charts.template(CHART, overrides))
                .hasMessageContaining("additional properties 'replicas' not allowed");
    }

    @Test
    void productionLeavesReplicasToAutoscaler() {
        // given / when
        Manifests manifests = Charts.manifests(Charts.templateProduction(CHART, Map.of()));

        // then
        assertThat(manifests.only("Deployment").has("spec.replicas")).isFalse();
        assertThat(manifests.only("HorizontalPodAutoscaler").integer("spec.minReplicas"))
                .isEqualTo(3);
    }

    @Test
    void agentTlsServesCertificateOnItsOwnPort() {
        // given / when
        Manifests manifests = Charts.manifests(Charts.templateProduction(CHART, Map.of()));
        Manifest pod = manifests.only("Deployment").at("spec.template.spec");

        // then
        assertThat(pod.string("volumes[name=agent-tls].secret.secretName")).isEqualTo("securewatch-agents-tls");
        assertThat(pod.string("containers[0].volumeMounts[name=agent-tls].mountPath"))
                .isEqualTo("/etc/securewatch/tls");
        assertThat(pod.integer("containers[0].ports[name=https].containerPort")).isEqualTo(8443);
        assertThat(manifests.only("ConfigMap").map("data"))
                .contains(
                        entry("QUARKUS_HTTP_SSL_PORT", "8443"),
                        entry("QUARKUS_HTTP_SSL_CERTIFICATE_FILES", "/etc/securewatch/tls/tls.crt"),
                        entry("QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES", "/etc/securewatch/tls/tls.key"));
        assertThat(manifests.only("Service").integer("spec.ports[name=https].port"))
                .isEqualTo(443);
    }

    @Test
    void agentTlsWithoutSecretIsRejected() {
        // given
        Map<String, Object> overrides = Map.of("agentTls.enabled", true);

        // when / then
        assertThatThrownBy(() -> Charts.template(CHART, overrides))
                .hasMessageContaining("agentTls.secretName is required");
    }

    @Test
    void serviceMonitorScrapesMetricsWhenEnabled() {
        // given / when
        Manifests defaults = render(Map.of());
        Manifests enabled = render(Map.of("serviceMonitor.enabled", true));

        // then
        assertThat(defaults.has("ServiceMonitor")).isFalse();
        assertThat(enabled.only("ServiceMonitor").string("spec.endpoints[0].path"))
                .isEqualTo("/metrics");
        assertThat(enabled.only("ServiceMonitor").string("spec.endpoints[0].port"))
                .isEqualTo("http");
    }

    @Test
    void networkPolicyAdmitsOnlyListedPeers() {
        // given / when
        Manifest policy = render(Map.of()).only("NetworkPolicy");

        // then
        assertThat(policy.get("spec.policyTypes")).isEqualTo(List.of("Ingress"));
        assertThat(policy.list("spec.ingress[0].from")).containsExactly(Map.of("podSelector", Map.of()));
    }

    @Test
    void catalogRegistrationNeedsKnownDatacenter() {
        // given
        Map<String, Object> overrides = Map.of("catalog.registerIn", "eu-west-1");

        // when / then
        assertThatThrownBy(() -> Charts.template(CHART, overrides))
                .hasMessageContaining(
                        "catalog.registerIn: datacenter \"eu-west-1\" is not among catalog.consulAddresses");
    }
}
