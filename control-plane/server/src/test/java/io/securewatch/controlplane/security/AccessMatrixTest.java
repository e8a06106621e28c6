package io.securewatch.controlplane.security;

import static io.restassured.RestAssured.given;
import static io.securewatch.controlplane.support.Api.as;
import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertAll;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.securewatch.controlplane.support.AheadClusters;
import io.securewatch.controlplane.support.Api;
import io.securewatch.controlplane.support.Fixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks every caller against every endpoint of the inventory API. Each cell checks the response status, that an
 * allowed write takes effect and that a rejected write leaves the object as it was. Writes act only on objects this
 * class creates. The exception is the seeded tenant {@code acme}, which only callers that must be rejected write
 * to, because other test classes read it.
 */
@QuarkusTest
class AccessMatrixTest {

    private static final String TENANTS = "/api/v1/tenants";
    private static final String AUDIT_EVENTS = "/api/v1/audit-events";

    /** Marks a target name that each cell replaces with an object created for it alone. */
    private static final String NEW = "{new}";

    /** Marks a cell that is not sent, because the allowed write would change a seeded object. */
    private static final int NOT_SENT = 0;

    private static final String CHANGED_DISPLAY_NAME = "Changed by the access matrix";
    private static final String CHANGED_TIER_LABEL = "changed";
    private static final String CHANGED_DRILL_MODE = "live";

    /** Residency zone of every region and tenant this class creates, so that zone filters elsewhere never see them. */
    private static String zone;

    /** Region of the clusters and tenants this class creates, created on first use. */
    private static String workRegion;

    /**
     * Region of the clusters whose agents are ahead, created on first use. It has no tenants, because a tenant's
     * provisioning waits for every cluster of its regions that an agent has connected to, and these never apply.
     */
    private static String aheadRegion;

    /**
     * The access policy: expected status per endpoint for admin, operator, viewer and acme-admin. Callers without
     * valid credentials get 401 everywhere. The rows on new tenants cover the writes that admin and operator may
     * not send to acme.
     */
    private static final List<Policy> POLICY = List.of(
            new Policy(Endpoint.REGION_LIST, 200, 200, 200, 200),
            new Policy(Endpoint.REGION_GET, 200, 200, 200, 200),
            new Policy(Endpoint.REGION_STATUS, 200, 200, 200, 403),
            new Policy(Endpoint.REGION_STATUS_MISSING, 404, 404, 404, 403),
            new Policy(Endpoint.REGION_CREATE, 201, 403, 403, 403),
            new Policy(Endpoint.REGION_UPDATE, 200, 200, 403, 403),
            new Policy(Endpoint.REGION_DELETE, 204, 403, 403, 403),
            new Policy(Endpoint.CLUSTER_LIST, 200, 200, 200, 403),
            new Policy(Endpoint.CLUSTER_GET, 200, 200, 200, 403),
            new Policy(Endpoint.CLUSTER_CREATE, 201, 201, 403, 403),
            new Policy(Endpoint.CLUSTER_UPDATE, 200, 200, 403, 403),
            new Policy(Endpoint.CLUSTER_DELETE, 204, 403, 403, 403),
            new Policy(Endpoint.CLUSTER_CONFIRM_ROLLBACK, 200, 200, 403, 403),
            new Policy(Endpoint.TENANT_LIST, 200, 200, 200, 200),
            new Policy(Endpoint.TENANT_GET_ACME, 200, 200, 200, 200),
            new Policy(Endpoint.TENANT_GET_GLOBEX, 200, 200, 200, 404),
            new Policy(Endpoint.TENANT_GET_NEW, 200, 200, 200, 404),
            new Policy(Endpoint.TENANT_GET_MISSING, 404, 404, 404, 404),
            new Policy(Endpoint.TENANT_ENVIRONMENTS_ACME, 200, 200, 200, 200),
            new Policy(Endpoint.TENANT_ENVIRONMENTS_GLOBEX, 200, 200, 200, 404),
            new Policy(Endpoint.TENANT_ENVIRONMENTS_MISSING, 404, 404, 404, 404),
            new Policy(Endpoint.TENANT_PROVISIONING_ACME, 200, 200, 200, 200),
            new Policy(Endpoint.TENANT_PROVISIONING_GLOBEX, 200, 200, 200, 404),
            new Policy(Endpoint.TENANT_PROVISIONING_MISSING, 404, 404, 404, 404),
            new Policy(Endpoint.TENANT_CREATE, 201, 403, 403, 403),
            new Policy(Endpoint.TENANT_UPDATE_ACME, NOT_SENT, NOT_SENT, 403, 403),
            new Policy(Endpoint.TENANT_UPDATE_NEW, 200, 200, 403, 403),
            new Policy(Endpoint.TENANT_DELETE_ACME, NOT_SENT, NOT_SENT, 403, 403),
            new Policy(Endpoint.TENANT_DELETE_NEW, 204, 403, 403, 403),
            new Policy(Endpoint.TENANT_SUSPEND_ACME, NOT_SENT, NOT_SENT, 403, 403),
            new Policy(Endpoint.TENANT_SUSPEND_NEW, 200, 200, 403, 403),
            new Policy(Endpoint.TENANT_RESUME_ACME, NOT_SENT, NOT_SENT, 403, 403),
            new Policy(Endpoint.TENANT_RESUME_NEW, 200, 200, 403, 403),
            new Policy(Endpoint.DRILL_LIST, 200, 200, 200, 403),
            new Policy(Endpoint.DRILL_GET, 200, 200, 200, 403),
            new Policy(Endpoint.DRILL_CREATE, 201, 201, 403, 403),
            new Policy(Endpoint.DRILL_UPDATE, 200, 200, 403, 403),
            new Policy(Endpoint.DRILL_DELETE, 204, 204, 403, 403),
            new Policy(Endpoint.AUDIT_LIST, 200, 200, 200, 200));

