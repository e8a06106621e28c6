package io.securewatch.controlplane.idempotency;

import static io.securewatch.controlplane.support.Api.as;
import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.securewatch.controlplane.support.Api;
import io.securewatch.controlplane.support.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdempotencyTest {

    private static final String REGIONS = "/api/v1/regions";
    private static final String AUDIT = "/api/v1/audit-events";

    @Test
    void retryWithSameKeyIsReplayed() {
        // given
        String key = UUID.randomUUID().toString();
        String name = Api.uniqueName("r");
        Map<String, Object> body = Fixtures.regionBody(name, "EU");
        Response first = asAdmin().header("Idempotency-Key", key).body(body).post(REGIONS);
        first.then().statusCode(201);

        // when
        Response retry = asAdmin().header("Idempotency-Key", key).body(body).post(REGIONS);

        // then
        retry.then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("ETag", first.header("ETag"))
                .header("Location", first.header("Location"));
        assertThat(retry.jsonPath().getMap("")).isEqualTo(first.jsonPath().getMap(""));
        assertThat(createEvents(name)).hasSize(1);
    }

    @Test
    void concurrentRetriesWithSameKeyWaitAndReplay() throws Exception {
        // given
        String key = UUID.randomUUID().toString();
        String name = Api.uniqueName("r");
        Map<String, Object> body = Fixtures.regionBody(name, "EU");

        // when four requests with the same key arrive at once
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Response>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                sent.add(pool.submit(() ->
                        asAdmin().header("Idempotency-Key", key).body(body).post(REGIONS)));
            }
            List<Response> responses = new ArrayList<>();
            for (Future<Response> response : sent) {
                responses.add(response.get(30, TimeUnit.SECONDS));
            }

            // then one created the region and the others replayed its response
            assertThat(responses)
                    .allSatisfy(response -> assertThat(response.statusCode())
                            .as(response.asString())
                            .isEqualTo(201));
            assertThat(responses)
                    .filteredOn(response -> response.header("Idempotent-Replayed") == null)
                    .hasSize(1);
            assertThat(createEvents(name)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void replayKeepsContentTypeOfFirstResponse() {
        // given
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Fixtures.regionBody(Api.uniqueName("r"), "EU");
        Response first = asAdmin().header("Idempotency-Key", key).body(body).post(REGIONS);
        first.then().statusCode(201);

        // when
        Response retry = asAdmin().header("Idempotency-Key", key).body(body).post(REGIONS);

        // then
        retry.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(retry.contentType()).isEqualTo(first.contentType());
    }

    @Test
    void sameKeyWithDifferentBodyIsRejected() {
        // given
        String key = UUID.randomUUID().toString();
        String name = Api.uniqueName("r");
        asAdmin()
                .header("Idempotency-Key", key)
                .body(Fixtures.regionBody(name, "EU"))
                .post(REGIONS)
                .then()
                .statusCode(201);
        String other = Api.uniqueName("r");

        // when
        Response reused = asAdmin()
                .header("Idempotency-Key", key)
                .body(Fixtures.regionBody(other, "EU"))
                .post(REGIONS);

        // then
        reused.then().statusCode(422).body("type", equalTo("urn:securewatch:problem:idempotency-key-reused"));
        asAdmin().get(REGIONS + "/" + other).then().statusCode(404);
    }

    @Test
    void keysOfDifferentUsersDoNotCollide() {
        String key = UUID.randomUUID().toString();
        String region = Fixtures.createRegion("EU");
        String byAdmin = Api.uniqueName("c");
        String byOperator = Api.uniqueName("c");

        asAdmin()
                .header("Idempotency-Key", key)
                .body(Fixtures.clusterBody(byAdmin, region))
                .post("/api/v1/clusters")
                .then()
                .statusCode(201);
        as(Api.OPERATOR)
                .header("Idempotency-Key", key)
                .body(Fixtures.clusterBody(byOperator, region))
                .post("/api/v1/clusters")
                .then()
                .statusCode(201)
                .body("name", equalTo(byOperator));
    }

    @Test
    void failedRequestDoesNotConsumeKey() {
        String key = UUID.randomUUID().toString();
        String name = Api.uniqueName("r");
        asAdmin()
                .header("Idempotency-Key", key)
                .body(Map.of("name", name, "displayName", "", "residencyZone", "EU"))
                .post(REGIONS)
                .then()
                .statusCode(400);

        asAdmin()
                .header("Idempotency-Key", key)
                .body(Fixtures.regionBody(name, "EU"))
                .post(REGIONS)
                .then()
                .statusCode(201);
    }

    @Test
    void keyIsFreeAgainAfterRetention() {
        // given
        String key = UUID.randomUUID().toString();
        String first = Api.uniqueName("r");
        asAdmin()
                .header("Idempotency-Key", key)
                .body(Fixtures.regionBody(first, "EU"))
                .post(REGIONS)
                .then()
                .statusCode(201);
        QuarkusMock.installMockForType(Clock.offset(Clock.systemUTC(), Duration.ofHours(25)), Clock.class);

        // when
        String second = Api.uniqueName("r");
        Response later = asAdmin()
                .header("Idempotency-Key", key)
                .body(Fixtures.regionBody(second, "EU"))
                .post(REGIONS);

        // then
        later.then().statusCode(201).body("name", equalTo(second));
    }

    @Test
    void malformedOrRepeatedKeyIsRejected() {
        Map<String, Object> body = Fixtures.regionBody(Api.uniqueName("r"), "EU");

        asAdmin()
                .header("Idempotency-Key", "x".repeat(256))
                .body(body)
                .post(REGIONS)
                .then()
                .statusCode(400);
        asAdmin()
                .header("Idempotency-Key", "has space")
                .body(body)
                .post(REGIONS)
                .then()
                .statusCode(400);
        asAdmin()
                .header("Idempotency-Key", "one")
                .header("Idempotency-Key", "two")
                .body(body)
                .post(REGIONS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void suspendWithKeyIsReplayed() {
        String region = Fixtures.createRegion("EU");
        String slug = Fixtures.createTenant(List.of("EU"), List.of(region));
        String key = UUID.randomUUID().toString();
        String path = "/api/v1/tenants/" + slug + "/suspend";

        asAdmin().header("Idempotency-Key", key).post(path).then().statusCode(200);
        asAdmin()
                .header("Idempotency-Key", key)
                .post(path)
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true");
    }

    private static List<Object> createEvents(String objectId) {
        return asAdmin()
                .queryParam("objectKind", "region")
                .queryParam("objectId", objectId)
                .queryParam("action", "create")
                .get(AUDIT)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
    }
}
