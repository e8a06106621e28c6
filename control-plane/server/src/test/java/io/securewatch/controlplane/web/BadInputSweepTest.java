package io.securewatch.controlplane.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.http.Header;
import io.restassured.http.Headers;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.securewatch.api.v1.ResourceLimits;
import io.securewatch.controlplane.support.Api;
import io.securewatch.controlplane.support.TestDatabase;
import java.io.IOException;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Sends hundreds of malformed and hostile requests to every endpoint of the inventory API and checks that each one
 * is rejected with a clean problem response, that none fails with a server error, and that none changes the
 * database.
 *
 * <p>Every request is built so that it cannot succeed as a write, even if the server accepted the bad part of it:
 * creates name objects that already exist, so that a create whose bad part slips through validation ends in 409;
 * updates and deletes carry a stale If-Match (412); suspend and resume name a missing tenant, or are sent by callers
 * the server must reject first. The table digests taken before and after the sweep check it.
 */
@QuarkusTest
class BadInputSweepTest {

    private static final String REGIONS = "/api/v1/regions";
    private static final String CLUSTERS = "/api/v1/clusters";
    private static final String TENANTS = "/api/v1/tenants";
    private static final String AUDIT_EVENTS = "/api/v1/audit-events";
    private static final String DRILLS = "/api/v1/drills";

    private static final String REGION = REGIONS + "/eu-west-1";
    private static final String REGION_STATUS = REGION + "/status";
    private static final String CLUSTER = CLUSTERS + "/eu-west-1-a";
    private static final String TENANT = TENANTS + "/acme";
    private static final String DRILL = DRILLS + "/evacuate-eu-west-1";

    /** Expected status of a case that may end in any 4xx. */
    private static final int ANY_CLIENT_ERROR = 0;

    /** An ETag no seeded object has, so an update or delete that gets past validation fails with 412. */
    private static final String STALE_ETAG = "\"999999\"";

    private static final String PROBLEM_JSON = "application/problem+json";

    private static final Header EXPECT_CONTINUE = new Header("Expect", "100-continue");

    private static final List<String> TABLES =
            List.of("region", "cluster", "tenant", "tenant_region", "drill", "audit_event", "idempotency_record");

    /**
     * Substrings that reveal internals (class names, stack traces, SQL) in a response body. Hostile values in this
     * class avoid them, because not-found details repeat the path segment they could not find.
     */
    private static final List<String> LEAK_MARKERS = List.of(
            "Exception", "at io.", "org.hibernate", "SELECT ", "insert into", "PSQLException", "java.", "Caused by");

    /** Values that look like SQL injection. Each fails the DNS-label and zone rules, and its space the actor rule. */
    private static final List<String> SQL_VALUES = List.of(
            "'; drop table region; --",
            "' or '1'='1",
            "eu-west-1' or '1'='1",
            "eu-west-1'; delete from tenant; --",
            "1 or 1=1",
            "\" or \"\"=\"",
            "%' --",
            "$$; truncate region cascade; $$",
            "eu-west-1\\'; drop table cluster; --",
            "x' union select null, null --");

    /** Names with characters outside the DNS-label rule: control, formatting, non-ASCII and layout tricks. */
    private static final List<String> UNICODE_NAMES = List.of(
            "eu\u0000west",
            "\u202Eeu-west-1",
            "eu-west-\uD83D\uDE00",
            "eu\u200Bwest",
            "eu\nwest",
            "eu\twest",
            "\uFEFFeu-west-1",
            "\u00E9u-west-1",
            "\uFF45\uFF55-west-1",
            "EU-WEST-1",
            "-eu-west-1",
            "eu-west-1-",
            "eu west 1",
            "a".repeat(64),
            " ",
            "..",
            "eu-west-1/../acme");

