package io.securewatch.controlplane.workload;

import static io.securewatch.controlplane.support.Api.as;
import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.securewatch.controlplane.support.Api;
import io.securewatch.controlplane.support.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ImportApiTest {

    private static final String IMPORTS = "/api/v1/imports/kubernetes";
    private static final String WORKLOADS = "/api/v1/workloads";

    private String zone;
    private String region;

    @BeforeEach
    void createRegion() {
        zone = Api.uniqueZone();
        region = Fixtures.createRegion(zone);
    }

    @Test
    void platformManifestsImportAsWorkloadWithScalingPolicy() throws IOException {
        // given: the platform's reference manifests under a name of this test
        String name = Api.uniqueName("api");
        String manifests = fixture().replace("securewatch-api", name);

        // when
        Response response = post(Api.ADMIN, manifests, "regions=" + region);

        // then
        response.then()
                .statusCode(201)
                .contentType("application/json")
                .body("dryRun", equalTo(false))
                .body("workloads", hasSize(1))
                .body("workloads[0].name", equalTo(name))
                .body("workloads[0].namespace", equalTo("securewatch"))
                .body("workloads[0].regions", equalTo(List.of(region)))
                .body("workloads[0].service.name", equalTo(name))
                .body("workloads[0].configMaps", equalTo(List.of("securewatch-config")))
                .body("workloads[0].secrets", equalTo(List.of("securewatch-secrets")))
                .body("scalingPolicies[0].workload", equalTo(name))
                .body("unhandled", hasSize(0));
        String workload = WORKLOADS + "/" + name;
        asAdmin()
                .get(workload)
                .then()
                .statusCode(200)
                .body("deployment.strategy.rollingUpdate.maxSurge", equalTo(1))
                .body("deployment.strategy.rollingUpdate.maxUnavailable", equalTo(0))
                .body("deployment.template.spec.containers[0].ports[0].containerPort", equalTo(8080))
                .body("deployment.template.spec.containers[0].resources.requests.cpu", equalTo("500m"))
                .body("deployment.template.spec.containers[0].resources.limits.memory", equalTo("2Gi"))
                .body("deployment.template.spec.containers[0].readinessProbe.httpGet.path", equalTo("/health/ready"))
                .body("deployment.template.spec.containers[0].livenessProbe.httpGet.path", equalTo("/health/live"))
                .body("service.spec.ports[0].port", equalTo(80))
                .body("service.spec.ports[0].targetPort", equalTo(8080));
        asAdmin()
                .get(workload + "/scaling-policy")
                .then()
                .statusCode(200)
                .body("minReplicas", equalTo(3))
                .body("maxReplicas", equalTo(20))
                .body("targetCpuUtilization", equalTo(70))
                .body("targetMemoryUtilization", equalTo(80));
    }

    @Test
    void storefrontImportsWhole() throws IOException {
        // given: eleven Deployments, ten Services, six autoscalers (one autoscaling/v1) and five other objects
        String manifests = resource("/imports/storefront.yaml");
        String cluster = Fixtures.createCluster(region);

        // when
        Response response = post(Api.ADMIN, manifests, "regions=" + region);

        // then
        response.then()
                .statusCode(201)
                .body("workloads", hasSize(11))
                .body("workloads.findAll { it.service != null }", hasSize(10))
                .body("scalingPolicies", hasSize(6))
                .body("scalingPolicies.find { it.workload == 'cart' }.targetCpuUtilization", equalTo(60))
                .body(
                        "scalingPolicies.find { it.workload == 'api-gateway' }.behavior.scaleDown.policies[0].type",
                        equalTo("pods"))
                .body(
                        "unhandled.kind",
                        equalTo(List.of("ConfigMap", "Secret", "Ingress", "PodDisruptionBudget", "CronJob")))
                .body("workloads.find { it.name == 'payments' }.secrets", equalTo(List.of("storefront-secrets")))
                .body(not(containsString("test-only-key")));
        List<String> kinds = asAdmin()
                .get("/api/v1/clusters/" + cluster + "/desired-state")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("objects.kind");
        assertThat(kinds.stream().filter("Deployment"::equals)).hasSize(11);
        assertThat(kinds.stream().filter("HorizontalPodAutoscaler"::equals)).hasSize(6);
        assertThat(kinds.stream().filter("Service"::equals)).hasSize(10);
    }

    @Test
    void demoSeedImportedThePlatformApi() {
        asAdmin()
                .get(WORKLOADS + "/securewatch-api/scaling-policy")
                .then()
                .statusCode(200)
                .body("minReplicas", equalTo(3))
                .body("maxReplicas", equalTo(20));
    }

    @Test
    void dryRunReportsTheImportAndStoresNothing() throws IOException {
        // given
        String name = Api.uniqueName("api");
        String manifests = fixture().replace("securewatch-api", name);

        // when
        Response response = post(Api.ADMIN, manifests, "dryRun=true&regions=" + region);

        // then
        response.then()
                .statusCode(200)
                .body("dryRun", equalTo(true))
                .body("workloads[0].name", equalTo(name))
                .body("scalingPolicies[0].maxReplicas", equalTo(20));
        asAdmin().get(WORKLOADS + "/" + name).then().statusCode(404);
        asAdmin()
                .queryParam("objectKind", "workload")
                .queryParam("objectId", name)
                .get("/api/v1/audit-events")
                .then()
                .body("items", hasSize(0));
    }

    @Test
    void otherKindsListedAsUnhandled() {
        // given
        String name = Api.uniqueName("web");
        String manifests = deployment(name, "")
                + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  mode: fast\n"
                + "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: web-secret\nstringData:\n"
                + "  password: hunter2-not-echoed\n"
                + "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec: {}\n";

        // when
        Response response = post(Api.ADMIN, manifests, "regions=" + region);

        // then
        response.then()
                .statusCode(201)
                .body("unhandled", hasSize(3))
                .body("unhandled[0].document", equalTo(1))
                .body("unhandled[0].kind", equalTo("ConfigMap"))
                .body("unhandled[0].reason", containsString("used by workload " + name))
                .body("unhandled[1].kind", equalTo("Secret"))
                .body("unhandled[2].kind", equalTo("Ingress"))
                .body("unhandled[2].reason", containsString("not imported"))
                .body(not(containsString("hunter2")));
    }

    @Test
    void autoscalingV1IsConverted() {
        // given
        String name = Api.uniqueName("web");
        String manifests = deployment(name, "")
                + "---\napiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: " + name
                + "\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: " + name + "}\n"
                + "  minReplicas: 2\n  maxReplicas: 6\n  targetCPUUtilizationPercentage: 65\n";

        // when
        Response response = post(Api.ADMIN, manifests, "regions=" + region);

        // then
        response.then()
                .statusCode(201)
                .body("scalingPolicies[0].minReplicas", equalTo(2))
                .body("scalingPolicies[0].maxReplicas", equalTo(6))
                .body("scalingPolicies[0].targetCpuUtilization", equalTo(65));
        asAdmin()
                .queryParam("objectKind", "scaling-policy")
                .queryParam("objectId", name)
                .get("/api/v1/audit-events")
                .then()
                .body("items.action", equalTo(List.of("create")));
    }

    @Test
    void tenantImportUsesTenantNamespace() {
        // given
        String slug = Fixtures.createTenant(List.of(zone), List.of(region));
        String name = Api.uniqueName("web");

        // when
        Response response = post(Api.ADMIN, deployment(name, ""), "tenant=" + slug);

        // then
        response.then()
                .statusCode(201)
                .body("workloads[0].tenant", equalTo(slug))
                .body("workloads[0].namespace", equalTo("tenant-" + slug))
                .body("workloads[0].regions", equalTo(List.of(region)));
    }

    @Test
    void badDocumentsAreNamedAndNothingIsStored() {
        String good = Api.uniqueName("good");
        String other = Api.uniqueName("other");
        record Case(String label, String manifests, String field) {}
        List<Case> cases = List.of(
                new Case(
                        "YAML syntax error",
                        deployment(good, "") + "---\napiVersion: apps/v1\nkind: [Deployment\n",
                        "documents[1]"),
                new Case(
                        "unknown apiVersion",
                        deployment(good, "") + "---\n" + deployment(other, "").replace("apps/v1", "apps/v9"),
                        "documents[1].apiVersion"),
                new Case(
                        "missing image",
                        deployment(good, "").replace("        image: registry.example.com/web:1.0\n", ""),
                        "documents[0].spec.template.spec.containers[0].image"),
                new Case("missing kind", "apiVersion: v1\nmetadata:\n  name: x\n", "documents[0].kind"),
                new Case(
                        "duplicate Deployment names",
                        deployment(good, "") + "---\n" + deployment(good, ""),
                        "documents[1].metadata.name"),
                new Case(
                        "duplicate key",
                        deployment(good, "").replace("metadata:\n  name:", "metadata:\n  name: twice\n  name:"),
                        "documents[0]"),
                new Case("alias expansion bomb", aliasBomb(), "documents[1]"),
                new Case(
                        "5 MB document",
                        deployment(good, "") + "---\n"
                                + deployment(other, "  annotations:\n    big: \"" + "x".repeat(5_000_000) + "\"\n"),
                        "documents[1]"),
                new Case(
                        "autoscaler for a Deployment outside the import",
                        deployment(good, "") + "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\n"
                                + "metadata:\n  name: x\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind:"
                                + " Deployment, name: elsewhere}\n  maxReplicas: 3\n",
                        "documents[1].spec.scaleTargetRef.name"),
                new Case(
                        "unsupported metric",
                        deployment(good, "") + "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\n"
                                + "metadata:\n  name: x\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind:"
                                + " Deployment, name: " + good + "}\n  maxReplicas: 3\n  metrics:\n"
                                + "  - type: External\n",
                        "documents[1].spec.metrics[0].type"),
                new Case("not a map", "- just\n- a list\n", "documents[0]"));
        for (Case bad : cases) {
            // when
            Response response = post(Api.ADMIN, bad.manifests(), "regions=" + region);

            // then
            response.then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem(bad.field()));
            assertThat(response.asString()).as(bad.label()).doesNotContain("xxxxxxxxxx");
            asAdmin().get(WORKLOADS + "/" + good).then().statusCode(404);
        }
    }

    @Test
    void existingWorkloadIsAConflictAndNothingIsStored() {
        // given
        String existing = Api.uniqueName("web");
        String fresh = Api.uniqueName("web");
        post(Api.ADMIN, deployment(existing, ""), "regions=" + region).then().statusCode(201);

        // when
        Response response =
                post(Api.ADMIN, deployment(fresh, "") + "---\n" + deployment(existing, ""), "regions=" + region);

        // then
        response.then().statusCode(409).body("errors[0].field", equalTo("documents[1].metadata.name"));
        asAdmin().get(WORKLOADS + "/" + fresh).then().statusCode(404);
    }

    @Test
    void retryWithIdempotencyKeyReplaysTheFirstImport() {
        // given
        String name = Api.uniqueName("web");
        String key = Api.uniqueName("key");
        String manifests = deployment(name, "");
        Response first = as(Api.ADMIN)
                .header("Idempotency-Key", key)
                .contentType("application/yaml; charset=utf-8")
                .body(manifests.getBytes(StandardCharsets.UTF_8))
                .post(IMPORTS + "?regions=" + region);
        first.then().statusCode(201);

        // when
        Response retry = as(Api.ADMIN)
                .header("Idempotency-Key", key)
                .contentType("application/yaml; charset=utf-8")
                .body(manifests.getBytes(StandardCharsets.UTF_8))
                .post(IMPORTS + "?regions=" + region);

        // then
        retry.then().statusCode(201).header("Idempotent-Replayed", "true").body("workloads[0].name", equalTo(name));
        as(Api.ADMIN)
                .header("Idempotency-Key", key)
                .contentType("application/yaml; charset=utf-8")
                .body(deployment(Api.uniqueName("web"), "").getBytes(StandardCharsets.UTF_8))
                .post(IMPORTS + "?regions=" + region)
                .then()
                .statusCode(422);
    }

    @Test
    void guardsOnCallerMediaTypeAndParameters() {
        String name = Api.uniqueName("web");
        String manifests = deployment(name, "");
        post(Api.VIEWER, manifests, "regions=" + region).then().statusCode(403);
        post(Api.ACME_ADMIN, manifests, "tenant=globex").then().statusCode(404);
        post(Api.ADMIN, manifests, "regions=no-such-region")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("regions"));
        post(Api.ADMIN, manifests, "dryRun=maybe").then().statusCode(400).body("errors[0].field", equalTo("dryRun"));
        post(Api.ADMIN, manifests, "dryRun").then().statusCode(400).body("errors[0].field", equalTo("dryRun"));
        post(Api.ADMIN, manifests, "tenant=&dryRun=true")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("tenant"));
        post(Api.ADMIN, "---\n# nothing\n---\n", "regions=" + region)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("body"));
        post(Api.ADMIN, "", "regions=" + region).then().statusCode(400).body("errors[0].field", equalTo("body"));
        asAdmin().body("{}").post(IMPORTS).then().statusCode(415).body("detail", containsString("application/yaml"));
        asAdmin().get(WORKLOADS + "/" + name).then().statusCode(404);
    }

    private static Response post(String user, String manifests, String query) {
        return as(user).contentType("application/yaml; charset=utf-8")
                .body(manifests.getBytes(StandardCharsets.UTF_8))
                .post(IMPORTS + "?" + query);
    }

    private static String deployment(String name, String extraMetadata) {
        return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\n" + extraMetadata
                + "spec:\n  replicas: 2\n  selector:\n    matchLabels: {app: " + name + "}\n"
                + "  template:\n    metadata:\n      labels: {app: " + name + "}\n    spec:\n      containers:\n"
                + "      - name: web\n        image: registry.example.com/web:1.0\n"
                + "        resources:\n          requests: {cpu: 100m, memory: 128Mi}\n"
                + "        envFrom:\n        - configMapRef: {name: web-config}\n"
                + "        - secretRef: {name: web-secret}\n";
    }

    /** Nine levels of aliases that would expand to a billion strings. */
    private static String aliasBomb() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            char previous = (char) (level - 1);
            yaml.append(level).append(": &").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            yaml.append("]\n");
        }
        return deployment(Api.uniqueName("x"), "") + "---\n" + yaml;
    }

    private static String fixture() throws IOException {
        return resource("/demo/securewatch-api.yaml");
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = ImportApiTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
