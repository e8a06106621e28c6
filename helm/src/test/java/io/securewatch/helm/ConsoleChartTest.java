package io.securewatch.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Key facts of the securewatch-console chart, checked directly beside its golden files. */
class ConsoleChartTest {

    private static final String CHART = Charts.CONSOLE;

    private static Manifests render(Map<String, Object> overrides) {
        return Charts.manifests(Charts.template(CHART, overrides));
    }

    private static Manifest container(Manifests manifests) {
        return manifests.only("Deployment").at("spec.template.spec.containers[name=console]");
    }

    @Test
    void consoleListensOnAllInterfaces() {
        // given / when
        Manifests manifests = render(Map.of());

        // then: the application's own default is 127.0.0.1, which no Service reaches
        assertThat(manifests.only("ConfigMap").map("data"))
                .contains(entry("QUARKUS_HTTP_HOST", "0.0.0.0"), entry("QUARKUS_HTTP_PORT", "8081"));
        assertThat(container(manifests).integer("ports[name=http].containerPort"))
                .isEqualTo(8081);
    }

    @Test
    void consoleCallsControlPlaneService() {
        // given / when
        Manifest configMap = render(Map.of()).only("ConfigMap");

        // then
        assertThat(configMap.map("data"))
                .containsEntry("SECUREWATCH_CONSOLE_CONTROL_PLANE_URL", "http://securewatch-control-plane");
    }

    @Test
    void oidcSignInReadsClientSecretFromSecret() {
        // given / when
        Manifests manifests = render(Map.of());

        // then
        assertThat(manifests.only("ConfigMap").map("data"))
                .contains(
                        entry("SECUREWATCH_CONSOLE_OIDC_ENABLED", "true"),
                        entry("QUARKUS_OIDC_CLIENT_ID", "securewatch-console"),
                        entry("QUARKUS_HTTP_PROXY_ENABLE_FORWARDED_HOST", "true"));
        Manifest secret = container(manifests).at("env[name=QUARKUS_OIDC_CREDENTIALS_SECRET].valueFrom.secretKeyRef");
        assertThat(secret.string("name")).isEqualTo("securewatch-console-oidc");
        assertThat(secret.string("key")).isEqualTo("client-secret");
    }

    @Test
    void passwordSignInNeedsNoClientSecret() {
        // given
        Map<String, Object> overrides = Map.of("oidc.enabled", false);

        // when
        Manifests manifests = render(overrides);

        // then
        assertThat(manifests.only("ConfigMap").map("data"))
                .containsEntry("SECUREWATCH_CONSOLE_OIDC_ENABLED", "false")
                .doesNotContainKey("QUARKUS_OIDC_AUTH_SERVER_URL");
        assertThat(container(manifests).has("env")).isFalse();
    }

    @Test
    void missingClientSecretIsRejected() {
        // given
        Map<String, Object> overrides = Map.of("oidc.clientSecret.existingSecret", "");

        // when / then
        assertThatThrownBy(() -> Charts.template(CHART, overrides))
                .hasMessageContaining("oidc.clientSecret: set existingSecret");
    }

    @Test
    void serviceKeepsBrowserOnOneReplica() {
        // given / when
        Manifest service = render(Map.of()).only("Service");

        // then
        assertThat(service.string("spec.sessionAffinity")).isEqualTo("ClientIP");
    }

    @Test
    void twoReplicasWithDisruptionBudget() {
        // given / when
        Manifests manifests = render(Map.of());

        // then
        assertThat(manifests.only("Deployment").integer("spec.replicas")).isEqualTo(2);
        assertThat(manifests.only("Deployment").integer("spec.strategy.rollingUpdate.maxUnavailable"))
                .isZero();
        assertThat(manifests.only("PodDisruptionBudget").integer("spec.maxUnavailable"))
                .isEqualTo(1);
        assertThat(manifests.has("HorizontalPodAutoscaler")).isFalse();
    }

    @Test
    void probesUseUnauthenticatedHealthPaths() {
        // given / when
        Manifest container = container(render(Map.of()));

        // then
        assertThat(container.string("readinessProbe.httpGet.path")).isEqualTo("/q/health/ready");
        assertThat(container.string("livenessProbe.httpGet.path")).isEqualTo("/q/health/live");
    }

    @Test
    void containerRunsLockedDown() {
        // given / when
        Manifest pod = render(Map.of()).only("Deployment").at("spec.template.spec");
        Manifest container = pod.at("containers[name=console]");

        // then
        assertThat(pod.get("securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(pod.string("securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
        assertThat(container.get("securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(container.string("volumeMounts[name=tmp].mountPath")).isEqualTo("/tmp");
    }

    @Test
    void schemaRejectsControlPlaneUrlWithoutScheme() {
        // given
        Map<String, Object> overrides = Map.of("controlPlaneUrl", "securewatch-control-plane:80");

        // when / then
        assertThatThrownBy(() -> Charts.template(CHART, overrides)).hasMessageContaining("at '/controlPlaneUrl'");
    }
}
