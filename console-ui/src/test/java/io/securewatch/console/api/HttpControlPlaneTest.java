package io.securewatch.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.securewatch.api.v1.ClusterStatus;
import io.securewatch.api.v1.Drill;
import io.securewatch.api.v1.DrillRequest;
import io.securewatch.api.v1.Problem.FieldError;
import io.securewatch.api.v1.RegistrationToken;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpControlPlaneTest {

    private static final Credentials OPERATOR = new Credentials("operator", "operator");
    private static final DrillRequest DRILL = new DrillRequest(
            "evacuate-eu-west-1",
            DrillRequest.Type.REGION_EVACUATION,
            "eu-west-1",
            null,
            new DrillRequest.Guardrails(null, null, null, 900, null),
            DrillRequest.Mode.DRY_RUN,
            null);
    private static final String DRILL_JSON = "{\"name\":\"evacuate-eu-west-1\",\"type\":\"region-evacuation\","
            + "\"target\":\"eu-west-1\",\"mode\":\"dry-run\",\"createdBy\":\"admin\",\"version\":4}";

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> ifMatches = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void clusterStatusReadsAheadAgent() {
        // given
        HttpControlPlane controlPlane = serve(
                200,
                "application/json",
                "{\"cluster\":\"eu-west-1-b\",\"connected\":true,\"desiredRevision\":41,\"desiredHash\":\"9f2c\","
                        + "\"appliedRevision\":41,\"revisionLag\":0,\"ahead\":true,\"agentRevision\":42,"
                        + "\"agentHash\":\"5be1\",\"aheadSince\":\"2026-12-05T14:02:11Z\",\"drift\":[],"
                        + "\"appliedTargets\":[]}");

        // when
        ClusterStatus status = controlPlane.clusterStatus(OPERATOR, "eu-west-1-b");

        // then
        assertThat(status.cluster()).isEqualTo("eu-west-1-b");
        assertThat(status.desiredRevision()).isEqualTo(41);
        assertThat(status.ahead()).isTrue();
        assertThat(status.agentRevision()).isEqualTo(42);
        assertThat(status.agentHash()).isEqualTo("5be1");
        assertThat(status.aheadSince()).isEqualTo(Instant.parse("2026-12-05T14:02:11Z"));
    }

    @Test
    void clusterStatusWithoutAheadFieldsIsNotAhead() {
        // given: a control plane that predates the ahead fields
        HttpControlPlane controlPlane = serve(
                200,
                "application/json",
                "{\"cluster\":\"eu-west-1-a\",\"connected\":true,\"desiredRevision\":7,\"appliedRevision\":5,"
                        + "\"revisionLag\":2}");

        // when
        ClusterStatus status = controlPlane.clusterStatus(OPERATOR, "eu-west-1-a");

        // then
        assertThat(status.revisionLag()).isEqualTo(2);
        assertThat(status.ahead()).isFalse();
        assertThat(status.agentRevision()).isNull();
    }

    @Test
    void registrationTokenRequestHasNoBody() {
        // given
        HttpControlPlane controlPlane = serve(
                201,
                "application/json",
                "{\"cluster\":\"eu-west-1-a\",\"token\":\"swrt_secret\",\"expiresAt\":\"2026-12-05T11:00:00Z\","
                        + "\"agentCommand\":\"SECUREWATCH_AGENT_REGISTRATION_TOKEN=swrt_secret java -jar agent.jar\"}");

        // when
        RegistrationToken token = controlPlane.createRegistrationToken(OPERATOR, "eu-west-1-a");

        // then
        assertThat(requests)
                .containsExactly("POST /api/v1/clusters/eu-west-1-a/registration-tokens body=0 idempotency-key=null");
        assertThat(token.cluster()).isEqualTo("eu-west-1-a");
        assertThat(token.token()).isEqualTo("swrt_secret");
        assertThat(token.expiresAt()).isEqualTo(Instant.parse("2026-12-05T11:00:00Z"));
        assertThat(token.agentCommand())
                .isEqualTo("SECUREWATCH_AGENT_REGISTRATION_TOKEN=swrt_secret java -jar agent.jar");
    }

    @Test
    void registrationTokenRejectionCarriesDetail() {
        // given
        HttpControlPlane controlPlane = serve(
                403,
                "application/problem+json",
                "{\"type\":\"urn:securewatch:problem:forbidden\",\"title\":\"Forbidden\",\"status\":403,"
                        + "\"detail\":\"your role does not allow this operation\"}");

        // when / then
        assertThatThrownBy(() -> controlPlane.createRegistrationToken(OPERATOR, "eu-west-1-a"))
                .isInstanceOfSatisfying(ApiError.class, error -> {
                    assertThat(error.status()).isEqualTo(403);
                    assertThat(error.getMessage()).isEqualTo("your role does not allow this operation");
                });
    }

    @Test
    void updateDrillSendsVersionAsIfMatch() {
        // given
        HttpControlPlane controlPlane = serve(200, "application/json", DRILL_JSON);

        // when
        Drill updated = controlPlane.updateDrill(OPERATOR, "evacuate-eu-west-1", DRILL, 3);

        // then
        assertThat(requests).singleElement().asString().startsWith("PUT /api/v1/drills/evacuate-eu-west-1 ");
        assertThat(ifMatches).containsExactly("\"3\"");
        assertThat(bodies.get(0))
                .contains("\"type\":\"region-evacuation\"")
                .contains("\"maxDurationSeconds\":900")
                .contains("\"mode\":\"dry-run\"");
        assertThat(updated.version()).isEqualTo(4);
    }

    @Test
    void deleteDrillSendsVersionAsIfMatch() {
        // given
        HttpControlPlane controlPlane = serve(204, "application/json", "");

        // when
        controlPlane.deleteDrill(OPERATOR, "evacuate-eu-west-1", 3);

        // then
        assertThat(requests).containsExactly("DELETE /api/v1/drills/evacuate-eu-west-1 body=0 idempotency-key=null");
        assertThat(ifMatches).containsExactly("\"3\"");
    }

    @Test
    void createDrillReturnsFieldErrors() {
        // given
        HttpControlPlane controlPlane = serve(
                400,
                "application/problem+json",
                "{\"type\":\"urn:securewatch:problem:invalid-request\",\"title\":\"Invalid request\","
                        + "\"status\":400,\"detail\":\"guardrails.maxDurationSeconds: must be from 60 to 86400\","
                        + "\"errors\":[{\"field\":\"guardrails.maxDurationSeconds\","
                        + "\"message\":\"must be from 60 to 86400\"}]}");

        // when
        ApiError failure = catchThrowableOfType(ApiError.class, () -> controlPlane.createDrill(OPERATOR, DRILL));

        // then
        assertThat(requests).singleElement().asString().startsWith("POST /api/v1/drills ");
        assertThat(ifMatches).containsExactly("null");
        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.fieldErrors())
                .containsExactly(new FieldError("guardrails.maxDurationSeconds", "must be from 60 to 86400"));
    }

    @Test
    void queryLeavesOutBlankValues() {
        // given
        Map<String, String> filter = new HashMap<>();
        filter.put("tier", "shared");
        filter.put("status", null);
        filter.put("residencyZone", " ");

        // when / then
        assertThat(HttpControlPlane.query(filter)).isEqualTo("?tier=shared");
        assertThat(HttpControlPlane.query(Map.of())).isEmpty();
    }

    @Test
    void queryEncodesValues() {
        // when / then
        assertThat(HttpControlPlane.query(Map.of("actor", "system:drill", "objectId", "evacuate-eu-west-1/2")))
                .isEqualTo("?actor=system%3Adrill&objectId=evacuate-eu-west-1%2F2");
    }

    @Test
    void credentialsMakeBasicHeader() {
        // when / then
        assertThat(new Credentials("admin", "admin").authorization()).isEqualTo("Basic YWRtaW46YWRtaW4=");
    }

    @Test
    void bearerCredentialsSendNewestToken() {
        // given
        java.util.concurrent.atomic.AtomicReference<String> token =
                new java.util.concurrent.atomic.AtomicReference<>("first-token");
        Credentials credentials = Credentials.bearer("alice", token::get);

        // when
        token.set("renewed-token");

        // then
        assertThat(credentials.authorization()).isEqualTo("Bearer renewed-token");
        assertThat(credentials.toString()).isEqualTo("Credentials[user=alice]").doesNotContain("token");
    }

    /** Starts an HTTP server on the loopback address that records each request and returns the given response. */
    private HttpControlPlane serve(int status, String contentType, String body) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("failed to start the test server on the loopback address", e);
        }
        server.createContext("/", exchange -> respond(exchange, status, contentType, body));
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return new HttpControlPlane(new HttpControlPlane.ConsoleConfig() {
            @Override
            public String controlPlaneUrl() {
                return url;
            }

            @Override
            public Duration connectTimeout() {
                return Duration.ofSeconds(2);
            }

            @Override
            public Duration requestTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Oidc oidc() {
                return () -> false;
            }
        });
    }

    private void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] received = exchange.getRequestBody().readAllBytes();
        ifMatches.add(String.valueOf(exchange.getRequestHeaders().getFirst("If-Match")));
        bodies.add(new String(received, StandardCharsets.UTF_8));
        requests.add(
                exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " body=" + received.length
                        + " idempotency-key=" + exchange.getRequestHeaders().getFirst("Idempotency-Key"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
