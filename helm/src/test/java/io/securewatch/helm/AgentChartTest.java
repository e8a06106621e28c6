package io.securewatch.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key facts of the securewatch-agent chart, checked directly beside its golden files. */
class AgentChartTest {

    private static final String CHART = Charts.AGENT;

    /**
     * Every API call of the agent's Kubernetes driver (KubernetesClusterDriver), as "group/resource verb": it lists
     * its seven kinds in all namespaces, reads, creates, replaces (update) and deletes single objects, and lists
     * nodes for the cluster's capacity. It never watches or patches.
     */
    private static final Set<String> DRIVER_PERMISSIONS = permissions(
            List.of(
                    "/namespaces",
                    "/resourcequotas",
                    "/limitranges",
                    "networking.k8s.io/networkpolicies",
                    "apps/deployments",
                    "/services",
                    "autoscaling/horizontalpodautoscalers"),
            List.of("get", "list", "create", "update", "delete"));

    private static final Map<String, Object> NAMESPACED_WRITES = Map.of("rbac.writeScope", "namespaces");

    private static Manifests render(Map<String, Object> overrides) {
        return Charts.manifests(Charts.template(CHART, overrides));
    }

    private static Manifest container(Manifests manifests) {
        return manifests.only("Deployment").at("spec.template.spec.containers[name=agent]");
    }

    @Test
    void deploymentRunsOneAgentAtATime() {
        // given / when
        Manifest deployment = render(Map.of()).only("Deployment");

        // then
        assertThat(deployment.integer("spec.replicas")).isEqualTo(1);
        assertThat(deployment.string("spec.strategy.type")).isEqualTo("Recreate");
    }

    @Test
    void rolesGrantExactlyWhatDriverUses() {
        // given / when
        Manifests manifests = render(Map.of());

        // then
        Set<String> granted = new TreeSet<>();
        manifests.ofKind("ClusterRole").forEach(role -> granted.addAll(granted(role)));
        Set<String> expected = new TreeSet<>(DRIVER_PERMISSIONS);
        expected.add("/nodes list");
        assertThat(granted).isEqualTo(expected);
    }

    @Test
    @SuppressWarnings("unchecked")
    void rolesHaveNoWildcards() {
        // given every way the chart renders roles
        List<Manifests> renders = List.of(
                render(Map.of()),
                render(NAMESPACED_WRITES),
                Charts.manifests(Charts.templateProduction(CHART, Map.of())));

        for (Manifests manifests : renders) {
            // when
            List<Manifest> roles = new ArrayList<>(manifests.ofKind("ClusterRole"));
            roles.addAll(manifests.ofKind("Role"));

            // then
            assertThat(roles).isNotEmpty();
            for (Manifest role : roles) {
                for (Map<String, Object> rule : role.list("rules")) {
                    assertThat((List<Object>) rule.get("verbs"))
                            .as("verbs of %s", role.name())
                            .doesNotContain("*");
                    assertThat((List<Object>) rule.get("resources"))
                            .as("resources of %s", role.name())
                            .doesNotContain("*");
                    assertThat((List<Object>) rule.get("apiGroups"))
                            .as("API groups of %s", role.name())
                            .doesNotContain("*");
                    assertThat(rule).as("rule of %s", role.name()).doesNotContainKey("nonResourceURLs");
                }
            }
        }
    }

    @Test
    void namespacedWritesStayInListedNamespaces(@TempDir Path work) throws IOException {
        // given
        Path values = Files.writeString(
                work.resolve("values.yaml"),
                "rbac:\n  writeScope: namespaces\n  writeNamespaces: [securewatch, tenant-acme]\n");

        // when
        Manifests manifests = Charts.manifests(Charts.template(CHART, values));

        // then
        assertThat(manifests.ofKind("Role"))
                .extracting(role -> role.string("metadata.namespace"))
                .containsExactly("securewatch", "tenant-acme");
        assertThat(manifests.ofKind("RoleBinding"))
                .extracting(binding -> binding.string("metadata.namespace"))
                .containsExactly("securewatch", "tenant-acme");
        assertThat(manifests.ofKind("ClusterRole")).extracting(Manifest::name).containsExactly("securewatch-agent");
        Set<String> clusterWide = granted(manifests.only("ClusterRole"));
        assertThat(clusterWide)
                .noneMatch(permission -> permission.startsWith("apps/deployments ")
                        && !permission.endsWith(" get")
                        && !permission.endsWith(" list"));
        Set<String> inNamespace = granted(manifests.ofKind("Role").get(0));
        assertThat(inNamespace)
                .contains("apps/deployments create", "apps/deployments update", "apps/deployments delete");
        assertThat(inNamespace).noneMatch(permission -> permission.startsWith("/namespaces "));
        for (Manifest binding : manifests.ofKind("RoleBinding")) {
            assertThat(binding.string("subjects[0].name")).isEqualTo("securewatch-agent");
            assertThat(binding.string("subjects[0].namespace")).isEqualTo(Charts.NAMESPACE);
        }
    }

    @Test
    void emptyWriteNamespacesRejected(@TempDir Path work) throws IOException {
        // given
        Path values = Files.writeString(
                work.resolve("values.yaml"), "rbac:\n  writeScope: namespaces\n  writeNamespaces: []\n");

        // when / then
        assertThatThrownBy(() -> Charts.template(CHART, values))
                .hasMessageContaining("rbac.writeNamespaces must name at least one namespace");
    }

    @Test
    void schemaRejectsUnknownWriteScope() {
        // given
        Map<String, Object> overrides = Map.of("rbac.writeScope", "everywhere");

        // when / then
        assertThatThrownBy(() -> Charts.template(CHART, overrides))
                .hasMessageContaining("at '/rbac/writeScope'")
                .hasMessageContaining("value must be one of 'cluster', 'namespaces'");
    }

