package io.securewatch.controlplane.audit;

import static io.securewatch.controlplane.support.Api.as;
import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.securewatch.controlplane.json.CanonicalJson;
import io.securewatch.controlplane.leadership.Leadership;
import io.securewatch.controlplane.leadership.LeadershipChanged;
import io.securewatch.controlplane.support.Api;
import io.securewatch.controlplane.support.Fixtures;
import io.securewatch.controlplane.support.TestDatabase;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditTest {

    private static final String AUDIT = "/api/v1/audit-events";

    @Inject
    AuditPartitionMaintenance partitions;

    @Inject
    Leadership leadership;

    @Test
    void everyChangeIsRecordedWithActorRequestAndDigests() throws Exception {
        // given
        String name = Api.uniqueName("r");

        // when
        Response created = asAdmin()
                .header("X-Request-Id", "audit-test-" + name)
                .body(Fixtures.regionBody(name, "EU"))
                .post("/api/v1/regions");
        as(Api.OPERATOR)
                .header("If-Match", "\"0\"")
                .body(Map.of("displayName", "changed", "residencyZone", "EU"))
                .put("/api/v1/regions/" + name)
                .then()
                .statusCode(200);
        asAdmin().delete("/api/v1/regions/" + name).then().statusCode(204);

        // then
        created.then().statusCode(201).header("X-Request-Id", "audit-test-" + name);
        JsonPath events = asAdmin()
                .queryParam("objectId", name)
                .get(AUDIT)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(events.getList("items.action", String.class)).containsExactly("delete", "update", "create");
        assertThat(events.getList("items.actor", String.class)).containsExactly("admin", "operator", "admin");
        assertThat(events.getString("items[2].requestId")).isEqualTo("audit-test-" + name);
        assertThat(events.getString("items[2].sourceAddress")).isEqualTo("127.0.0.1");
        assertThat(events.getString("items[2].beforeDigest")).isNull();
        assertThat(events.getString("items[0].afterDigest")).isNull();
        Map<String, Object> after = events.getMap("items[1].after");
        assertThat(after).containsEntry("displayName", "changed");
        assertThat(events.getString("items[1].afterDigest")).isEqualTo(CanonicalJson.sha256(after));
        assertThat(events.getString("items[1].beforeDigest")).isEqualTo(events.getString("items[2].afterDigest"));
    }

    @Test
    void tenantChangesCarryTheTenant() {
        String region = Fixtures.createRegion("EU");
        String slug = Fixtures.createTenant(List.of("EU"), List.of(region));

        asAdmin()
                .queryParam("tenant", slug)
                .get(AUDIT)
                .then()
                .statusCode(200)
                .body("items.objectId", equalTo(List.of(slug, slug)))
                .body("items.action", equalTo(List.of("provision", "create")))
                .body("items[0].actor", equalTo("system:provisioning"))
                .body("items[0].objectKind", equalTo("tenant"));
    }

    @Test
    void rejectedChangeWritesNoEvent() {
        String name = Api.uniqueName("r");

        asAdmin()
                .body(Map.of("name", name, "displayName", "", "residencyZone", "EU"))
                .post("/api/v1/regions")
                .then()
                .statusCode(400);

        asAdmin().queryParam("objectId", name).get(AUDIT).then().body("items", equalTo(List.of()));
    }

    @Test
    void changeWhoseEventCannotBeStoredLeavesNoRow() throws Exception {
        // given: a clock in a month that has no audit partition, so the event insert fails
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse("2099-01-15T00:00:00Z"), ZoneOffset.UTC), Clock.class);
        String name = Api.uniqueName("r");

        // when
        Response response = asAdmin().body(Fixtures.regionBody(name, "EU")).post("/api/v1/regions");

        // then
        response.then().statusCode(500).body("type", equalTo("urn:securewatch:problem:internal-error"));
        assertThat(count("select count(*) from region where name = ?", name)).isZero();
        assertThat(count("select count(*) from audit_event where object_id = ?", name))
                .isZero();
    }

    @Test
    void partitionsAreCreatedAheadAndOnlyOnce() throws Throwable {
        // given
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse("2031-05-15T10:00:00Z"), ZoneOffset.UTC), Clock.class);

        // when
        int first = VertxContextSupport.subscribeAndAwait(() -> partitions.createAhead());
        int second = VertxContextSupport.subscribeAndAwait(() -> partitions.createAhead());

        // then
        assertThat(first).isEqualTo(4);
        assertThat(second).isZero();
        assertThat(partitionNames()).contains("audit_event_2031_05", "audit_event_2031_08");
        String name = Fixtures.createRegion("EU");
        assertThat(count("select count(*) from audit_event_2031_05 where object_id = ?", name))
                .isEqualTo(1);
    }

    @Test
    void newLeaderCreatesPartitionsAtItsNextTick() throws Throwable {
        // given a month without partitions, and this replica leading
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse("2034-07-10T10:00:00Z"), ZoneOffset.UTC), Clock.class);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(leadership::isLeader);

        // when it has just become leader and its maintenance ticks
        partitions.onLeadershipChange(new LeadershipChanged(true, 1));
        VertxContextSupport.subscribeAndAwait(() -> partitions.tick());

        // then
        assertThat(partitionNames()).contains("audit_event_2034_07", "audit_event_2034_10");
    }

    @Test
    void listFiltersByKindActionActorAndTime() {
        // given
        Instant before = Instant.now().minusSeconds(1);
        String region = Fixtures.createRegion("EU");
        String cluster = Fixtures.createCluster(region);

        // when
        Response clusters = asAdmin()
                .queryParam("objectKind", "cluster")
                .queryParam("action", "create")
                .queryParam("actor", "admin")
                .queryParam("since", before.toString())
                .get(AUDIT);
        Response beforeAll = asAdmin()
                .queryParam("objectId", cluster)
                .queryParam("until", before.toString())
                .get(AUDIT);

        // then
        assertThat(clusters.jsonPath().getList("items.objectId", String.class))
                .contains(cluster)
                .doesNotContain(region);
        assertThat(beforeAll.jsonPath().getList("items")).isEmpty();
    }

    @Test
    void listPagesNewestFirstWithCursor() {
        String region = Fixtures.createRegion("EU");
        for (int i = 0; i < 3; i++) {
            Fixtures.createCluster(region);
        }

        List<String> times = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = asAdmin().queryParam("objectKind", "cluster").queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(AUDIT).then().statusCode(200).extract().jsonPath();
            times.addAll(page.getList("items.occurredAt", String.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 100);

        assertThat(times).hasSizeGreaterThanOrEqualTo(3);
        assertThat(times)
                .isSortedAccordingTo((left, right) -> Instant.parse(right).compareTo(Instant.parse(left)));
    }

    @Test
    void invalidFiltersAreRejected() {
        asAdmin()
                .queryParam("since", "yesterday")
                .get(AUDIT)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("since"));
        asAdmin().queryParam("objectKind", "Region!").get(AUDIT).then().statusCode(400);
        asAdmin()
                .queryParam("cursor", "djE6bm9wZQ")
                .get(AUDIT)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    private static long count(String sql, String value) throws Exception {
        try (Connection connection = TestDatabase.appConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, value);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static List<String> partitionNames() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = TestDatabase.appConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid"
                                + " join pg_class p on p.oid = i.inhparent where p.relname = 'audit_event'");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
