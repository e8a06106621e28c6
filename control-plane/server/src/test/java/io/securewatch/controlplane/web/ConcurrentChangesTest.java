package io.securewatch.controlplane.web;

import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.securewatch.controlplane.support.Api;
import io.securewatch.controlplane.support.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Races requests against each other. Whichever order the database serialises them in, exactly one must win
 * and the others must get a clear client error, never a 500 and never a lost update.
 */
@QuarkusTest
class ConcurrentChangesTest {

    private static final int RACERS = 6;

    private ExecutorService executor;

    @BeforeEach
    void startExecutor() {
        executor = Executors.newFixedThreadPool(RACERS);
    }

    @AfterEach
    void stopExecutor() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void racingUpdatesWithSameETagHaveOneWinner() {
        // given
        String name = Fixtures.createRegion("EU");

        // when
        List<Integer> statuses = race(index -> () -> asAdmin()
                .header("If-Match", "\"0\"")
                .body(Map.of("displayName", "racer " + index, "residencyZone", "EU"))
                .put("/api/v1/regions/" + name)
                .statusCode());

        // then
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 412).hasSize(RACERS - 1);
        asAdmin().get("/api/v1/regions/" + name).then().header("ETag", "\"1\"");
    }

    @Test
    void racingCreatesOfSameNameHaveOneWinner() {
        // given
        String name = Api.uniqueName("r");

        // when
        List<Integer> statuses = race(index -> () -> asAdmin()
                .body(Fixtures.regionBody(name, "EU"))
                .post("/api/v1/regions")
                .statusCode());

        // then
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(RACERS - 1);
    }

    @Test
    void racingRetriesWithSameKeyCreateOnce() {
        // given
        String name = Api.uniqueName("r");
        String key = Api.uniqueName("key");

        // when
        List<Integer> statuses = race(index -> () -> asAdmin()
                .header("Idempotency-Key", key)
                .body(Fixtures.regionBody(name, "EU"))
                .post("/api/v1/regions")
                .statusCode());

        // then
        assertThat(statuses).allSatisfy(status -> assertThat(status).isIn(201, 409));
        assertThat(statuses).contains(201);
        List<Object> creates = asAdmin()
                .queryParam("objectId", name)
                .queryParam("action", "create")
                .get("/api/v1/audit-events")
                .jsonPath()
                .getList("items");
        assertThat(creates).hasSize(1);
    }

    /** Starts all racers at the same moment and returns their results. */
    private <T> List<T> race(java.util.function.IntFunction<Supplier<T>> racer) {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<T>> results = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            Supplier<T> request = racer.apply(i);
            results.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                        return request.get();
                    },
                    executor));
        }
        start.countDown();
        return results.stream().map(CompletableFuture::join).toList();
    }

    @Test
    void racingStatusChangesWithoutIfMatchLoseWithConflict() {
        // given
        String region = Fixtures.createRegion("EU");
        String slug = Fixtures.createTenant(java.util.List.of("EU"), java.util.List.of(region));

        // when
        List<Integer> statuses = race(index -> () -> asAdmin()
                .post("/api/v1/tenants/" + slug + (index % 2 == 0 ? "/suspend" : "/resume"))
                .statusCode());

        // then
        assertThat(statuses).allSatisfy(status -> assertThat(status).isIn(200, 409));
        assertThat(statuses).contains(200);
    }
}