    @Test
    void schemaRejectsInvalidClusterName() {
        // given
        Map<String, Object> overrides = Map.of("cluster", "EU West");

        // when / then
        assertThatThrownBy(() -> Charts.template(CHART, overrides)).hasMessageContaining("at '/cluster'");
    }

    @Test
    void configMapSetsKeysTheAgentReads() {
        // given / when
        Manifest configMap = render(Map.of("cluster", "eu-west-1-a")).only("ConfigMap");

        // then
        assertThat(configMap.map("data"))
                .contains(
                        entry("SECUREWATCH_AGENT_CLUSTER", "eu-west-1-a"),
                        entry("SECUREWATCH_AGENT_CONTROL_PLANE_URL", "https://securewatch.example.com"),
                        entry("SECUREWATCH_AGENT_DRIVER", "kubernetes"),
                        entry("SECUREWATCH_AGENT_MODE", "single"),
                        entry("SECUREWATCH_AGENT_STATE_DIRECTORY", "/var/lib/securewatch-agent"),
                        entry("QUARKUS_HTTP_PORT", "8090"));
    }

    @Test
    void tokenReadFromExistingSecret() {
        // given
        Map<String, Object> overrides = Map.of("registrationToken.existingSecret", "agent-registration");

        // when
        Manifests manifests = render(overrides);

        // then the pod still starts once the spent token's Secret is deleted
        Manifest token =
                container(manifests).at("env[name=SECUREWATCH_AGENT_REGISTRATION_TOKEN].valueFrom.secretKeyRef");
        assertThat(token.string("name")).isEqualTo("agent-registration");
        assertThat(token.string("key")).isEqualTo("registration-token");
        assertThat(token.get("optional")).isEqualTo(true);
        assertThat(manifests.has("Secret")).isFalse();
    }

    @Test
    void tokenValueGoesIntoReleaseSecret() {
        // given
        Map<String, Object> overrides = Map.of("registrationToken.value", "swr_example");

        // when
        Manifests manifests = render(overrides);

        // then
        Manifest secret = manifests.only("Secret");
        assertThat(secret.map("data")).containsOnlyKeys("registration-token");
        assertThat(container(manifests)
                        .string("env[name=SECUREWATCH_AGENT_REGISTRATION_TOKEN].valueFrom.secretKeyRef.name"))
                .isEqualTo(secret.name());
    }

    @Test
    void noTokenMeansNoTokenVariable() {
        // given / when
        Manifest container = container(render(Map.of()));

        // then
        assertThat(container.has("env[name=SECUREWATCH_AGENT_REGISTRATION_TOKEN]"))
                .isFalse();
    }

    @Test
    void stateDirectoryIsKeptClaim() {
        // given / when
        Manifests manifests = render(Map.of());

        // then
        Manifest claim = manifests.only("PersistentVolumeClaim");
        assertThat(claim.map("metadata.annotations")).containsEntry("helm.sh/resource-policy", "keep");
        Manifest pod = manifests.only("Deployment").at("spec.template.spec");
        assertThat(pod.string("volumes[name=state].persistentVolumeClaim.claimName"))
                .isEqualTo(claim.name());
        assertThat(pod.string("containers[0].volumeMounts[name=state].mountPath"))
                .isEqualTo("/var/lib/securewatch-agent");
        assertThat(pod.integer("securityContext.fsGroup")).isEqualTo(185);
    }

    @Test
    void stateDirectoryFallsBackToEmptyDir() {
        // given / when
        Manifests manifests = render(Map.of("state.persistence.enabled", false));

        // then
        assertThat(manifests.has("PersistentVolumeClaim")).isFalse();
        assertThat(manifests.only("Deployment").has("spec.template.spec.volumes[name=state].emptyDir"))
                .isTrue();
    }

    @Test
    void containerRunsLockedDown() {
        // given / when
        Manifest pod = render(Map.of()).only("Deployment").at("spec.template.spec");
        Manifest container = pod.at("containers[name=agent]");

        // then
        assertThat(pod.get("automountServiceAccountToken")).isEqualTo(true);
        assertThat(pod.get("securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(pod.string("securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
        assertThat(container.get("securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(container.get("securityContext.capabilities.drop")).isEqualTo(List.of("ALL"));
        assertThat(container.string("livenessProbe.httpGet.path")).isEqualTo("/health/live");
    }

    @Test
    void networkPolicyAdmitsNothing() {
        // given / when
        Manifest policy = render(Map.of()).only("NetworkPolicy");

        // then
        assertThat(policy.get("spec.policyTypes")).isEqualTo(List.of("Ingress"));
        assertThat(policy.has("spec.ingress")).isFalse();
    }

    /** Returns the role's grants as "group/resource verb" entries. */
    @SuppressWarnings("unchecked")
    private static Set<String> granted(Manifest role) {
        Set<String> granted = new TreeSet<>();
        for (Map<String, Object> rule : role.list("rules")) {
            for (String group : (List<String>) rule.get("apiGroups")) {
                for (String resource : (List<String>) rule.get("resources")) {
                    for (String verb : (List<String>) rule.get("verbs")) {
                        granted.add(group + "/" + resource + " " + verb);
                    }
                }
            }
        }
        return granted;
    }

    private static Set<String> permissions(List<String> resources, List<String> verbs) {
        Set<String> permissions = new TreeSet<>();
        for (String resource : resources) {
            for (String verb : verbs) {
                permissions.add(resource + " " + verb);
            }
        }
        return Set.copyOf(permissions);
    }
}
