package io.securewatch.agent.consul;

import static io.securewatch.agent.routing.RoutingObjectsFixture.configEntry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securewatch.agent.core.AppliedTarget;
import io.securewatch.agent.core.ApplyResult;
import io.securewatch.agent.core.ClusterWriteException;
import io.securewatch.agent.core.DesiredObject;
import io.securewatch.agent.core.ObjectKey;
import io.securewatch.agent.core.Reconciler;
import io.securewatch.agent.routing.RoutingDriver;
import io.securewatch.agent.routing.RoutingObjects;
import io.securewatch.agent.routing.RoutingObjectsFixture;
import io.securewatch.agent.simulated.SimulatedClusterDriver;
import io.securewatch.testsupport.consul.ConsulFake;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Config entries reach a Consul fake through the reconciler, as the agent applies a bundle. */
class ConsulConfigEntriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ConsulFake consul;
    private RoutingDriver driver;
    private Reconciler reconciler;

    @BeforeEach
    void startConsul() {
        consul = ConsulFake.start("eu-west-1");
        driver = RoutingDriver.wrap(
                new SimulatedClusterDriver(8000, 1L << 34),
                Optional.of(new ConsulConfigEntries(address(), Duration.ofSeconds(2))),
                Optional.empty());
        reconciler = new Reconciler(driver);
    }

    @AfterEach
    void stopConsul() {
        consul.close();
    }

    @Test
    void entriesAreWrittenOnceWithOwnership() throws Exception {
        // given
        List<DesiredObject> bundle = bundle(70);

        // when
        ApplyResult first = reconciler.apply(bundle, List.of());
        ApplyResult again = reconciler.apply(bundle, List.of());

        // then
        assertThat(first.succeeded()).isTrue();
        assertThat(first.created()).isEqualTo(3);
        assertThat(again.unchanged()).isEqualTo(3);
        JsonNode splitter = read("/v1/config/service-splitter/shop");
        assertThat(splitter.path("Splits").get(0).path("Weight").asDouble()).isEqualTo(70);
        assertThat(splitter.path("Meta")
                        .path(ConsulConfigEntries.META_MANAGED_BY)
                        .asText())
                .isEqualTo("securewatch");
        assertThat(splitter.path("Meta").path(ConsulConfigEntries.META_SERVICE).asText())
                .isEqualTo("shop");
        assertThat(splitter.path("Meta")
                        .path(ConsulConfigEntries.META_CONTENT_HASH)
                        .asText())
                .isEqualTo(bundle.get(2).contentHash());
    }

    @Test
    void weightChangeUpdatesOnlyTheSplitter() throws Exception {
        // given
        reconciler.apply(bundle(70), List.of());

        // when
        ApplyResult shifted = reconciler.apply(bundle(0), List.of());

        // then
        assertThat(shifted.updated()).isEqualTo(1);
        assertThat(shifted.unchanged()).isEqualTo(2);
        assertThat(read("/v1/config/service-splitter/shop")
                        .path("Splits")
                        .get(0)
                        .path("Weight")
                        .asDouble())
                .isZero();
    }

    @Test
    void driftInConsulIsReportedAndCorrected() throws Exception {
        // given: someone changes the splitter by hand, keeping its Meta
        List<DesiredObject> bundle = bundle(70);
        reconciler.apply(bundle, List.of());
        JsonNode splitter = read("/v1/config/service-splitter/shop");
        ((com.fasterxml.jackson.databind.node.ObjectNode)
                        splitter.path("Splits").get(0))
                .put("Weight", 10);
        ((com.fasterxml.jackson.databind.node.ObjectNode)
                        splitter.path("Splits").get(1))
                .put("Weight", 90);
        put("/v1/config", splitter.toString());

        // when
        List<Reconciler.DriftReport> drift = reconciler.detectDrift(bundle, true);

        // then
        assertThat(drift).singleElement().satisfies(report -> {
            assertThat(report.key().name()).isEqualTo("service-splitter.shop");
            assertThat(report.description()).contains("Splits[0].Weight");
            assertThat(report.corrected()).isTrue();
        });
        assertThat(read("/v1/config/service-splitter/shop")
                        .path("Splits")
                        .get(0)
                        .path("Weight")
                        .asDouble())
                .isEqualTo(70);
    }

    @Test
    void departedEntriesAreDeletedAndStraysFound() throws Exception {
        // given
        List<DesiredObject> bundle = bundle(70);
        reconciler.apply(bundle, List.of());

        // when: the splitter leaves the bundle
        List<DesiredObject> remaining = bundle.subList(0, 2);
        assertThat(reconciler.strays(remaining)).extracting(ObjectKey::name).containsExactly("service-splitter.shop");
        ApplyResult result = reconciler.apply(List.of(), reconciler.strays(remaining));

        // then
        assertThat(result.deleted()).isEqualTo(1);
        assertThat(status("/v1/config/service-splitter/shop")).isEqualTo(404);
        assertThat(status("/v1/config/service-defaults/shop")).isEqualTo(200);
    }

    @Test
    void entryWrittenByOthersIsLeftAlone() throws Exception {
        // given: an operator's own service-defaults for the service, without SecureWatch's Meta
        put("/v1/config", "{\"Kind\":\"service-defaults\",\"Name\":\"shop\",\"Protocol\":\"grpc\"}");

        // when
        ApplyResult result = reconciler.apply(bundle(70).subList(0, 1), List.of());

        // then
        assertThat(result.succeeded()).isFalse();
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.reason()).isEqualTo("Conflict");
            assertThat(failure.message()).contains("not managed by SecureWatch");
        });
        assertThat(read("/v1/config/service-defaults/shop").path("Protocol").asText())
                .isEqualTo("grpc");
        assertThat(reconciler.strays(List.of())).isEmpty();
    }

    @Test
    void sameContentFromTwoAgentsSucceeds() {
        // given: a second agent of the region, whose reads happened before the first agent's writes
        ConsulConfigEntries other = new ConsulConfigEntries(address(), Duration.ofSeconds(2));
        List<DesiredObject> bundle = bundle(70);
        reconciler.apply(bundle, List.of());
        Map<String, Object> splitter = RoutingObjectsFixture.annotated(bundle.get(2));

        // when: it creates the entry that exists, and updates it with an outdated index
        other.create(splitter);
        other.update(splitter, "1");

        // then: both count as done, since Consul has the same content
        assertThat(other.get(bundle.get(2).key()))
                .get()
                .extracting(RoutingObjects::contentHash)
                .isEqualTo(bundle.get(2).contentHash());
    }

    @Test
    void outdatedOtherContentConflicts() {
        // given: the entry has weight 70, and an agent still on an older revision writes weight 0
        reconciler.apply(bundle(70), List.of());
        ConsulConfigEntries other = new ConsulConfigEntries(address(), Duration.ofSeconds(2));
        Map<String, Object> older = RoutingObjectsFixture.annotated(bundle(0).get(2));

        // when / then
        assertThatThrownBy(() -> other.update(older, "1"))
                .isInstanceOf(ClusterWriteException.class)
                .hasMessageContaining("changed in Consul while it was being written");
    }

    @Test
    void entryForAnotherDatacenterIsRejected() {
        // given
        DesiredObject foreign = configEntry("us-east-1", defaults());

        // when
        ApplyResult result = reconciler.apply(List.of(foreign), List.of());

        // then
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.reason()).isEqualTo("Invalid");
            assertThat(failure.message()).contains("us-east-1", "serves datacenter eu-west-1");
        });
        assertThat(status("/v1/config/service-defaults/shop")).isEqualTo(404);
    }

    @Test
    void missingAclTokenIsForbidden() {
        // given: Consul enforces ACLs
        String token = "0f3c9a1e-0000-4000-8000-000000000003";
        consul.requireToken(token);
        Reconciler withToken = new Reconciler(RoutingDriver.wrap(
                new SimulatedClusterDriver(8000, 1L << 34),
                Optional.of(new ConsulConfigEntries(address(), Duration.ofSeconds(2), Optional.of(token))),
                Optional.empty()));

        // when
        ApplyResult denied = reconciler.apply(bundle(70), List.of());
        ApplyResult allowed = withToken.apply(bundle(70), List.of());

        // then
        assertThat(denied.failures()).isNotEmpty().allSatisfy(failure -> {
            assertThat(failure.reason()).isEqualTo("Forbidden");
            assertThat(failure.message()).doesNotContain(token);
        });
        assertThat(allowed.succeeded()).isTrue();
        assertThat(allowed.created()).isEqualTo(3);
    }

    @Test
    void consulDownFailsTheApplyAsUnavailable() {
        // given
        consul.close();

        // when
        ApplyResult result = reconciler.apply(bundle(70), List.of());

        // then
        assertThat(result.failures())
                .hasSize(3)
                .allSatisfy(failure -> assertThat(failure.reason()).isEqualTo("Unavailable"));
    }

    @Test
    void ackNamesTheConsulItWroteTo() {
        // given
        List<DesiredObject> bundle = bundle(70);

        // when
        List<AppliedTarget> targets =
                driver.appliedTargets(bundle.stream().map(DesiredObject::key).toList());

        // then
        assertThat(targets).singleElement().satisfies(target -> {
            assertThat(target.target()).isEqualTo("consul");
            assertThat(target.address()).isEqualTo(address().toString());
            assertThat(target.objects()).hasSize(3);
        });
    }

    private List<DesiredObject> bundle(int eastWeight) {
        Map<String, Object> redirect = new LinkedHashMap<>();
        redirect.put("Kind", "service-resolver");
        redirect.put("Name", "shop");
        redirect.put("RequestTimeout", "15s");
        Map<String, Object> splitter = new LinkedHashMap<>();
        splitter.put("Kind", "service-splitter");
        splitter.put("Name", "shop");
        splitter.put(
                "Splits",
                List.of(
                        Map.of("Weight", eastWeight, "Service", "shop", "ServiceSubset", ""),
                        Map.of("Weight", 100 - eastWeight, "Service", "shop", "ServiceSubset", "")));
        return List.of(
                configEntry("eu-west-1", defaults()),
                configEntry("eu-west-1", redirect),
                configEntry("eu-west-1", splitter));
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("Kind", "service-defaults");
        defaults.put("Name", "shop");
        defaults.put("Protocol", "http");
        return defaults;
    }

    private URI address() {
        return URI.create("http://127.0.0.1:" + consul.port());
    }

    private JsonNode read(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(address().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private int status(String path) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(address().resolve(path)).build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void put(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(address().resolve(path))
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
