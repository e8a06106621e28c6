package io.securewatch.testsupport.consul;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * service-router config entries, pinned against Consul's "Service router configuration reference" page. Route JSON in
 * the tables is written with single quotes, which {@link #routerBody} turns into double quotes.
 */
class ServiceRouterTest {

    private static final String ALL_RETRY_CONDITIONS = "5xx, gateway-error, reset, connect-failure, envoy-ratelimited,"
            + " retriable-4xx, refused-stream, cancelled, deadline-exceeded, internal, resource-exhausted, unavailable";

    private ConsulFake fake;
    private ConsulHttp http;

    @BeforeEach
    void startFake() {
        fake = ConsulFake.start("eu-west-1");
        http = new ConsulHttp(fake);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void appliedRouterReadsBackUnchanged() {
        // given
        http.put("/v1/config", serviceDefaults("web", "http"));
        JsonObject router = new JsonObject(routerBody("web", """
                [{'Match': {'HTTP': {'PathPrefix': '/admin', 'Methods': ['GET', 'POST'],
                                     'Header': [{'Name': 'x-debug', 'Exact': '1'}]}},
                  'Destination': {'Service': 'admin', 'NumRetries': 3, 'RetryOn': ['5xx', 'reset'],
                                  'RetryOnStatusCodes': [503], 'RequestTimeout': '15s', 'IdleTimeout': '1m'}},
                 {'Match': {'HTTP': {'PathExact': '/billing.Invoices/Generate'}}},
                 {'Destination': {'Service': 'web', 'ServiceSubset': 'canary'}}]
                """));
        ConsulHttp.Reply applied = http.put("/v1/config", router);

        // when
        ConsulHttp.Reply reply = http.get("/v1/config/service-router/web");

        // then
        assertThat(applied.status()).isEqualTo(200);
        assertThat(applied.body()).isEqualTo("true");
        assertThat(reply.status()).isEqualTo(200);
        JsonObject entry = reply.object();
        assertThat(entry.fieldNames()).containsExactly("Kind", "Name", "Routes", "CreateIndex", "ModifyIndex");
        assertThat(entry.getString("Kind")).isEqualTo("service-router");
        assertThat(entry.getString("Name")).isEqualTo("web");
        assertThat(entry.getJsonArray("Routes")).isEqualTo(router.getJsonArray("Routes"));
        assertThat(entry.getLong("CreateIndex")).isPositive();
        assertThat(entry.getLong("ModifyIndex")).isEqualTo(entry.getLong("CreateIndex"));
        assertThat(reply.index()).isEqualTo(entry.getLong("ModifyIndex"));
    }

    @Test
    void routersAreListedByName() {
        // given
        http.put("/v1/config", serviceDefaults("web", "http"));
        http.put("/v1/config", serviceDefaults("api", "grpc"));
        http.put("/v1/config", routerBody("web", "[{'Match': {'HTTP': {'PathPrefix': '/admin'}}}]"));
        http.put("/v1/config", routerBody("api", "[{'Match': {'HTTP': {'PathPrefix': '/v2'}}}]"));

        // when
        JsonArray entries = http.get("/v1/config/service-router").array();

        // then
        assertThat(entries)
                .extracting(entry -> ((JsonObject) entry).getString("Name"))
                .containsExactly("api", "web");
        assertThat(entries)
                .extracting(entry -> ((JsonObject) entry).getString("Kind"))
                .containsOnly("service-router");
        assertThat(http.get("/v1/config/service-defaults").array()).hasSize(2);
    }

    @Test
    void deletedRouterIsNotFound() {
        // given
        http.put("/v1/config", serviceDefaults("web", "http"));
        http.put("/v1/config", routerBody("web", "[{'Match': {'HTTP': {'PathPrefix': '/admin'}}}]"));

        // when
        ConsulHttp.Reply deleted = http.delete("/v1/config/service-router/web");

        // then
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{}");
        ConsulHttp.Reply reply = http.get("/v1/config/service-router/web");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).isEqualTo("Config entry not found for \"service-router\" / \"web\"");
        assertThat(http.get("/v1/config/service-router").array()).isEmpty();
        assertThat(http.get("/v1/config/service-defaults/web").status()).isEqualTo(200);
    }

    static Stream<Arguments> validRoutes() {
        return Stream.of(
                Arguments.of("no routes", "[]"),
                Arguments.of("catch-all route without Match", "[{'Destination': {'ServiceSubset': 'v2'}}]"),
                Arguments.of("PathRegex without a leading slash", "[{'Match': {'HTTP': {'PathRegex': '.*/admin'}}}]"),
                Arguments.of(
                        "empty path matchers are not set",
                        "[{'Match': {'HTTP': {'PathExact': '', 'PathPrefix': '/admin', 'PathRegex': ''}}}]"),
                Arguments.of(
                        "every documented retry condition",
                        "[{'Destination': {'RetryOn': ['5xx', 'gateway-error', 'reset', 'connect-failure',"
                                + " 'envoy-ratelimited', 'retriable-4xx', 'refused-stream', 'cancelled',"
                                + " 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable']}}]"),
                Arguments.of("zero NumRetries", "[{'Destination': {'NumRetries': 0}}]"),
                Arguments.of("largest NumRetries", "[{'Destination': {'NumRetries': 4294967295}}]"),
                Arguments.of(
                        "timeouts as Go durations",
                        "[{'Destination': {'RequestTimeout': '1m30s', 'IdleTimeout': '500ms'}}]"),
                Arguments.of(
                        "timeouts as nanoseconds",
                        "[{'Destination': {'RequestTimeout': 15000000000, 'IdleTimeout': 0}}]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRoutes")
    void validRouterIsStored(String description, String routes) {
        // given
        http.put("/v1/config", serviceDefaults("web", "http"));

        // when
        ConsulHttp.Reply reply = http.put("/v1/config", routerBody("web", routes));

        // then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("true");
        JsonObject entry = http.get("/v1/config/service-router/web").object();
        assertThat(entry.getJsonArray("Routes")).isEqualTo(new JsonArray(routes.replace('\'', '"')));
    }

    static Stream<Arguments> invalidRoutes() {
        return Stream.of(
                Arguments.of(
                        "Routes is not an array",
                        "{'Destination': {'Service': 'admin'}}",
                        400,
                        "Request decode failed: field \"Routes\" must be an array"),
                Arguments.of(
                        "route is not an object",
                        "[{'Destination': {'Service': 'admin'}}, '/admin']",
                        400,
                        "Request decode failed: field \"Routes\" must be an array of objects, but Routes[1] is not an"
                                + " object"),
                Arguments.of(
                        "Match is not an object",
                        "[{'Match': '/admin'}]",
                        400,
                        "Request decode failed: field \"Match\" must be an object (in Routes[0])"),
                Arguments.of(
                        "PathPrefix is not a string",
                        "[{'Match': {'HTTP': {'PathPrefix': ['/admin']}}}]",
                        400,
                        "Request decode failed: field \"PathPrefix\" must be a string (in Routes[0])"),
                Arguments.of(
                        "PathExact and PathPrefix together",
                        "[{'Match': {'HTTP': {'PathExact': '/admin', 'PathPrefix': '/admin/'}}}]",
                        500,
                        "service-router \"web\" sets 2 path matchers (PathExact, PathPrefix) in Routes[0].Match.HTTP."
                                + " Set at most one of PathExact, PathPrefix and PathRegex."),
                Arguments.of(
                        "all three path matchers in a later route",
                        "[{'Match': {'HTTP': {'PathPrefix': '/'}}},"
                                + " {'Match': {'HTTP': {'PathExact': '/a', 'PathPrefix': '/b', 'PathRegex': '/c.*'}}}]",
                        500,
                        "service-router \"web\" sets 3 path matchers (PathExact, PathPrefix, PathRegex) in"
                                + " Routes[1].Match.HTTP. Set at most one of PathExact, PathPrefix and PathRegex."),
                Arguments.of(
                        "PathPrefix without a leading slash",
                        "[{'Match': {'HTTP': {'PathPrefix': 'admin'}}}]",
                        500,
                        "service-router \"web\" has Routes[0].Match.HTTP.PathPrefix \"admin\", which does not start"
                                + " with \"/\""),
                Arguments.of(
                        "PathExact without a leading slash",
                        "[{'Match': {'HTTP': {'PathExact': 'health'}}}]",
                        500,
                        "service-router \"web\" has Routes[0].Match.HTTP.PathExact \"health\", which does not start"
                                + " with \"/\""),
                Arguments.of(
                        "snake_case path_prefix without a leading slash",
                        "[{'match': {'http': {'path_prefix': 'admin'}}}]",
                        500,
                        "service-router \"web\" has Routes[0].Match.HTTP.PathPrefix \"admin\", which does not start"
                                + " with \"/\""),
                Arguments.of(
                        "negative NumRetries",
                        "[{'Destination': {'NumRetries': -1}}]",
                        400,
                        "Request decode failed: field \"NumRetries\" must be an integer from 0 to 4294967295, not -1"
                                + " (in Routes[0])"),
                Arguments.of(
                        "fractional NumRetries",
                        "[{'Destination': {'NumRetries': 1.5}}]",
                        400,
                        "Request decode failed: field \"NumRetries\" must be an integer from 0 to 4294967295, not 1.5"
                                + " (in Routes[0])"),
                Arguments.of(
                        "NumRetries as a string",
                        "[{'Destination': {'NumRetries': '3'}}]",
                        400,
                        "Request decode failed: field \"NumRetries\" must be an integer from 0 to 4294967295, not"
                                + " \"3\" (in Routes[0])"),
                Arguments.of(
                        "NumRetries above the 32-bit range",
                        "[{'Destination': {'NumRetries': 4294967296}}]",
                        400,
                        "Request decode failed: field \"NumRetries\" must be an integer from 0 to 4294967295, not"
                                + " 4294967296 (in Routes[0])"),
                Arguments.of(
                        "RetryOn is not an array",
                        "[{'Destination': {'RetryOn': '5xx'}}]",
                        400,
                        "Request decode failed: field \"RetryOn\" must be an array (in Routes[0])"),
                Arguments.of(
                        "RetryOn holds a number",
                        "[{'Destination': {'RetryOn': [503]}}]",
                        400,
                        "Request decode failed: field \"RetryOn\" must be an array of strings (in Routes[0])"),
                Arguments.of(
                        "undocumented retry condition",
                        "[{'Destination': {'RetryOn': ['5xx', 'sometimes']}}]",
                        500,
                        "service-router \"web\" has the invalid retry condition \"sometimes\" in"
                                + " Routes[0].Destination.RetryOn. Use one of " + ALL_RETRY_CONDITIONS + "."),
                Arguments.of(
                        "RequestTimeout is not a duration",
                        "[{'Destination': {'RequestTimeout': 'soon'}}]",
                        400,
                        "Request decode failed: field \"RequestTimeout\" must be a duration such as \"10s\" or"
                                + " \"1m30s\", not \"soon\" (in Routes[0])"),
                Arguments.of(
                        "IdleTimeout is not a duration",
                        "[{'Destination': {'IdleTimeout': '5 minutes'}}]",
                        400,
                        "Request decode failed: field \"IdleTimeout\" must be a duration such as \"10s\" or"
                                + " \"1m30s\", not \"5 minutes\" (in Routes[0])"),
                Arguments.of(
                        "IdleTimeout is a boolean",
                        "[{'Destination': {'IdleTimeout': true}}]",
                        400,
                        "Request decode failed: field \"IdleTimeout\" must be a duration string (in Routes[0])"),
                Arguments.of(
                        "decode error in a later route before a broken rule in an earlier one",
                        "[{'Match': {'HTTP': {'PathPrefix': 'admin'}}}, {'Destination': {'NumRetries': -1}}]",
                        400,
                        "Request decode failed: field \"NumRetries\" must be an integer from 0 to 4294967295, not -1"
                                + " (in Routes[1])"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRoutes")
    void invalidRouterIsRejected(String description, String routes, int expectedStatus, String expectedMessage) {
        // given
        http.put("/v1/config", serviceDefaults("web", "http"));

        // when
        ConsulHttp.Reply reply = http.put("/v1/config", routerBody("web", routes));

        // then
        assertThat(reply.status()).isEqualTo(expectedStatus);
        assertThat(reply.body()).isEqualTo(expectedMessage);
        assertThat(http.get("/v1/config/service-router/web").status()).isEqualTo(404);
    }

    @Test
    void routerForTcpServiceIsRejected() {
        // given
        http.put("/v1/config", serviceDefaults("web", "tcp"));

        // when
        ConsulHttp.Reply reply =
                http.put("/v1/config", routerBody("web", "[{'Match': {'HTTP': {'PathPrefix': '/admin'}}}]"));

        // then
        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.body())
                .isEqualTo("service-router \"web\" needs the protocol http, http2 or grpc, but the service's protocol"
                        + " is \"tcp\"; apply a service-defaults entry for \"web\" with such a Protocol first");
        assertThat(http.get("/v1/config/service-router/web").status()).isEqualTo(404);
    }

    @Test
    void routerWithoutServiceDefaultsIsRejected() {
        // when
        ConsulHttp.Reply reply =
                http.put("/v1/config", routerBody("web", "[{'Match': {'HTTP': {'PathPrefix': '/admin'}}}]"));

        // then
        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.body()).contains("the service's protocol is \"tcp\"");
        assertThat(http.get("/v1/config/service-router/web").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "http2", "grpc"})
    void routerForHttpBasedServiceIsStored(String protocol) {
        // given
        http.put("/v1/config", serviceDefaults("web", protocol));

        // when
        ConsulHttp.Reply reply =
                http.put("/v1/config", routerBody("web", "[{'Match': {'HTTP': {'PathPrefix': '/admin'}}}]"));

        // then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("true");
    }

    /** Returns a service-router body for {@code name} whose Routes field is the given JSON with single quotes. */
    private static String routerBody(String name, String routes) {
        return "{\"Kind\": \"service-router\", \"Name\": \"" + name + "\", \"Routes\": " + routes.replace('\'', '"')
                + "}";
    }

    private static JsonObject serviceDefaults(String name, String protocol) {
        return new JsonObject()
                .put("Kind", "service-defaults")
                .put("Name", name)
                .put("Protocol", protocol);
    }
}