    /** Display names with control, format or private-use characters, which the display-text rule rejects. */
    private static final List<String> BAD_DISPLAY_NAMES = List.of(
            "Europe\u0000", "Europe\u202Eevil", "Euro\u200Bpe", "Europe\nIreland", "\u0007bell", "\uE000private");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Sends bodies as given: no charset appended to Content-Type, and form bodies as bytes rather than fields. */
    private static final RestAssuredConfig CONFIG = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig()
                    .appendDefaultContentCharsetToContentTypeIfUndefined(false)
                    .encodeContentTypeAs("application/x-www-form-urlencoded", ContentType.TEXT));

    @Test
    void sweepRejectsEveryBadRequestCleanly() throws SQLException {
        // given
        List<Case> cases = allCases();
        Map<String, String> digestsBefore = tableDigests();

        // when
        List<Outcome> outcomes = new ArrayList<>();
        for (Case badCase : cases) {
            outcomes.add(send(badCase));
        }

        // then
        assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
        assertThat(digestsBefore.get("region")).as("seeded regions").doesNotStartWith("0:");
        SoftAssertions softly = new SoftAssertions();
        report(softly, "failed without an HTTP response", outcomes, BadInputSweepTest::transportFailure);
        report(softly, "returned a server error (status >= 500)", outcomes, BadInputSweepTest::serverError);
        report(softly, "returned an unexpected status", outcomes, BadInputSweepTest::unexpectedStatus);
        report(softly, "returned a 4xx that is not a valid problem", outcomes, BadInputSweepTest::malformedProblem);
        report(softly, "leaked internals in the body", outcomes, BadInputSweepTest::leakedInternals);
        softly.assertThat(tableDigests())
                .as("table digests (row count:md5) after the sweep")
                .isEqualTo(digestsBefore);
        softly.assertAll();
    }

    @Test
    void auditTimestampOutsideYears0To9999IsRejected() {
        // given
        Map<String, String> farTimestamps = new LinkedHashMap<>();
        farTimestamps.put("since", "+294277-01-01T00:00:00Z");
        farTimestamps.put("until", "-1000000000-01-01T00:00:00Z");
        farTimestamps.put("cursor", cursor("v1:+1000000000-01-01T00:00:00Z|1"));

        farTimestamps.forEach((parameter, value) -> {
            // when
            Response response = Api.as(Api.VIEWER)
                    .urlEncodingEnabled(false)
                    .get(AUDIT_EVENTS + "?" + parameter + "=" + encode(value));

            // then
            response.then().statusCode(400).contentType(PROBLEM_JSON).body("errors[0].field", equalTo(parameter));
        });
    }

    @Test
    void bodyOverSizeLimitGetsProblemResponse() {
        // given
        String overLimit = toJson(withField(regionBody(), "displayName", "x".repeat(1_100_000)));

        // when
        Response response =
                Api.as(Api.ADMIN).header(EXPECT_CONTINUE).body(overLimit).post(REGIONS);

        // then
        response.then()
                .statusCode(413)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:securewatch:problem:payload-too-large"))
                .body("status", equalTo(413))
                .body("requestId", equalTo(response.header("X-Request-Id")));
    }

    /**
     * Checks request targets that REST Assured refuses to send. NOTE: the HTTP server of Vert.x rejects a request
     * line that is not a valid URI before any route runs, so this 400 has an empty body instead of a problem.
     */
    @Test
    void malformedPercentEscapeIsBadRequest() throws IOException {
        for (String target : List.of(REGIONS + "/%zz", TENANTS + "/acme%", REGIONS + "?status=%zz")) {
            // when
            String response = sendRawGet(target, Api.VIEWER);

            // then
            assertThat(response).as(target).startsWith("HTTP/1.1 400 ");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Cases

    /** A request of the sweep: a null body sends none, and {@link #ANY_CLIENT_ERROR} accepts any 4xx status. */
    private record Case(
            String label, String method, String path, List<Header> headers, byte[] body, int expectedStatus) {}

    /** Collects the cases of the sweep. */
    private static final class Cases {

        private final List<Case> list = new ArrayList<>();

        void rejected(String label, String method, String path, List<Header> headers, String body) {
            expect(ANY_CLIENT_ERROR, label, method, path, headers, body);
        }

        void badRequest(String label, String method, String path, List<Header> headers, String body) {
            expect(400, label, method, path, headers, body);
        }

        void expect(int status, String label, String method, String path, List<Header> headers, String body) {
            byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
            list.add(new Case(label, method, path, headers, bytes, status));
        }

        void expectBytes(int status, String label, String method, String path, List<Header> headers, byte[] body) {
            list.add(new Case(label, method, path, headers, body, status));
        }
    }

    /**
     * An endpoint that takes a JSON body, with a valid body for it. The valid body names an existing object, so
     * that a request whose bad part is accepted still fails: with 409 on create, with 412 on update.
     */
    private record BodyTarget(String label, String method, String path, Map<String, Object> validBody) {

        List<Header> headers() {
            return "PUT".equals(method) ? json(Api.ADMIN, ifMatch(STALE_ETAG)) : json(Api.ADMIN);
        }

        /** Returns the status of the valid body: 409 for a create of an existing object, 412 for a stale update. */
        int validBodyStatus() {
            return "PUT".equals(method) ? 412 : 409;
        }

        /** Tells whether the field may be null or left out: names are optional on update, where the path has one. */
        boolean isOptional(String field) {
            boolean isName = field.equals("name") || field.equals("slug");
            boolean isDrillOption =
                    Set.of("scope", "guardrails", "mode", "schedule").contains(field)
                            || field.startsWith("scope.")
                            || field.startsWith("guardrails.");
            return Set.of("consulDatacenter", "status", "labels").contains(field)
                    || isDrillOption
                    || (isName && "PUT".equals(method));
        }
    }

    private static List<BodyTarget> bodyTargets() {
        return List.of(
                new BodyTarget("create region", "POST", REGIONS, regionBody()),
                new BodyTarget("update region", "PUT", REGION, regionBody()),
                new BodyTarget("create cluster", "POST", CLUSTERS, clusterBody()),
                new BodyTarget("update cluster", "PUT", CLUSTER, clusterBody()),
                new BodyTarget("create tenant", "POST", TENANTS, tenantBody()),
                new BodyTarget("update tenant", "PUT", TENANT, tenantBody()),
                new BodyTarget("create drill", "POST", DRILLS, drillBody()),
                new BodyTarget("update drill", "PUT", DRILL, drillBody()));
    }

    private static List<Case> allCases() {
        Cases cases = new Cases();
        addBrokenJson(cases);
        addWrongTypes(cases);
        addUnknownAndDuplicateFields(cases);
        addOversizedBodies(cases);
        addHostileBodyValues(cases);
        addBadNumbers(cases);
        addHostilePathSegments(cases);
        addIfMatchCases(cases);
        addIdempotencyKeyCases(cases);
        addMediaTypeCases(cases);
        addMethodAndPathCases(cases);
        addQueryCases(cases);
        addAuthenticationCases(cases);
        addRoleCases(cases);
        return cases.list;
    }

    private static void addBrokenJson(Cases cases) {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("truncated object", "{\"name\": \"eu-west-1\", \"displayName\": \"Eur");
        bodies.put("truncated after colon", "{\"name\":");
        bodies.put("only an opening brace", "{");
        bodies.put("trailing garbage", "{\"name\": \"eu-west-1\"} garbage");
        bodies.put("two objects", "{\"name\": \"eu-west-1\"}{\"name\": \"eu-west-2\"}");
        bodies.put("block comment", "{/* comment */ \"name\": \"eu-west-1\"}");
        bodies.put("line comment", "// comment\n{\"name\": \"eu-west-1\"}");
        bodies.put("single quotes", "{'name': 'eu-west-1'}");
        bodies.put("unquoted key", "{name: \"eu-west-1\"}");
        bodies.put("trailing comma", "{\"name\": \"eu-west-1\",}");
        bodies.put("NaN", "{\"displayName\": NaN, \"capacity\": {\"cpuMillis\": NaN}}");
        bodies.put("Infinity", "{\"displayName\": Infinity, \"quota\": {\"pods\": -Infinity}}");
        bodies.put("raw newline in string", "{\"displayName\": \"a\nb\"}");
        bodies.put("invalid escape", "{\"displayName\": \"\\x41\"}");
        bodies.put("empty body", "");
        bodies.put("whitespace only", "   \n ");
        bodies.put("JSON null", "null");
        bodies.put("top-level empty array", "[]");
        bodies.put("top-level array of object", "[{\"name\": \"eu-west-1\"}]");
        bodies.put("top-level string", "\"eu-west-1\"");
        bodies.put("top-level number", "42");
        bodies.put("top-level boolean", "true");
        bodies.put("empty object", "{}");
        byte[] invalidUtf8 = concat(
                "{\"displayName\": \"".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3},
                "\"}".getBytes(StandardCharsets.UTF_8));

        for (BodyTarget target : bodyTargets()) {
            bodies.forEach((label, body) -> cases.badRequest(
                    target.label() + ": " + label, target.method(), target.path(), target.headers(), body));
            cases.expectBytes(
                    400,
                    target.label() + ": invalid UTF-8 bytes",
                    target.method(),
                    target.path(),
                    target.headers(),
                    invalidUtf8);
        }
    }

    private static void addWrongTypes(Cases cases) {
        for (BodyTarget target : bodyTargets()) {
            for (Map.Entry<String, FieldKind> field : fieldKinds(target.path()).entrySet()) {
                List<Object> wrongValues = new ArrayList<>(field.getValue().wrongValues());
                wrongValues.add(MISSING);
                for (Object wrong : wrongValues) {
                    boolean isAbsent = wrong == null || wrong == MISSING;
                    int expected = isAbsent && target.isOptional(field.getKey()) ? target.validBodyStatus() : 400;
                    String body = toJson(withField(target.validBody(), field.getKey(), wrong));
                    String label = target.label() + ": " + field.getKey() + " = " + describe(wrong);
                    cases.expect(expected, label, target.method(), target.path(), target.headers(), body);
                }
            }
        }
    }

    private static void addUnknownAndDuplicateFields(Cases cases) {
        for (BodyTarget target : bodyTargets()) {
            Map<String, Object> extraFields = new LinkedHashMap<>();
            extraFields.put("unknown", 1);
            extraFields.put("__proto__", Map.of("admin", true));
            extraFields.put("id", 1);
            extraFields.put("version", 99);
            extraFields.put("createdAt", "2020-01-01T00:00:00Z");
            extraFields.put("status", "suspended");
            extraFields.forEach((name, value) -> {
                Map<String, Object> body = new LinkedHashMap<>(target.validBody());
                if (!body.containsKey(name)) {
                    body.put(name, value);
                    cases.badRequest(
                            target.label() + ": unknown field " + name,
                            target.method(),
                            target.path(),
                            target.headers(),
                            toJson(body));
                }
            });

            String valid = toJson(target.validBody());
            String firstField = target.validBody().keySet().iterator().next();
            String duplicated = "{\"" + firstField + "\": \"duplicate\", " + valid.substring(1);
            cases.badRequest(
                    target.label() + ": duplicate key " + firstField,
                    target.method(),
                    target.path(),
                    target.headers(),
                    duplicated);
        }
        cases.badRequest(
                "create cluster: unknown nested field capacity.gpus",
                "POST",
                CLUSTERS,
                json(Api.ADMIN),
                toJson(withField(clusterBody(), "capacity.gpus", 8)));
        cases.badRequest(
                "create tenant: unknown nested field quota.storage",
                "POST",
                TENANTS,
                json(Api.ADMIN),
                toJson(withField(tenantBody(), "quota.storage", 8)));
        cases.badRequest(
                "create drill: unknown nested field guardrails.minHealthyPercent",
                "POST",
                DRILLS,
                json(Api.ADMIN),
                toJson(withField(drillBody(), "guardrails.minHealthyPercent", 50)));
        cases.badRequest(
                "update drill: unknown nested field scope.regions",
                "PUT",
                DRILL,
                json(Api.ADMIN, ifMatch(STALE_ETAG)),
                toJson(withField(drillBody(), "scope.regions", List.of("eu-west-1"))));
        cases.badRequest(
                "create tenant: duplicate key in quota",
                "POST",
                TENANTS,
                json(Api.ADMIN),
                toJson(tenantBody()).replace("\"quota\":{", "\"quota\":{\"pods\":1,"));
    }

    private static void addOversizedBodies(Cases cases) {
        String hundredKb = "a".repeat(100 * 1024);
        String tenKb = "b".repeat(10 * 1024);
        cases.badRequest(
                "create region: 100 KB name",
                "POST",
                REGIONS,
                json(Api.ADMIN),
                toJson(withField(regionBody(), "name", hundredKb)));
        cases.badRequest(
                "create region: 10 KB displayName",
                "POST",
                REGIONS,
                json(Api.ADMIN),
                toJson(withField(regionBody(), "displayName", tenKb)));
        cases.badRequest(
                "update region: 100 KB consulDatacenter",
                "PUT",
                REGION,
                json(Api.ADMIN, ifMatch(STALE_ETAG)),
                toJson(withField(regionBody(), "consulDatacenter", hundredKb)));
        cases.badRequest(
                "create cluster: 100 KB label value",
                "POST",
                CLUSTERS,
                json(Api.ADMIN),
                toJson(withField(clusterBody(), "labels", Map.of("tier", hundredKb))));
        cases.badRequest(
                "create cluster: 400-character label key",
                "POST",
                CLUSTERS,
                json(Api.ADMIN),
                toJson(withField(clusterBody(), "labels", Map.of("k".repeat(400), "v"))));
        Map<String, String> manyLabels = new LinkedHashMap<>();
        for (int i = 0; i < 65; i++) {
            manyLabels.put("key" + i, "value");
        }
        cases.badRequest(
                "update cluster: 65 labels",
                "PUT",
                CLUSTER,
                json(Api.ADMIN, ifMatch(STALE_ETAG)),
                toJson(withField(clusterBody(), "labels", manyLabels)));
        cases.badRequest(
                "create tenant: 10 KB slug",
                "POST",
                TENANTS,
                json(Api.ADMIN),
                toJson(withField(tenantBody(), "slug", tenKb)));
        cases.badRequest(
                "create tenant: 57-character slug",
                "POST",
                TENANTS,
                json(Api.ADMIN),
                toJson(withField(tenantBody(), "slug", "s".repeat(57))));
        cases.badRequest(
                "create tenant: 17 residency zones",
                "POST",
                TENANTS,
                json(Api.ADMIN),
                toJson(withField(tenantBody(), "residencyZones", repeat("EU", 17))));
        cases.badRequest(
                "update tenant: 65 regions",
                "PUT",
                TENANT,
                json(Api.ADMIN, ifMatch(STALE_ETAG)),
                toJson(withField(tenantBody(), "regions", repeat("eu-west-1", 65))));
        cases.badRequest(
                "update tenant: 100 KB string in regions",
                "PUT",
                TENANT,
                json(Api.ADMIN, ifMatch(STALE_ETAG)),
                toJson(withField(tenantBody(), "regions", List.of(hundredKb))));

        cases.badRequest(
                "create drill: 100 KB target",
                "POST",
                DRILLS,
                json(Api.ADMIN),
                toJson(withField(drillBody(), "target", hundredKb)));
        cases.badRequest(
                "update drill: 10 KB schedule",
                "PUT",
                DRILL,
                json(Api.ADMIN, ifMatch(STALE_ETAG)),
                toJson(withField(drillBody(), "schedule", tenKb)));
        cases.badRequest(
                "create drill: 101 services in scope",
                "POST",
                DRILLS,
                json(Api.ADMIN),
                toJson(withField(drillBody(), "scope.services", repeat("securewatch-api", 101))));
        cases.badRequest(
                "update drill: 101 tenants in scope",
                "PUT",
                DRILL,
                json(Api.ADMIN, ifMatch(STALE_ETAG)),
                toJson(withField(drillBody(), "scope.tenants", repeat("acme", 101))));
        cases.badRequest(
                "create drill: 100 KB string in scope.tenants",
                "POST",
                DRILLS,
                json(Api.ADMIN),
                toJson(withField(drillBody(), "scope.tenants", List.of(hundredKb))));

        // A body over quarkus.http.limits.max-body-size (1M) must end in 413 before anything parses it. The server
        // responds as soon as it reads the Content-Length and then closes the connection. Expect: 100-continue makes
        // the client wait for that response instead of writing the body into a closed connection.
        String overLimit = toJson(withField(regionBody(), "displayName", "x".repeat(1_100_000)));
        for (BodyTarget target : bodyTargets()) {
            List<Header> headers = new ArrayList<>(target.headers());
            headers.add(EXPECT_CONTINUE);
            cases.expect(413, target.label() + ": body over 1 MB", target.method(), target.path(), headers, overLimit);
        }

        String deepArray = "[".repeat(5000) + "]".repeat(5000);
        String deepObject = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
        String deepLabels = "{\"name\": \"eu-west-1-a\", \"labels\": " + deepObject + "}";
        String longNumber = "{\"capacity\": {\"cpuMillis\": " + "9".repeat(5000) + "}}";
        for (BodyTarget target : bodyTargets()) {
            cases.badRequest(
                    target.label() + ": arrays nested 5000 deep",
                    target.method(),
                    target.path(),
                    target.headers(),
                    deepArray);
            cases.badRequest(
                    target.label() + ": objects nested 5000 deep",
                    target.method(),
                    target.path(),
                    target.headers(),
                    deepObject);
        }
        cases.badRequest("create cluster: labels nested 5000 deep", "POST", CLUSTERS, json(Api.ADMIN), deepLabels);
        cases.badRequest("create cluster: 5000-digit number", "POST", CLUSTERS, json(Api.ADMIN), longNumber);
    }

    private static void addHostileBodyValues(Cases cases) {
        List<String> hostileNames = new ArrayList<>(SQL_VALUES);
        hostileNames.addAll(UNICODE_NAMES);
        hostileNames.add("");
        for (String name : hostileNames) {
            String printed = printable(name);
            cases.rejected(
                    "create region: name " + printed,
                    "POST",
                    REGIONS,
                    json(Api.ADMIN),
                    toJson(withField(regionBody(), "name", name)));
            cases.rejected(
                    "update region: residencyZone " + printed,
                    "PUT",
                    REGION,
                    json(Api.ADMIN, ifMatch(STALE_ETAG)),
                    toJson(withField(regionBody(), "residencyZone", name)));
            cases.rejected(
                    "create region: consulDatacenter " + printed,
                    "POST",
                    REGIONS,
                    json(Api.ADMIN),
                    toJson(withField(regionBody(), "consulDatacenter", name)));
            cases.rejected(
                    "create cluster: region " + printed,
                    "POST",
                    CLUSTERS,
                    json(Api.ADMIN),
                    toJson(withField(clusterBody(), "region", name)));
            cases.rejected(
                    "create cluster: label key " + printed,
                    "POST",
                    CLUSTERS,
                    json(Api.ADMIN),
                    toJson(withField(clusterBody(), "labels", Map.of(name, "v"))));
            cases.rejected(
                    "update cluster: label value " + printed,
                    "PUT",
                    CLUSTER,
                    json(Api.ADMIN, ifMatch(STALE_ETAG)),
                    toJson(withField(clusterBody(), "labels", Map.of("tier", name))));
            cases.rejected(
                    "create tenant: slug " + printed,
                    "POST",
                    TENANTS,
                    json(Api.ADMIN),
                    toJson(withField(tenantBody(), "slug", name)));
            cases.rejected(
                    "update tenant: regions [" + printed + "]",
                    "PUT",
                    TENANT,
                    json(Api.ADMIN, ifMatch(STALE_ETAG)),
                    toJson(withField(tenantBody(), "regions", List.of("eu-west-1", name))));
            cases.rejected(
                    "create tenant: residencyZones [" + printed + "]",
                    "POST",
                    TENANTS,
                    json(Api.ADMIN),
                    toJson(withField(tenantBody(), "residencyZones", List.of(name))));
            cases.rejected(
                    "create drill: target " + printed,
                    "POST",
                    DRILLS,
                    json(Api.ADMIN),
                    toJson(withField(drillBody(), "target", name)));
            cases.rejected(
                    "update drill: scope.services [" + printed + "]",
                    "PUT",
                    DRILL,
                    json(Api.ADMIN, ifMatch(STALE_ETAG)),
                    toJson(withField(drillBody(), "scope.services", List.of(name))));
            cases.rejected(
                    "create drill: scope.tenants [" + printed + "]",
                    "POST",
                    DRILLS,
                    json(Api.ADMIN),
                    toJson(withField(drillBody(), "scope.tenants", List.of("acme", name))));
            cases.rejected(
                    "create drill: schedule " + printed,
                    "POST",
                    DRILLS,
                    json(Api.ADMIN),
                    toJson(withField(drillBody(), "schedule", name)));
        }

        for (String displayName : BAD_DISPLAY_NAMES) {
            String printed = printable(displayName);
            cases.rejected(
                    "create region: displayName " + printed,
                    "POST",
                    REGIONS,
                    json(Api.ADMIN),
                    toJson(withField(regionBody(), "displayName", displayName)));
            cases.rejected(
                    "update tenant: displayName " + printed,
                    "PUT",
                    TENANT,
                    json(Api.ADMIN, ifMatch(STALE_ETAG)),
                    toJson(withField(tenantBody(), "displayName", displayName)));
        }
        // Jackson accepts an escaped lone surrogate, so the display-text rule must reject it.
        cases.rejected(
                "create region: displayName with lone surrogate",
                "POST",
                REGIONS,
                json(Api.ADMIN),
                toJson(withField(regionBody(), "displayName", new RawValue("\"Europe \\ud800\""))));
        // SQL and emoji are valid display text. The stale ETag and the existing slug reject these requests, after a
        // lookup by name.
        cases.expect(
                412,
                "update region: SQL in displayName",
                "PUT",
                REGION,
                json(Api.ADMIN, ifMatch(STALE_ETAG)),
                toJson(withField(regionBody(), "displayName", "'; drop table region; --")));
        cases.expect(
                409,
                "create tenant: emoji in displayName of an existing slug",
                "POST",
                TENANTS,
                json(Api.ADMIN),
                toJson(withField(tenantBody(), "displayName", "ACME \uD83D\uDE80")));
    }

    private static void addBadNumbers(Cases cases) {
        List<Object> badNumbers = List.of(
                -1,
                0,
                new BigInteger("9223372036854775808"),
                new BigInteger("-9223372036854775809"),
                new RawValue("1e400"),
                new RawValue("-1e400"),
                1.5,
                new RawValue("1e3"),
                new RawValue("-0"),
                new RawValue("01"),
                new RawValue("0x10"),
                Long.MAX_VALUE);
        Map<String, Long> maximums = Map.of(
                "cpuMillis", ResourceLimits.MAX_CPU_MILLIS,
                "memoryBytes", ResourceLimits.MAX_MEMORY_BYTES,
                "pods", ResourceLimits.MAX_PODS,
                "minSurvivorHeadroomPercent", 100L,
                "maxErrorRatePercent", 100L,
                "ackTimeoutSeconds", 3600L,
                "maxDurationSeconds", 86_400L,
                "observationSeconds", 86_400L);
        // 0 and -0 are valid for these fields, so they are left out of the bad numbers.
        Set<String> zeroAllowed = Set.of("minSurvivorHeadroomPercent", "maxErrorRatePercent", "observationSeconds");
        for (BodyTarget target : bodyTargets()) {
            List<String> numberFields = fieldKinds(target.path()).entrySet().stream()
                    .filter(field -> field.getValue() == FieldKind.INTEGER)
                    .map(Map.Entry::getKey)
                    .toList();
            for (String field : numberFields) {
                String name = field.substring(field.indexOf('.') + 1);
                List<Object> values = new ArrayList<>(badNumbers);
                if (zeroAllowed.contains(name)) {
                    values.removeIf(number ->
                            number.equals(0) || number instanceof RawValue raw && "-0".equals(raw.rawValue()));
                }
                values.add(maximums.get(name) + 1);
                for (Object number : values) {
                    cases.badRequest(
                            target.label() + ": " + field + " = " + describe(number),
                            target.method(),
                            target.path(),
                            target.headers(),
                            toJson(withField(target.validBody(), field, number)));
                }
            }
        }
    }

    private static void addHostilePathSegments(Cases cases) {
        List<String> segments = new ArrayList<>(SQL_VALUES);
        segments.addAll(UNICODE_NAMES);
        for (String segment : segments) {
            String encoded = encode(segment);
            String printed = printable(segment);
            cases.rejected("get region " + printed, "GET", REGIONS + "/" + encoded, json(Api.VIEWER), null);
            cases.rejected(
                    "get region status " + printed,
                    "GET",
                    REGIONS + "/" + encoded + "/status",
                    json(Api.ACME_ADMIN),
                    null);
            cases.rejected(
                    "update region " + printed,
                    "PUT",
                    REGIONS + "/" + encoded,
                    json(Api.ADMIN, ifMatch(STALE_ETAG)),
                    toJson(withField(regionBody(), "name", MISSING)));
            cases.rejected(
                    "delete region " + printed,
                    "DELETE",
                    REGIONS + "/" + encoded,
                    json(Api.ADMIN, ifMatch(STALE_ETAG)),
                    null);
            cases.rejected("get cluster " + printed, "GET", CLUSTERS + "/" + encoded, json(Api.OPERATOR), null);
            cases.rejected(
                    "update cluster " + printed,
                    "PUT",
                    CLUSTERS + "/" + encoded,
                    json(Api.OPERATOR, ifMatch(STALE_ETAG)),
                    toJson(withField(clusterBody(), "name", MISSING)));
            cases.rejected(
                    "delete cluster " + printed,
                    "DELETE",
                    CLUSTERS + "/" + encoded,
                    json(Api.ADMIN, ifMatch(STALE_ETAG)),
                    null);
            cases.rejected("get tenant " + printed, "GET", TENANTS + "/" + encoded, json(Api.ADMIN), null);
            cases.rejected(
                    "update tenant " + printed,
                    "PUT",
                    TENANTS + "/" + encoded,
                    json(Api.ADMIN, ifMatch(STALE_ETAG)),
                    toJson(withField(tenantBody(), "slug", MISSING)));
            cases.rejected(
                    "delete tenant " + printed,
                    "DELETE",
                    TENANTS + "/" + encoded,
                    json(Api.ADMIN, ifMatch(STALE_ETAG)),
                    null);
            cases.rejected(
                    "suspend tenant " + printed, "POST", TENANTS + "/" + encoded + "/suspend", json(Api.ADMIN), null);
            cases.rejected("get drill " + printed, "GET", DRILLS + "/" + encoded, json(Api.VIEWER), null);
            cases.rejected(
                    "update drill " + printed,
                    "PUT",
                    DRILLS + "/" + encoded,
                    json(Api.OPERATOR, ifMatch(STALE_ETAG)),
                    toJson(withField(drillBody(), "name", MISSING)));
            cases.rejected(
                    "delete drill " + printed,
                    "DELETE",
                    DRILLS + "/" + encoded,
                    json(Api.OPERATOR, ifMatch(STALE_ETAG)),
                    null);
            cases.rejected(
                    "resume tenant " + printed, "POST", TENANTS + "/" + encoded + "/resume", json(Api.OPERATOR), null);
        }
        cases.rejected(
                "suspend tenant: encoded slash", "POST", TENANTS + "/acme%2Fglobex/suspend", json(Api.ADMIN), null);
        cases.rejected(
                "get cluster: 2000-character name", "GET", CLUSTERS + "/" + "c".repeat(2000), json(Api.VIEWER), null);
    }

    private static void addIfMatchCases(Cases cases) {
        Map<String, String> putPaths = Map.of(
                REGION,
                toJson(regionBody()),
                CLUSTER,
                toJson(clusterBody()),
                TENANT,
                toJson(tenantBody()),
                DRILL,
                toJson(drillBody()));
        putPaths.forEach((path, body) -> {
            cases.expect(428, "update " + path + ": no If-Match", "PUT", path, json(Api.ADMIN), body);
            cases.expect(428, "update " + path + ": blank If-Match", "PUT", path, json(Api.ADMIN, ifMatch(" ")), body);
            cases.expect(
                    412,
                    "update " + path + ": stale If-Match",
                    "PUT",
                    path,
                    json(Api.ADMIN, ifMatch(STALE_ETAG)),
                    body);
            cases.expect(
                    412,
                    "update " + path + ": weak If-Match of the current version",
                    "PUT",
                    path,
                    json(Api.ADMIN, ifMatch("W/\"0\"")),
                    body);
            cases.rejected(
                    "update " + path + ": two stale If-Match headers",
                    "PUT",
                    path,
                    json(Api.ADMIN, ifMatch(STALE_ETAG), ifMatch("\"999998\"")),
                    body);
            for (String malformed : List.of(
                    "0", "'0'", "\"0", "0\"", "\"0\" \"1\"", "\"0\",,", "W/", "**", "\"\u00e9\"", "\"0\"; drop")) {
                cases.expect(
                        400,
                        "update " + path + ": malformed If-Match " + malformed,
                        "PUT",
                        path,
                        json(Api.ADMIN, ifMatch(malformed)),
                        body);
            }
        });
        for (String path : List.of(REGION, CLUSTER, TENANT, DRILL)) {
            cases.expect(
                    412,
                    "delete " + path + ": stale If-Match",
                    "DELETE",
                    path,
                    json(Api.ADMIN, ifMatch(STALE_ETAG)),
                    null);
            cases.expect(
                    400,
                    "delete " + path + ": malformed If-Match",
                    "DELETE",
                    path,
                    json(Api.ADMIN, ifMatch("not-a-tag")),
                    null);
        }
    }

    private static void addIdempotencyKeyCases(Cases cases) {
        // Creates send bodies that name existing objects. Suspend names a missing tenant and resume a ready one, so
        // that neither changes anything even if it ran.
        Map<String, String> postPaths = new LinkedHashMap<>();
        postPaths.put(REGIONS, toJson(regionBody()));
        postPaths.put(CLUSTERS, toJson(clusterBody()));
        postPaths.put(TENANTS, toJson(tenantBody()));
        postPaths.put(DRILLS, toJson(drillBody()));
        postPaths.put(TENANTS + "/no-such-tenant/suspend", null);
        postPaths.put(TENANT + "/resume", null);
        Map<String, List<Header>> badKeys = new LinkedHashMap<>();
        badKeys.put("two Idempotency-Key headers", List.of(idempotencyKey("key-1"), idempotencyKey("key-2")));
        badKeys.put("Idempotency-Key of 256 characters", List.of(idempotencyKey("k".repeat(256))));
        badKeys.put("Idempotency-Key of 10000 characters", List.of(idempotencyKey("k".repeat(10_000))));
        // Latin-1 characters, because the HTTP client sends the low byte of each character.
        badKeys.put("non-ASCII Idempotency-Key", List.of(idempotencyKey("cl\u00e9-\u00fc")));
        badKeys.put("Idempotency-Key with a space", List.of(idempotencyKey("key 1")));
        badKeys.put("empty Idempotency-Key", List.of(idempotencyKey("")));
        postPaths.forEach((path, body) -> badKeys.forEach((label, keys) -> {
            List<Header> headers = new ArrayList<>(json(Api.ADMIN));
            headers.addAll(keys);
            cases.expect(400, "POST " + path + ": " + label, "POST", path, headers, body);
        }));
    }

    private static void addMediaTypeCases(Cases cases) {
        Map<String, Integer> contentTypes = new LinkedHashMap<>();
        contentTypes.put("text/plain", 415);
        contentTypes.put("application/xml", 415);
        contentTypes.put("application/x-www-form-urlencoded", 415);
        contentTypes.put("multipart/form-data; boundary=xyz", 415);
        contentTypes.put("application/json-patch+json", 415);
        contentTypes.put("application/octet-stream", 415);
        contentTypes.put("application/json; charset=no-such-charset", ANY_CLIENT_ERROR);
        contentTypes.put("application/json; charset=utf-16", ANY_CLIENT_ERROR);
        contentTypes.put(";;;", ANY_CLIENT_ERROR);
        for (BodyTarget target : bodyTargets()) {
            contentTypes.forEach((contentType, expected) -> {
                List<Header> headers =
                        new ArrayList<>(List.of(basic(Api.ADMIN), new Header("Content-Type", contentType)));
                if ("PUT".equals(target.method())) {
                    headers.add(ifMatch(STALE_ETAG));
                }
                String body = contentType.startsWith("application/xml")
                        ? "<region><name>x</name></region>"
                        : toJson(target.validBody());
                cases.expect(
                        expected,
                        target.label() + ": Content-Type " + contentType,
                        target.method(),
                        target.path(),
                        headers,
                        body);
            });
        }

        for (String path : List.of(
                REGIONS, REGION, REGION_STATUS, CLUSTERS, CLUSTER, TENANTS, TENANT, DRILLS, DRILL, AUDIT_EVENTS)) {
            for (String accept : List.of("application/xml", "text/html", "image/png")) {
                cases.rejected(
                        "GET " + path + " with Accept " + accept,
                        "GET",
                        path,
                        List.of(basic(Api.VIEWER), new Header("Accept", accept)),
                        null);
            }
        }
    }

    private static void addMethodAndPathCases(Cases cases) {
        List<String> paths = List.of(
                REGIONS, REGION, REGION_STATUS, CLUSTERS, CLUSTER, TENANTS, TENANT, DRILLS, DRILL, AUDIT_EVENTS);
        for (String path : paths) {
            cases.expect(405, "PATCH " + path, "PATCH", path, json(Api.ADMIN), "{\"displayName\": \"x\"}");
        }
        cases.expect(
                405,
                "PUT on the region collection",
                "PUT",
                REGIONS,
                json(Api.ADMIN, ifMatch(STALE_ETAG)),
                toJson(regionBody()));
        cases.expect(
                405,
                "DELETE on the cluster collection",
                "DELETE",
                CLUSTERS,
                json(Api.ADMIN, ifMatch(STALE_ETAG)),
                null);
        cases.expect(
                405, "DELETE on the tenant collection", "DELETE", TENANTS, json(Api.ADMIN, ifMatch(STALE_ETAG)), null);
        cases.expect(405, "POST on a region", "POST", REGION, json(Api.ADMIN), toJson(regionBody()));
        cases.expect(405, "POST on a cluster", "POST", CLUSTER, json(Api.ADMIN), toJson(clusterBody()));
        cases.expect(405, "POST on a drill", "POST", DRILL, json(Api.ADMIN), toJson(drillBody()));
        cases.expect(
                405,
                "PUT on the drill collection",
                "PUT",
                DRILLS,
                json(Api.ADMIN, ifMatch(STALE_ETAG)),
                toJson(drillBody()));
        cases.expect(
                405, "DELETE on the drill collection", "DELETE", DRILLS, json(Api.ADMIN, ifMatch(STALE_ETAG)), null);
        cases.expect(405, "GET on suspend", "GET", TENANT + "/suspend", json(Api.ADMIN), null);
        cases.expect(405, "DELETE on resume", "DELETE", TENANT + "/resume", json(Api.ADMIN), null);
        cases.expect(405, "POST on audit events", "POST", AUDIT_EVENTS, json(Api.ADMIN), "{}");
        cases.expect(405, "DELETE on audit events", "DELETE", AUDIT_EVENTS, json(Api.ADMIN), null);
        cases.expect(
                405,
                "GET on a credential's revoke",
                "GET",
                CLUSTER + "/agent-credentials/0123456789abcdef/revoke",
                json(Api.ADMIN),
                null);
        cases.expect(405, "DELETE on cluster status", "DELETE", CLUSTER + "/status", json(Api.ADMIN), null);
        cases.expect(405, "GET on confirm-rollback", "GET", CLUSTER + "/confirm-rollback", json(Api.ADMIN), null);
        cases.expect(
                409,
                "confirm-rollback of a cluster whose agent is not ahead",
                "POST",
                CLUSTER + "/confirm-rollback",
                json(Api.OPERATOR),
                null);
        cases.expect(
                400,
                "confirm-rollback with a body",
                "POST",
                CLUSTER + "/confirm-rollback",
                json(Api.ADMIN),
                "{\"agentRevision\": 1}");
        cases.expect(
                403, "confirm-rollback by a viewer", "POST", CLUSTER + "/confirm-rollback", json(Api.VIEWER), null);
        cases.expect(
                404,
                "confirm-rollback of a missing cluster",
                "POST",
                CLUSTERS + "/no-such-cluster/confirm-rollback",
                json(Api.ADMIN),
                null);
        cases.expect(405, "DELETE on region status", "DELETE", REGION_STATUS, json(Api.ADMIN), null);
        cases.expect(405, "PUT on region status", "PUT", REGION_STATUS, json(Api.ADMIN), toJson(regionBody()));
        cases.expect(405, "POST on region status", "POST", REGION_STATUS, json(Api.ADMIN), "{}");
        cases.expect(405, "POST on desired state", "POST", CLUSTER + "/desired-state", json(Api.ADMIN), "{}");
        cases.rejected("unknown method PROPFIND", "PROPFIND", REGIONS, json(Api.ADMIN), null);

        cases.expect(404, "unknown collection", "GET", "/api/v1/nope", json(Api.ADMIN), null);
        cases.expect(404, "unknown API version", "GET", "/api/v2/regions", json(Api.ADMIN), null);
        cases.expect(404, "path below a region", "GET", REGION + "/clusters", json(Api.ADMIN), null);
        cases.expect(404, "unknown tenant action", "POST", TENANT + "/terminate", json(Api.ADMIN), null);
        cases.expect(404, "audit event by id", "GET", AUDIT_EVENTS + "/1", json(Api.ADMIN), null);
        cases.expect(404, "unknown path without credentials", "GET", "/api/v1/secrets", List.of(), null);
        cases.rejected("encoded path traversal", "GET", REGIONS + "/..%2F..%2Fetc%2Fpasswd", json(Api.ADMIN), null);
        cases.rejected("dot segments", "GET", REGIONS + "/%2e%2e/%2e%2e/q/health", json(Api.ADMIN), null);
        cases.expect(404, "missing region", "GET", REGIONS + "/no-such-region", json(Api.ADMIN), null);
        cases.expect(
                404, "status of missing region", "GET", REGIONS + "/no-such-region/status", json(Api.VIEWER), null);
        cases.expect(404, "suspend missing tenant", "POST", TENANTS + "/no-such-tenant/suspend", json(Api.ADMIN), null);
        cases.expect(404, "resume missing tenant", "POST", TENANTS + "/no-such-tenant/resume", json(Api.ADMIN), null);
        cases.expect(404, "delete missing cluster", "DELETE", CLUSTERS + "/no-such-cluster", json(Api.ADMIN), null);
        cases.expect(404, "missing drill", "GET", DRILLS + "/no-such-drill", json(Api.VIEWER), null);
        cases.expect(404, "delete missing drill", "DELETE", DRILLS + "/no-such-drill", json(Api.OPERATOR), null);
        cases.expect(
                404,
                "update missing drill",
                "PUT",
                DRILLS + "/no-such-drill",
                json(Api.OPERATOR, ifMatch("\"0\"")),
                toJson(withField(drillBody(), "name", MISSING)));
    }

    private static void addQueryCases(Cases cases) {
        for (String path : List.of(REGIONS, CLUSTERS, TENANTS, DRILLS, AUDIT_EVENTS)) {
            for (String limit : List.of("-1", "0", "abc", "99999999999", "501", "1.5", "1e2", "0x10", "%20", "10abc")) {
                cases.expect(400, path + " limit=" + limit, "GET", path + "?limit=" + limit, json(Api.VIEWER), null);
            }
            List<String> cursors = List.of(
                    "garbage!",
                    "not-base64",
                    cursor("v2:eu-west-1"),
                    cursor("v1:eu\u0000west"),
                    "A".repeat(2000),
                    "%00",
                    encode("' or '1'='1"),
                    encode(Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xff, 0x00})));
            for (String cursor : cursors) {
                cases.expect(
                        400,
                        path + " cursor=" + printable(cursor),
                        "GET",
                        path + "?cursor=" + cursor,
                        json(Api.VIEWER),
                        null);
            }
        }

        List<String> badNames = new ArrayList<>(SQL_VALUES);
        // Only the names that no filter accepts: EU-WEST-1, for one, is a valid label value and actor.
        badNames.addAll(UNICODE_NAMES.subList(0, 9));
        for (String value : badNames) {
            String encoded = encode(value);
            String printed = printable(value);
            cases.expect(
                    400,
                    "regions residencyZone=" + printed,
                    "GET",
                    REGIONS + "?residencyZone=" + encoded,
                    json(Api.VIEWER),
                    null);
            cases.expect(
                    400, "regions status=" + printed, "GET", REGIONS + "?status=" + encoded, json(Api.VIEWER), null);
            cases.expect(
                    400, "clusters region=" + printed, "GET", CLUSTERS + "?region=" + encoded, json(Api.VIEWER), null);
            cases.expect(
                    400,
                    "clusters label=tier=" + printed,
                    "GET",
                    CLUSTERS + "?label=tier%3D" + encoded,
                    json(Api.VIEWER),
                    null);
            cases.expect(400, "tenants tier=" + printed, "GET", TENANTS + "?tier=" + encoded, json(Api.VIEWER), null);
            cases.expect(
                    400,
                    "tenants region=" + printed,
                    "GET",
                    TENANTS + "?region=" + encoded,
                    json(Api.ACME_ADMIN),
                    null);
            cases.expect(400, "drills type=" + printed, "GET", DRILLS + "?type=" + encoded, json(Api.VIEWER), null);
            cases.expect(
                    400, "drills target=" + printed, "GET", DRILLS + "?target=" + encoded, json(Api.OPERATOR), null);
            cases.expect(
                    400,
                    "audit objectId=" + printed,
                    "GET",
                    AUDIT_EVENTS + "?objectId=" + encoded,
                    json(Api.VIEWER),
                    null);
            cases.expect(
                    400, "audit actor=" + printed, "GET", AUDIT_EVENTS + "?actor=" + encoded, json(Api.VIEWER), null);
            cases.expect(
                    400,
                    "audit tenant=" + printed,
                    "GET",
                    AUDIT_EVENTS + "?tenant=" + encoded,
                    json(Api.ACME_ADMIN),
                    null);
        }

        Map<String, String> badFilters = new LinkedHashMap<>();
        badFilters.put(REGIONS + "?status=bogus", "unknown status");
        badFilters.put(REGIONS + "?status=ACTIVE", "status in upper case");
        badFilters.put(REGIONS + "?residencyZone=eu", "zone in lower case");
        badFilters.put(REGIONS + "?residencyZone=" + "Z".repeat(17), "zone of 17 characters");
        badFilters.put(CLUSTERS + "?label=bad%20selector", "label without =");
        badFilters.put(CLUSTERS + "?label=%3Dvalue", "label with empty key");
        badFilters.put(CLUSTERS + "?label=tier%3D%3Dgold", "label value starting with =");
        badFilters.put(CLUSTERS + "?label=" + "k".repeat(320) + "%3Dv", "label key of 320 characters");
        badFilters.put(
                CLUSTERS + "?label=a%3D1&label=b%3D2&label=c%3D3&label=d%3D4&label=e%3D5&label=f%3D6"
                        + "&label=g%3D7&label=h%3D8&label=i%3D9",
                "nine label selectors");
        badFilters.put(TENANTS + "?status=bogus", "unknown tenant status");
        badFilters.put(TENANTS + "?tier=SHARED", "tier in upper case");
        badFilters.put(TENANTS + "?residencyZone=%00", "zone NUL");
        badFilters.put(DRILLS + "?type=REGION_EVACUATION", "drill type in upper case");
        badFilters.put(DRILLS + "?type=region", "drill type unknown");
        badFilters.put(DRILLS + "?target=" + "t".repeat(64), "drill target of 64 characters");
        badFilters.put(DRILLS + "?mode=live", "drill filter on mode");
        badFilters.put(AUDIT_EVENTS + "?since=not-a-date", "since not a date");
        badFilters.put(AUDIT_EVENTS + "?until=2026-13-01T00:00:00Z", "until month 13");
        badFilters.put(AUDIT_EVENTS + "?since=2026-01-01", "since without time");
        badFilters.put(AUDIT_EVENTS + "?since=1e400", "since as number");
        badFilters.put(AUDIT_EVENTS + "?since=" + encode("2026-01-01T00:00:00+25:00"), "since offset +25:00");
        badFilters.put(AUDIT_EVENTS + "?since=" + encode("+1000000000-01-01T00:00:00Z"), "since in year 1e9");
        badFilters.put(AUDIT_EVENTS + "?until=" + encode("-1000000000-01-01T00:00:00Z"), "until in year -1e9");
        badFilters.put(AUDIT_EVENTS + "?since=" + encode("+294277-01-01T00:00:00Z"), "since after PostgreSQL range");
        badFilters.put(AUDIT_EVENTS + "?until=" + encode("-4714-01-01T00:00:00Z"), "until before PostgreSQL range");
        badFilters.put(AUDIT_EVENTS + "?objectKind=Region", "objectKind capitalised");
        badFilters.put(AUDIT_EVENTS + "?objectKind=" + "k".repeat(40), "objectKind of 40 characters");
        badFilters.put(AUDIT_EVENTS + "?action=CREATE", "action in upper case");
        badFilters.put(AUDIT_EVENTS + "?actor=" + "a".repeat(256), "actor of 256 characters");
        badFilters.put(AUDIT_EVENTS + "?actor=%C3%A9", "actor non-ASCII");
        badFilters.put(AUDIT_EVENTS + "?cursor=" + cursor("v1:no-separator"), "audit cursor without separator");
        badFilters.put(AUDIT_EVENTS + "?cursor=" + cursor("v1:2026-01-01T00:00:00Z|abc"), "audit cursor bad id");
        badFilters.put(AUDIT_EVENTS + "?cursor=" + cursor("v1:|"), "audit cursor empty parts");
        badFilters.put(
                AUDIT_EVENTS + "?cursor=" + cursor("v1:+1000000000-01-01T00:00:00Z|1"), "audit cursor in year 1e9");
        badFilters.put(
                AUDIT_EVENTS + "?cursor=" + cursor("v1:2026-01-01T00:00:00Z|99999999999999999999"),
                "audit cursor id overflow");
        badFilters.forEach((path, label) -> cases.expect(400, label, "GET", path, json(Api.VIEWER), null));
        cases.expect(
                400, "7000-character filter", "GET", TENANTS + "?region=" + "r".repeat(7000), json(Api.VIEWER), null);

        // Hostile values that are valid for their parameter are bound as data, so these requests are plain reads.
        cases.expect(
                200,
                "region cursor that decodes to SQL",
                "GET",
                REGIONS + "?cursor=" + cursor("v1:' or '1'='1"),
                json(Api.VIEWER),
                null);
        cases.expect(
                200,
                "audit actor of SQL punctuation without spaces",
                "GET",
                AUDIT_EVENTS + "?actor=" + encode("'or'1'='1'--"),
                json(Api.VIEWER),
                null);
    }

    private static void addAuthenticationCases(Cases cases) {
        List<String[]> endpoints = List.of(
                new String[] {"GET", REGIONS},
                new String[] {"POST", REGIONS},
                new String[] {"GET", REGION},
                new String[] {"GET", REGION_STATUS},
                new String[] {"PUT", REGION},
                new String[] {"DELETE", REGION},
                new String[] {"GET", CLUSTERS},
                new String[] {"POST", CLUSTERS},
                new String[] {"GET", CLUSTER},
                new String[] {"PUT", CLUSTER},
                new String[] {"DELETE", CLUSTER},
                new String[] {"GET", TENANTS},
                new String[] {"POST", TENANTS},
                new String[] {"GET", TENANT},
                new String[] {"PUT", TENANT},
                new String[] {"DELETE", TENANT},
                new String[] {"POST", TENANT + "/suspend"},
                new String[] {"POST", TENANT + "/resume"},
                new String[] {"GET", DRILLS},
                new String[] {"POST", DRILLS},
                new String[] {"GET", DRILL},
                new String[] {"PUT", DRILL},
                new String[] {"DELETE", DRILL},
                new String[] {"GET", AUDIT_EVENTS});

        Map<String, Header> badCredentials = new LinkedHashMap<>();
        badCredentials.put("wrong password", basic(Api.ADMIN, "wrong"));
        badCredentials.put("unknown user", basic("mallory", "mallory"));
        badCredentials.put("empty password", basic(Api.ADMIN, ""));
        badCredentials.put("SQL user name", basic("admin' --", "x"));
        badCredentials.put("non-ASCII password", basic(Api.ADMIN, "adm\u00efn"));
        badCredentials.put("Basic without colon", authorization("Basic " + base64("admin")));
        badCredentials.put("Basic not base64", authorization("Basic !!!not-base64!!!"));
        badCredentials.put("Basic without value", authorization("Basic"));
        badCredentials.put("Bearer token", authorization("Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9."));
        badCredentials.put("Digest scheme", authorization("Digest username=\"admin\""));
        // Every endpoint authenticates through the same HTTP basic mechanism, so bad credentials go to a sample.
        List<String> credentialSample = List.of(REGIONS, TENANT, TENANT + "/suspend");

        for (String[] endpoint : endpoints) {
            String method = endpoint[0];
            String path = endpoint[1];
            String body = writeBody(method, path);
            List<Header> noCredentials = new ArrayList<>(List.of(new Header("Content-Type", "application/json")));
            if ("PUT".equals(method) || "DELETE".equals(method)) {
                noCredentials.add(ifMatch(STALE_ETAG));
            }
            cases.expect(401, method + " " + path + " without credentials", method, path, noCredentials, body);

            if (!credentialSample.contains(path)) {
                continue;
            }
            for (Map.Entry<String, Header> credentials : badCredentials.entrySet()) {
                List<Header> headers = new ArrayList<>(noCredentials);
                headers.add(credentials.getValue());
                String label = method + " " + path + ": " + credentials.getKey();
                cases.expect(401, label, method, path, headers, body);
            }
        }
    }

    private static void addRoleCases(Cases cases) {
        List<String[]> forbidden = List.of(
                new String[] {Api.VIEWER, "POST", REGIONS},
                new String[] {Api.VIEWER, "PUT", REGION},
                new String[] {Api.VIEWER, "DELETE", REGION},
                new String[] {Api.VIEWER, "POST", CLUSTERS},
                new String[] {Api.VIEWER, "PUT", CLUSTER},
                new String[] {Api.VIEWER, "DELETE", CLUSTER},
                new String[] {Api.VIEWER, "POST", TENANTS},
                new String[] {Api.VIEWER, "PUT", TENANT},
                new String[] {Api.VIEWER, "DELETE", TENANT},
                new String[] {Api.VIEWER, "POST", TENANT + "/suspend"},
                new String[] {Api.VIEWER, "POST", TENANT + "/resume"},
                new String[] {Api.OPERATOR, "POST", REGIONS},
                new String[] {Api.OPERATOR, "DELETE", REGION},
                new String[] {Api.OPERATOR, "DELETE", CLUSTER},
                new String[] {Api.OPERATOR, "POST", TENANTS},
                new String[] {Api.OPERATOR, "DELETE", TENANT},
                new String[] {Api.ACME_ADMIN, "GET", CLUSTERS},
                new String[] {Api.ACME_ADMIN, "GET", CLUSTER},
                new String[] {Api.ACME_ADMIN, "POST", CLUSTERS},
                new String[] {Api.ACME_ADMIN, "POST", REGIONS},
                new String[] {Api.ACME_ADMIN, "PUT", REGION},
                new String[] {Api.ACME_ADMIN, "PUT", TENANT},
                new String[] {Api.ACME_ADMIN, "DELETE", TENANT},
                new String[] {Api.ACME_ADMIN, "POST", TENANT + "/suspend"},
                new String[] {Api.ACME_ADMIN, "POST", TENANT + "/resume"},
                new String[] {Api.VIEWER, "POST", DRILLS},
                new String[] {Api.VIEWER, "PUT", DRILL},
                new String[] {Api.VIEWER, "DELETE", DRILL},
                new String[] {Api.ACME_ADMIN, "GET", DRILLS},
                new String[] {Api.ACME_ADMIN, "GET", DRILL},
                new String[] {Api.ACME_ADMIN, "POST", DRILLS},
                new String[] {Api.ACME_ADMIN, "PUT", DRILL},
                new String[] {Api.ACME_ADMIN, "DELETE", DRILL});
        for (String[] entry : forbidden) {
            String user = entry[0];
            String method = entry[1];
            String path = entry[2];
            List<Header> headers =
                    "PUT".equals(method) || "DELETE".equals(method) ? json(user, ifMatch(STALE_ETAG)) : json(user);
            cases.expect(403, user + " " + method + " " + path, method, path, headers, writeBody(method, path));
        }
        // A tenant administrator must not learn whether other tenants exist.
        cases.expect(404, "acme-admin reads globex", "GET", TENANTS + "/globex", json(Api.ACME_ADMIN), null);
        cases.expect(404, "acme-admin reads a missing tenant", "GET", TENANTS + "/nope", json(Api.ACME_ADMIN), null);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Request bodies

    /** Marks a field to leave out of the body. */
    private static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "(missing)";
        }
    };

    private static Map<String, Object> regionBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "eu-west-1");
        body.put("displayName", "Europe (Ireland)");
        body.put("residencyZone", "EU");
        body.put("consulDatacenter", "eu-west-1");
        body.put("status", "active");
        return body;
    }

    private static Map<String, Object> clusterBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "eu-west-1-a");
        body.put("region", "eu-west-1");
        body.put("labels", Map.of("environment", "demo"));
        body.put("capacity", new LinkedHashMap<>(Map.of("cpuMillis", 64000, "memoryBytes", 274877906944L)));
        return body;
    }

    private static Map<String, Object> tenantBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", "acme");
        body.put("displayName", "ACME Corporation");
        body.put("tier", "shared");
        body.put("residencyZones", List.of("EU"));
        body.put("regions", List.of("eu-west-1", "eu-central-1"));
        Map<String, Object> quota = new LinkedHashMap<>();
        quota.put("cpuMillis", 16000);
        quota.put("memoryBytes", 68719476736L);
        quota.put("pods", 200);
        body.put("quota", quota);
        return body;
    }

    /**
     * Returns a drill that names the seeded drill evacuate-eu-west-1 and sets every field, so that each can be
     * replaced with a bad value.
     */
    private static Map<String, Object> drillBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "evacuate-eu-west-1");
        body.put("type", "region-evacuation");
        body.put("target", "eu-west-1");
        body.put(
                "scope",
                new LinkedHashMap<>(Map.of("services", List.of("securewatch-api"), "tenants", List.of("acme"))));
        Map<String, Object> guardrails = new LinkedHashMap<>();
        guardrails.put("minSurvivorHeadroomPercent", 20);
        guardrails.put("maxErrorRatePercent", 5);
        guardrails.put("ackTimeoutSeconds", 60);
        guardrails.put("maxDurationSeconds", 1800);
        guardrails.put("observationSeconds", 300);
        body.put("guardrails", guardrails);
        body.put("mode", "dry-run");
        body.put("schedule", "0 0 3 ? * MON");
        return body;
    }

    /** Returns a valid body for a write endpoint, or null for endpoints without one. */
    private static String writeBody(String method, String path) {
        if (!"POST".equals(method) && !"PUT".equals(method)) {
            return null;
        }
        if (path.startsWith(REGIONS)) {
            return toJson(regionBody());
        }
        if (path.startsWith(CLUSTERS)) {
            return toJson(clusterBody());
        }
        if (path.startsWith(DRILLS)) {
            return toJson(drillBody());
        }
        return path.endsWith("/suspend") || path.endsWith("/resume") ? null : toJson(tenantBody());
    }

    /** JSON shapes of request fields, each with values of the wrong shape. */
    private enum FieldKind {
        STRING(List.of(5, 1.5, true, Map.of(), List.of(), List.of("eu-west-1"), Map.of("value", "x"))),
        ENUM(List.of(5, "", "bogus", "ACTIVE", true, Map.of(), List.of())),
        INTEGER(List.of("5", "", 1.5, true, Map.of(), List.of(), List.of(5))),
        OBJECT(List.of("x", 5, true, List.of(), List.of(Map.of()))),
        STRING_MAP(List.of(
                "x",
                5,
                List.of(),
                List.of("a=b"),
                Map.of("k", 5),
                Map.of("k", Map.of()),
                Map.of("k", List.of()),
                Map.of("k", true))),
        STRING_LIST(List.of("EU", 5, Map.of(), List.of(5), List.of(Map.of()), List.of(List.of()), List.of(true)));

        private final List<Object> wrongValues;

        FieldKind(List<Object> wrongValues) {
            this.wrongValues = wrongValues;
        }

        List<Object> wrongValues() {
            List<Object> values = new ArrayList<>(wrongValues);
            values.add(null);
            return values;
        }
    }

    private static Map<String, FieldKind> fieldKinds(String path) {
        Map<String, FieldKind> kinds = new LinkedHashMap<>();
        if (path.startsWith(REGIONS)) {
            kinds.put("name", FieldKind.STRING);
            kinds.put("displayName", FieldKind.STRING);
            kinds.put("residencyZone", FieldKind.STRING);
            kinds.put("consulDatacenter", FieldKind.STRING);
            kinds.put("status", FieldKind.ENUM);
        } else if (path.startsWith(DRILLS)) {
            kinds.put("name", FieldKind.STRING);
            kinds.put("type", FieldKind.ENUM);
            kinds.put("target", FieldKind.STRING);
            kinds.put("scope", FieldKind.OBJECT);
            kinds.put("scope.services", FieldKind.STRING_LIST);
            kinds.put("scope.tenants", FieldKind.STRING_LIST);
            kinds.put("guardrails", FieldKind.OBJECT);
            kinds.put("guardrails.minSurvivorHeadroomPercent", FieldKind.INTEGER);
            kinds.put("guardrails.maxErrorRatePercent", FieldKind.INTEGER);
            kinds.put("guardrails.ackTimeoutSeconds", FieldKind.INTEGER);
            kinds.put("guardrails.maxDurationSeconds", FieldKind.INTEGER);
            kinds.put("guardrails.observationSeconds", FieldKind.INTEGER);
            kinds.put("mode", FieldKind.ENUM);
            kinds.put("schedule", FieldKind.STRING);
        } else if (path.startsWith(CLUSTERS)) {
            kinds.put("name", FieldKind.STRING);
            kinds.put("region", FieldKind.STRING);
            kinds.put("labels", FieldKind.STRING_MAP);
            kinds.put("capacity", FieldKind.OBJECT);
            kinds.put("capacity.cpuMillis", FieldKind.INTEGER);
            kinds.put("capacity.memoryBytes", FieldKind.INTEGER);
        } else {
            kinds.put("slug", FieldKind.STRING);
            kinds.put("displayName", FieldKind.STRING);
            kinds.put("tier", FieldKind.ENUM);
            kinds.put("residencyZones", FieldKind.STRING_LIST);
            kinds.put("regions", FieldKind.STRING_LIST);
            kinds.put("quota", FieldKind.OBJECT);
            kinds.put("quota.cpuMillis", FieldKind.INTEGER);
            kinds.put("quota.memoryBytes", FieldKind.INTEGER);
            kinds.put("quota.pods", FieldKind.INTEGER);
        }
        return kinds;
    }

    /**
     * Returns a copy of the body with one field replaced, or removed for {@link #MISSING}. The field is a top-level
     * name or {@code parent.child}.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withField(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        int dot = field.indexOf('.');
        if (dot >= 0) {
            String parent = field.substring(0, dot);
            Map<String, Object> nested = new LinkedHashMap<>((Map<String, Object>) copy.get(parent));
            copy.put(parent, withField(nested, field.substring(dot + 1), value));
            return copy;
        }
        if (value == MISSING) {
            copy.remove(field);
        } else {
            copy.put(field, value);
        }
        return copy;
    }

    private static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("test body cannot be written as JSON", e);
        }
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof RawValue raw) {
            return String.valueOf(raw.rawValue());
        }
        if (value == MISSING) {
            return value.toString();
        }
        return toJson(value);
    }

    private static List<String> repeat(String value, int times) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            values.add(value);
        }
        return values;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] joined = new byte[length];
        int position = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, position, part.length);
            position += part.length;
        }
        return joined;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Headers and encoding

    /** Returns the headers of a JSON request by the built-in user, followed by the extra ones. */
    private static List<Header> json(String user, Header... extra) {
        List<Header> headers = new ArrayList<>();
        headers.add(basic(user));
        headers.add(new Header("Content-Type", "application/json"));
        headers.add(new Header("Accept", "application/json"));
        headers.addAll(List.of(extra));
        return List.copyOf(headers);
    }

    private static Header basic(String user) {
        return basic(user, user);
    }

    private static Header basic(String user, String password) {
        return authorization("Basic " + base64(user + ":" + password));
    }

    private static Header authorization(String value) {
        return new Header("Authorization", value);
    }

    private static Header ifMatch(String value) {
        return new Header("If-Match", value);
    }

    private static Header idempotencyKey(String value) {
        return new Header("Idempotency-Key", value);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns a list cursor in the API's format: base64url of "v1:" and the sort key, without padding. */
    private static String cursor(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** Percent-encodes a path segment or query value. Spaces become %20, because a '+' in a path is a plus sign. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Shortens a value to 40 characters and escapes control and non-ASCII characters, for case labels. */
    private static String printable(String value) {
        return printable(value, 40);
    }

    /** Shortens a value to the given length and escapes control and non-ASCII characters, for failure output. */
    private static String printable(String value, int maxLength) {
        String shortened = value.length() > maxLength
                ? value.substring(0, maxLength) + "...(" + value.length() + " chars)"
                : value;
        StringBuilder printable = new StringBuilder("'");
        for (char c : shortened.toCharArray()) {
            if (c < 0x20 || c > 0x7e) {
                printable.append(String.format("\\u%04X", (int) c));
            } else {
                printable.append(c);
            }
        }
        return printable.append('\'').toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Sending and checking

    /** The response to a case, or the transport error when there was none. */
    private record Outcome(Case badCase, int status, String contentType, String body, String transportError) {

        String describe() {
            String shortBody = body == null ? "" : printable(body, 300);
            return "[" + badCase.label() + "] " + badCase.method() + " " + printable(badCase.path(), 120) + " -> "
                    + status + " " + contentType + " " + shortBody;
        }
    }

    private static Outcome send(Case badCase) {
        RequestSpecification request =
                RestAssured.given().config(CONFIG).urlEncodingEnabled(false).headers(new Headers(badCase.headers()));
        if (badCase.body() != null) {
            request.body(badCase.body());
        }
        try {
            Response response = request.request(badCase.method(), badCase.path());
            return new Outcome(badCase, response.statusCode(), response.contentType(), response.asString(), null);
        } catch (Exception e) {
            return new Outcome(badCase, -1, "", null, e.toString());
        }
    }

    /**
     * Sends a GET over a plain socket, for request targets that REST Assured refuses to send, and returns the raw
     * response read until the server closes the connection.
     */
    private static String sendRawGet(String target, String user) throws IOException {
        String host = URI.create(RestAssured.baseURI).getHost();
        try (Socket socket = new Socket(host, RestAssured.port)) {
            // A guard against a server that never responds, not a timing assertion.
            socket.setSoTimeout(60_000);
            String request = "GET " + target + " HTTP/1.1\r\n"
                    + "Host: " + host + ":" + RestAssured.port + "\r\n"
                    + basic(user).getName() + ": " + basic(user).getValue() + "\r\n"
                    + "Connection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private interface Check {

        /** Returns what is wrong with the outcome, or null when the check passes. */
        String problem(Outcome outcome);
    }

    private static void report(SoftAssertions softly, String description, List<Outcome> outcomes, Check check) {
        List<String> failures = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            String problem = check.problem(outcome);
            if (problem != null) {
                failures.add(problem + ": " + outcome.describe());
            }
        }
        softly.assertThat(failures)
                .withFailMessage(
                        "%d of %d requests %s:%n  %s",
                        failures.size(),
                        outcomes.size(),
                        description,
                        failures.stream().collect(Collectors.joining(System.lineSeparator() + "  ")))
                .isEmpty();
    }

    private static String transportFailure(Outcome outcome) {
        return outcome.transportError();
    }

    private static String serverError(Outcome outcome) {
        return outcome.status() >= 500 ? "status " + outcome.status() : null;
    }

    private static String unexpectedStatus(Outcome outcome) {
        int expected = outcome.badCase().expectedStatus();
        if (outcome.transportError() != null || outcome.status() >= 500) {
            return null;
        }
        if (expected == ANY_CLIENT_ERROR) {
            return outcome.status() >= 400 && outcome.status() < 500 ? null : "expected a 4xx";
        }
        return outcome.status() == expected ? null : "expected " + expected;
    }

    private static String malformedProblem(Outcome outcome) {
        if (outcome.status() < 400 || outcome.status() >= 500) {
            return null;
        }
        if (outcome.contentType() == null || !outcome.contentType().startsWith(PROBLEM_JSON)) {
            return "content type is not " + PROBLEM_JSON;
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(outcome.body());
        } catch (JsonProcessingException e) {
            return "body is not JSON";
        }
        if (problem == null || problem.path("status").asInt(-1) != outcome.status()) {
            return "problem status differs from the HTTP status";
        }
        if (problem.path("detail").asText("").isBlank()) {
            return "problem detail is blank";
        }
        return null;
    }

    private static String leakedInternals(Outcome outcome) {
        if (outcome.body() == null) {
            return null;
        }
        for (String marker : LEAK_MARKERS) {
            if (outcome.body().contains(marker)) {
                return "contains '" + marker + "'";
            }
        }
        return null;
    }

    /** Returns "row count:md5" of every application table, computed over the rows' text form in sorted order. */
    private static Map<String, String> tableDigests() throws SQLException {
        Map<String, String> digests = new LinkedHashMap<>();
        try (Connection connection = TestDatabase.appConnection();
                Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                String query = "select count(*) || ':' || md5(coalesce(string_agg(t::text, '|' order by t::text), ''))"
                        + " from " + table + " t";
                try (ResultSet row = statement.executeQuery(query)) {
                    row.next();
                    digests.put(table, row.getString(1));
                }
            }
        }
        return digests;
    }
}
