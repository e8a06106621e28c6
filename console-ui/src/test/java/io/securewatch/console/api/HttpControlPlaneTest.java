package io.securewatch.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
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
        });
    }

    private void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] received = exchange.getRequestBody().readAllBytes();
        requests.add(
                exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " body=" + received.length
                        + " idempotency-key=" + exchange.getRequestHeaders().getFirst("Idempotency-Key"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