    static Stream<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (Policy policy : POLICY) {
            addUnlessNotSent(cells, Credentials.ADMIN, policy.endpoint(), policy.admin());
            addUnlessNotSent(cells, Credentials.OPERATOR, policy.endpoint(), policy.operator());
            addUnlessNotSent(cells, Credentials.VIEWER, policy.endpoint(), policy.viewer());
            addUnlessNotSent(cells, Credentials.ACME_ADMIN, policy.endpoint(), policy.acmeAdmin());
            cells.add(new Cell(Credentials.ANONYMOUS, policy.endpoint(), 401));
            cells.add(new Cell(Credentials.WRONG_PASSWORD, policy.endpoint(), 401));
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void responseMatchesPolicy(Cell cell) {
        // given
        Endpoint endpoint = cell.endpoint();
        String target = prepareTarget(endpoint);
        Response before = endpoint.operation().writes() && endpoint.operation() != Operation.CREATE
                ? readAsAdmin(endpoint.kind(), target)
                : null;
        if (before != null) {
            before.then().statusCode(200);
        }

        // when
        Response response = send(cell.credentials().request(), endpoint, target, before);

        // then: every failure message starts with the cell's label, which the surefire report does not show
        assertAll(
                cell.toString(),
                () -> assertThat(response.statusCode())
                        .as("status; response body: %s", response.asString())
                        .isEqualTo(cell.expectedStatus()),
                () -> assertResponseBody(endpoint, target, cell.expectedStatus(), response),
                () -> assertWriteOutcome(endpoint, target, cell.expectedStatus(), before));
    }

    @Test
    void tenantAdminListsOnlyItsTenant() {
        // given
        createTenant();

        // when
        Response response = as(Api.ACME_ADMIN).get(TENANTS);

        // then
        response.then()
                .statusCode(200)
                .body("items.slug", equalTo(List.of("acme")))
                .body("nextCursor", nullValue());
    }

    @Test
    void tenantAdminFilteredListOmitsOtherTenants() {
        as(Api.ACME_ADMIN)
                .queryParam("region", "us-east-1")
                .get(TENANTS)
                .then()
                .statusCode(200)
                .body("items", empty());
        asAdmin()
                .queryParam("region", "us-east-1")
                .get(TENANTS)
                .then()
                .statusCode(200)
                .body("items.slug", hasItems("globex", "initech"));
    }

    @Test
    void otherTenantLooksMissingToTenantAdmin() {
        // when
        Response other = as(Api.ACME_ADMIN).get(TENANTS + "/globex");
        Response missing = as(Api.ACME_ADMIN).get(TENANTS + "/does-not-exist");

        // then
        other.then().statusCode(404).contentType("application/problem+json");
        missing.then().statusCode(404).contentType("application/problem+json");
        assertThat(other.jsonPath().getString("type"))
                .isEqualTo(missing.jsonPath().getString("type"));
        assertThat(other.jsonPath().getString("title"))
                .isEqualTo(missing.jsonPath().getString("title"));
        assertThat(other.jsonPath().getInt("status"))
                .isEqualTo(missing.jsonPath().getInt("status"));
        assertThat(other.jsonPath().getMap("").keySet())
                .isEqualTo(missing.jsonPath().getMap("").keySet());
        assertThat(other.jsonPath().getString("detail")).isEqualTo("tenant 'globex' not found");
        assertThat(missing.jsonPath().getString("detail")).isEqualTo("tenant 'does-not-exist' not found");
        assertThat(other.header("ETag")).isNull();
    }

    @Test
    void tenantAdminAuditShowsOnlyItsTenant() {
        // given: admin changes a tenant of its own making, which records events of that tenant, not of acme
        String other = createTenant();
        asAdmin().post(TENANTS + "/" + other + "/suspend").then().statusCode(200);
        asAdmin()
                .queryParam("objectId", other)
                .get(AUDIT_EVENTS)
                .then()
                .statusCode(200)
                .body("items.action", hasItems("create", "suspend"))
                .body("items.tenant", hasItems(other));

        // when
        List<Map<String, Object>> events = listAllAuditEvents(Api.ACME_ADMIN);

        // then
        assertThat(events).isNotEmpty();
        assertThat(events).extracting(event -> event.get("tenant")).containsOnly("acme");
        assertThat(events)
                .anySatisfy(event -> assertThat(event)
                        .containsEntry("actor", "system:demo-seed")
                        .containsEntry("action", "create")
                        .containsEntry("objectKind", "tenant")
                        .containsEntry("objectId", "acme"));
        assertThat(events).noneMatch(event -> other.equals(event.get("objectId")));
    }

    @Test
    void auditFilterOnOtherTenantIsEmpty() {
        as(Api.ACME_ADMIN)
                .queryParam("tenant", "globex")
                .get(AUDIT_EVENTS)
                .then()
                .statusCode(200)
                .body("items", empty())
                .body("nextCursor", nullValue());
        as(Api.ACME_ADMIN)
                .queryParam("objectId", "globex")
                .get(AUDIT_EVENTS)
                .then()
                .statusCode(200)
                .body("items", empty());
        asAdmin()
                .queryParam("tenant", "globex")
                .get(AUDIT_EVENTS)
                .then()
                .statusCode(200)
                .body("items.objectId", hasItems("globex"));
    }

    private static void addUnlessNotSent(List<Cell> cells, Credentials credentials, Endpoint endpoint, int status) {
        if (status != NOT_SENT) {
            cells.add(new Cell(credentials, endpoint, status));
        }
    }

    /**
     * Returns the name the cell acts on: a seeded name, a fresh name for a create, or an object created for the
     * cell (a suspended tenant for resume). Lists have no target and get null.
     */
    private static String prepareTarget(Endpoint endpoint) {
        if (endpoint.operation() == Operation.LIST) {
            return null;
        }
        if (!NEW.equals(endpoint.target())) {
            return endpoint.target();
        }
        if (endpoint.operation() == Operation.CREATE) {
            return Api.uniqueName(endpoint.kind().namePrefix());
        }
        return switch (endpoint.kind()) {
            case REGIONS -> Fixtures.createRegion(zone());
            case CLUSTERS ->
                endpoint.operation() == Operation.CONFIRM_ROLLBACK
                        ? AheadClusters.create(aheadRegion())
                        : Fixtures.createCluster(workRegion());
            case TENANTS -> endpoint.operation() == Operation.RESUME ? createSuspendedTenant() : createTenant();
            case DRILLS -> createDrill();
            case AUDIT_EVENTS -> throw new IllegalArgumentException("audit events cannot be created: " + endpoint);
        };
    }

    private static Response send(RequestSpecification request, Endpoint endpoint, String target, Response before) {
        String collection = endpoint.kind().path();
        String item = collection + "/" + target;
        return switch (endpoint.operation()) {
            case LIST -> request.get(collection);
            case GET -> request.get(item);
            case STATUS -> request.get(item + "/status");
            case ENVIRONMENTS -> request.get(item + "/environments");
            case PROVISIONING -> request.get(item + "/provisioning");
            case CREATE -> request.body(createBody(endpoint.kind(), target)).post(collection);
            case UPDATE ->
                request.header("If-Match", before.header("ETag"))
                        .body(updateBody(endpoint.kind(), target, before))
                        .put(item);
            case DELETE -> request.delete(item);
            case SUSPEND -> request.post(item + "/suspend");
            case RESUME -> request.post(item + "/resume");
            case CONFIRM_ROLLBACK -> request.post(item + "/confirm-rollback");
        };
    }

    private static void assertResponseBody(Endpoint endpoint, String target, int status, Response response) {
        switch (status) {
            case 200, 201 -> {
                if (endpoint.operation() == Operation.LIST) {
                    response.then().body("items", notNullValue());
                } else if (endpoint.operation() == Operation.STATUS) {
                    response.then().body("region", equalTo(target));
                } else if (endpoint.operation() == Operation.ENVIRONMENTS) {
                    response.then().body("tenant", equalTo(target)).body("regions", notNullValue());
                } else if (endpoint.operation() == Operation.PROVISIONING) {
                    response.then().body("tenant", equalTo(target)).body("steps", notNullValue());
                } else if (endpoint.operation() == Operation.CONFIRM_ROLLBACK) {
                    response.then().body("cluster", equalTo(target)).body("ahead", equalTo(false));
                } else {
                    response.then().body(endpoint.kind().idField(), equalTo(target));
                }
            }
            case 204 -> assertThat(response.asString()).isEmpty();
            case 401 ->
                response.then()
                        .header("WWW-Authenticate", notNullValue())
                        .contentType("application/problem+json")
                        .body("type", equalTo("urn:securewatch:problem:unauthenticated"));
            case 403 ->
                response.then()
                        .contentType("application/problem+json")
                        .body("type", equalTo("urn:securewatch:problem:forbidden"));
            case 404 ->
                response.then()
                        .contentType("application/problem+json")
                        .body("type", equalTo("urn:securewatch:problem:not-found"))
                        .body("detail", equalTo(endpoint.kind().noun() + " '" + target + "' not found"));
            default -> throw new IllegalArgumentException("no body check for status " + status + ": " + endpoint);
        }
    }

    /** Checks that an allowed write took effect and that a rejected one changed nothing. Reads need no check. */
    private static void assertWriteOutcome(Endpoint endpoint, String target, int status, Response before) {
        if (!endpoint.operation().writes()) {
            return;
        }
        if (status < 300) {
            assertApplied(endpoint, target, before);
        } else {
            assertUnchanged(endpoint, target, before);
        }
    }

    private static void assertApplied(Endpoint endpoint, String target, Response before) {
        Kind kind = endpoint.kind();
        Response after = readAsAdmin(kind, target);
        switch (endpoint.operation()) {
            case CREATE -> after.then().statusCode(200);
            case UPDATE -> {
                after.then().statusCode(200);
                if (kind == Kind.CLUSTERS) {
                    after.then().body("labels.tier", equalTo(CHANGED_TIER_LABEL));
                } else if (kind == Kind.DRILLS) {
                    after.then().body("mode", equalTo(CHANGED_DRILL_MODE));
                } else {
                    after.then().body("displayName", equalTo(CHANGED_DISPLAY_NAME));
                }
                assertThat(after.header("ETag")).isNotEqualTo(before.header("ETag"));
            }
            case DELETE -> after.then().statusCode(404);
            case SUSPEND -> after.then().statusCode(200).body("status", equalTo("suspended"));
            case RESUME -> after.then().statusCode(200).body("status", equalTo("ready"));
            case CONFIRM_ROLLBACK ->
                clusterStatusAsAdmin(target)
                        .then()
                        .statusCode(200)
                        .body("ahead", equalTo(false))
                        .body("desiredRevision", greaterThan((int) AheadClusters.REVISIONS_AHEAD));
            case LIST, GET, STATUS, ENVIRONMENTS, PROVISIONING ->
                throw new IllegalArgumentException("not a write: " + endpoint);
        }
    }

    /** Checks that a rejected create made no object and that any other rejected write left its object as it was. */
    private static void assertUnchanged(Endpoint endpoint, String target, Response before) {
        Response after = readAsAdmin(endpoint.kind(), target);
        if (endpoint.operation() == Operation.CREATE) {
            after.then().statusCode(404);
            return;
        }
        after.then().statusCode(200);
        assertThat(after.header("ETag")).isEqualTo(before.header("ETag"));
        assertThat(after.jsonPath().getMap("")).isEqualTo(before.jsonPath().getMap(""));
        if (endpoint.operation() == Operation.CONFIRM_ROLLBACK) {
            clusterStatusAsAdmin(target).then().statusCode(200).body("ahead", equalTo(true));
        }
    }

    private static Response readAsAdmin(Kind kind, String name) {
        return asAdmin().get(kind.path() + "/" + name);
    }

    private static Response clusterStatusAsAdmin(String cluster) {
        return asAdmin().get(Kind.CLUSTERS.path() + "/" + cluster + "/status");
    }

    private static Map<String, Object> createBody(Kind kind, String name) {
        return switch (kind) {
            case REGIONS -> Fixtures.regionBody(name, zone());
            case CLUSTERS -> Fixtures.clusterBody(name, workRegion());
            case TENANTS -> Fixtures.tenantBody(name, List.of(zone()), List.of(workRegion()));
            case DRILLS -> drillBody(name);
            case AUDIT_EVENTS -> throw new IllegalArgumentException("audit events cannot be created");
        };
    }

    /** Returns a valid replacement of the object as read before, with one field changed. */
    private static Map<String, Object> updateBody(Kind kind, String name, Response before) {
        Map<String, Object> body;
        switch (kind) {
            case REGIONS -> {
                body = new HashMap<>(Fixtures.regionBody(name, before.jsonPath().getString("residencyZone")));
                body.put("displayName", CHANGED_DISPLAY_NAME);
            }
            case CLUSTERS -> {
                body = new HashMap<>(
                        Fixtures.clusterBody(name, before.jsonPath().getString("region")));
                body.put("labels", Map.of("tier", CHANGED_TIER_LABEL));
            }
            case TENANTS -> {
                body = new HashMap<>(Fixtures.tenantBody(
                        name,
                        before.jsonPath().getList("residencyZones", String.class),
                        before.jsonPath().getList("regions", String.class)));
                body.put("displayName", CHANGED_DISPLAY_NAME);
            }
            case DRILLS -> {
                body = drillBody(name);
                body.put("mode", CHANGED_DRILL_MODE);
            }
            default -> throw new IllegalArgumentException("audit events cannot be updated");
        }
        return body;
    }

    /** Returns every audit event the user may see, following the cursor through all pages. */
    private static List<Map<String, Object>> listAllAuditEvents(String user) {
        List<Map<String, Object>> events = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = as(user).queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get(AUDIT_EVENTS);
            page.then().statusCode(200);
            events.addAll(page.jsonPath().getList("items"));
            cursor = page.jsonPath().getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(cursor).as("audit events beyond 100 pages").isNull();
        return events;
    }

    private static String createTenant() {
        return Fixtures.createTenant(List.of(zone()), List.of(workRegion()));
    }

    /** Returns the body of a dry-run evacuation of this class's region. */
    private static Map<String, Object> drillBody(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("type", "region-evacuation");
        body.put("target", workRegion());
        return body;
    }

    private static String createDrill() {
        String name = Api.uniqueName(Kind.DRILLS.namePrefix());
        asAdmin().body(drillBody(name)).post(Kind.DRILLS.path()).then().statusCode(201);
        return name;
    }

    private static String createSuspendedTenant() {
        String slug = createTenant();
        asAdmin().post(TENANTS + "/" + slug + "/suspend").then().statusCode(200);
        return slug;
    }

    private static String zone() {
        if (zone == null) {
            zone = Api.uniqueZone();
        }
        return zone;
    }

    private static String aheadRegion() {
        if (aheadRegion == null) {
            aheadRegion = Fixtures.createRegion(zone());
        }
        return aheadRegion;
    }

    private static String workRegion() {
        if (workRegion == null) {
            workRegion = Fixtures.createRegion(zone());
        }
        return workRegion;
    }

    /** A caller of the API: a built-in user, no credentials at all, or a built-in user with a wrong password. */
    enum Credentials {
        ADMIN("admin", Api.ADMIN, Api.ADMIN),
        OPERATOR("operator", Api.OPERATOR, Api.OPERATOR),
        VIEWER("viewer", Api.VIEWER, Api.VIEWER),
        ACME_ADMIN("acme-admin", Api.ACME_ADMIN, Api.ACME_ADMIN),
        ANONYMOUS("anonymous", null, null),
        WRONG_PASSWORD("admin with a wrong password", Api.ADMIN, "not-the-password");

        private final String label;
        private final String user;
        private final String password;

        Credentials(String label, String user, String password) {
            this.label = label;
            this.user = user;
            this.password = password;
        }

        RequestSpecification request() {
            RequestSpecification request = given().contentType(ContentType.JSON).accept(ContentType.JSON);
            return user == null ? request : request.auth().preemptive().basic(user, password);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    enum Kind {
        REGIONS("regions", "name", "r"),
        CLUSTERS("clusters", "name", "c"),
        TENANTS("tenants", "slug", "t"),
        DRILLS("drills", "name", "d"),
        AUDIT_EVENTS("audit-events", null, null);

        private final String segment;
        private final String idField;
        private final String namePrefix;

        Kind(String segment, String idField, String namePrefix) {
            this.segment = segment;
            this.idField = idField;
            this.namePrefix = namePrefix;
        }

        String path() {
            return "/api/v1/" + segment;
        }

        String idField() {
            return idField;
        }

        String namePrefix() {
            return namePrefix;
        }

        /** Returns the singular noun for the label of a new object, such as "region". */
        String noun() {
            return segment.substring(0, segment.length() - 1);
        }
    }

    enum Operation {
        LIST("GET"),
        GET("GET"),
        STATUS("GET"),
        ENVIRONMENTS("GET"),
        PROVISIONING("GET"),
        CREATE("POST"),
        UPDATE("PUT"),
        DELETE("DELETE"),
        SUSPEND("POST"),
        RESUME("POST"),
        CONFIRM_ROLLBACK("POST");

        private final String method;

        Operation(String method) {
            this.method = method;
        }

        /** Returns the path segment after the object, such as "confirm-rollback". */
        String segment() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        boolean writes() {
            return this != LIST && this != GET && this != STATUS && this != ENVIRONMENTS && this != PROVISIONING;
        }
    }

    /**
     * One endpoint and the object it acts on. The target is a seeded name, {@link #NEW} for an object created for
     * the cell, or null for a list.
     */
    enum Endpoint {
        REGION_LIST(Kind.REGIONS, Operation.LIST, null),
        REGION_GET(Kind.REGIONS, Operation.GET, "eu-west-1"),
        REGION_STATUS(Kind.REGIONS, Operation.STATUS, "eu-west-1"),
        REGION_STATUS_MISSING(Kind.REGIONS, Operation.STATUS, "does-not-exist"),
        REGION_CREATE(Kind.REGIONS, Operation.CREATE, NEW),
        REGION_UPDATE(Kind.REGIONS, Operation.UPDATE, NEW),
        REGION_DELETE(Kind.REGIONS, Operation.DELETE, NEW),
        CLUSTER_LIST(Kind.CLUSTERS, Operation.LIST, null),
        CLUSTER_GET(Kind.CLUSTERS, Operation.GET, "eu-west-1-a"),
        CLUSTER_CREATE(Kind.CLUSTERS, Operation.CREATE, NEW),
        CLUSTER_UPDATE(Kind.CLUSTERS, Operation.UPDATE, NEW),
        CLUSTER_DELETE(Kind.CLUSTERS, Operation.DELETE, NEW),
        CLUSTER_CONFIRM_ROLLBACK(Kind.CLUSTERS, Operation.CONFIRM_ROLLBACK, NEW),
        TENANT_LIST(Kind.TENANTS, Operation.LIST, null),
        TENANT_GET_ACME(Kind.TENANTS, Operation.GET, "acme"),
        TENANT_GET_GLOBEX(Kind.TENANTS, Operation.GET, "globex"),
        TENANT_GET_NEW(Kind.TENANTS, Operation.GET, NEW),
        TENANT_GET_MISSING(Kind.TENANTS, Operation.GET, "does-not-exist"),
        TENANT_ENVIRONMENTS_ACME(Kind.TENANTS, Operation.ENVIRONMENTS, "acme"),
        TENANT_ENVIRONMENTS_GLOBEX(Kind.TENANTS, Operation.ENVIRONMENTS, "globex"),
        TENANT_ENVIRONMENTS_MISSING(Kind.TENANTS, Operation.ENVIRONMENTS, "does-not-exist"),
        TENANT_PROVISIONING_ACME(Kind.TENANTS, Operation.PROVISIONING, "acme"),
        TENANT_PROVISIONING_GLOBEX(Kind.TENANTS, Operation.PROVISIONING, "globex"),
        TENANT_PROVISIONING_MISSING(Kind.TENANTS, Operation.PROVISIONING, "does-not-exist"),
        TENANT_CREATE(Kind.TENANTS, Operation.CREATE, NEW),
        TENANT_UPDATE_ACME(Kind.TENANTS, Operation.UPDATE, "acme"),
        TENANT_UPDATE_NEW(Kind.TENANTS, Operation.UPDATE, NEW),
        TENANT_DELETE_ACME(Kind.TENANTS, Operation.DELETE, "acme"),
        TENANT_DELETE_NEW(Kind.TENANTS, Operation.DELETE, NEW),
        TENANT_SUSPEND_ACME(Kind.TENANTS, Operation.SUSPEND, "acme"),
        TENANT_SUSPEND_NEW(Kind.TENANTS, Operation.SUSPEND, NEW),
        TENANT_RESUME_ACME(Kind.TENANTS, Operation.RESUME, "acme"),
        TENANT_RESUME_NEW(Kind.TENANTS, Operation.RESUME, NEW),
        DRILL_LIST(Kind.DRILLS, Operation.LIST, null),
        DRILL_GET(Kind.DRILLS, Operation.GET, "evacuate-eu-west-1"),
        DRILL_CREATE(Kind.DRILLS, Operation.CREATE, NEW),
        DRILL_UPDATE(Kind.DRILLS, Operation.UPDATE, NEW),
        DRILL_DELETE(Kind.DRILLS, Operation.DELETE, NEW),
        AUDIT_LIST(Kind.AUDIT_EVENTS, Operation.LIST, null);

        private final Kind kind;
        private final Operation operation;
        private final String target;

        Endpoint(Kind kind, Operation operation, String target) {
            this.kind = kind;
            this.operation = operation;
            this.target = target;
        }

        Kind kind() {
            return kind;
        }

        Operation operation() {
            return operation;
        }

        String target() {
            return target;
        }

        /** Returns the method and path, such as "POST /tenants/{new suspended tenant}/resume". */
        @Override
        public String toString() {
            StringBuilder label =
                    new StringBuilder(operation.method).append(" /").append(kind.segment);
            if (target != null && operation != Operation.CREATE) {
                String newObject = switch (operation) {
                    case RESUME -> "{new suspended " + kind.noun() + "}";
                    case CONFIRM_ROLLBACK -> "{new " + kind.noun() + " whose agent is ahead}";
                    default -> "{new " + kind.noun() + "}";
                };
                label.append('/').append(NEW.equals(target) ? newObject : target);
            }
            if (operation == Operation.STATUS
                    || operation == Operation.ENVIRONMENTS
                    || operation == Operation.PROVISIONING
                    || operation == Operation.SUSPEND
                    || operation == Operation.RESUME
                    || operation == Operation.CONFIRM_ROLLBACK) {
                label.append('/').append(operation.segment());
            }
            return label.toString();
        }
    }

    /** Expected statuses of one endpoint for the four roles, or {@link #NOT_SENT}. */
    record Policy(Endpoint endpoint, int admin, int operator, int viewer, int acmeAdmin) {}

    /** One request of the matrix, labelled like "acme-admin GET /tenants/globex → 404". */
    record Cell(Credentials credentials, Endpoint endpoint, int expectedStatus) {

        @Override
        public String toString() {
            return credentials + " " + endpoint + " → " + expectedStatus;
        }
    }
}
