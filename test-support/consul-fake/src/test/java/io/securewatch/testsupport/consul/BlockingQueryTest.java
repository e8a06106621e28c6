package io.securewatch.testsupport.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Blocking queries as the Consul HTTP API documentation, "Blocking Queries", describes them: a read with
 * {@code index} returns when the watched result's index passes it or when {@code wait} runs out, and clients must
 * restart from 0 when the index goes backwards.
 */
class BlockingQueryTest {

    /** Bound for a woken blocking query to respond, far below the 30 s wait of the parked queries. */
    private static final Duration WAKE_BOUND = Duration.ofSeconds(5);

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
    void blockingReadReturnsOnServiceChange() throws Exception {
        // given
        long index = http.get("/v1/health/service/web").index();
        CompletableFuture<ConsulHttp.Reply> watch =
                http.getAsync("/v1/health/service/web?index=" + index + "&wait=30s");
        awaitWaiting(1);

        // when
        http.put("/v1/agent/service/register", CatalogAndHealthTest.instance("web-1", "passing"));

        // then
        ConsulHttp.Reply reply = watch.get(WAKE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.index()).isGreaterThan(index);
        assertThat(CatalogAndHealthTest.serviceIds(reply.array())).containsExactly("web-1");
    }

    @Test
    void blockingReadTimesOutWithSameIndex() {
        // given
        long index = http.get("/v1/catalog/services").index();
        long startNanos = System.nanoTime();

        // when
        ConsulHttp.Reply reply = http.get("/v1/catalog/services?index=" + index + "&wait=300ms");

        // then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.index()).isEqualTo(index);
        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void missingOrZeroIndexNeverBlocks() {
        // when
        ConsulHttp.Reply withoutIndex = http.get("/v1/catalog/services?wait=30s");
        ConsulHttp.Reply indexZero = http.get("/v1/catalog/services?index=0&wait=30s");

        // then
        assertThat(withoutIndex.status()).isEqualTo(200);
        assertThat(indexZero.status()).isEqualTo(200);
        assertThat(fake.waitingQueryCount()).isZero();
    }

    @Test
    void olderIndexReturnsAtOnce() {
        // given
        long index = http.get("/v1/catalog/services").index();

        // when
        ConsulHttp.Reply reply = http.get("/v1/catalog/services?index=" + (index - 1) + "&wait=30s");

        // then
        assertThat(reply.index()).isEqualTo(index);
    }

    @Test
    void otherServiceWriteKeepsWatchWaiting() {
        // given
        http.put("/v1/agent/service/register", CatalogAndHealthTest.instance("web-1", "passing"));
        long index = http.get("/v1/health/service/web").index();
        CompletableFuture<ConsulHttp.Reply> watch =
                http.getAsync("/v1/health/service/web?index=" + index + "&wait=30s");
        awaitWaiting(1);

        // when
        http.put("/v1/agent/service/register", new JsonObject().put("Name", "billing"));
        http.put("/v1/kv/unrelated", "x");

        // then
        assertThat(fake.waitingQueryCount()).isEqualTo(1);
        assertThat(watch).isNotDone();
    }

    @Test
    void checkStatusChangeWakesTheHealthWatch() throws Exception {
        // given
        http.put("/v1/agent/service/register", CatalogAndHealthTest.instance("web-1", "passing"));
        long index = http.get("/v1/health/service/web?passing").index();
        CompletableFuture<ConsulHttp.Reply> watch =
                http.getAsync("/v1/health/service/web?passing&index=" + index + "&wait=30s");
        awaitWaiting(1);

        // when
        http.put("/v1/agent/check/fail/service:web-1", "");

        // then
        ConsulHttp.Reply reply = watch.get(WAKE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(reply.index()).isGreaterThan(index);
        assertThat(reply.array()).isEmpty();
    }

    @Test
    void concurrentWatchesWakeIndependently() throws Exception {
        // given
        long healthIndex = http.get("/v1/health/service/web").index();
        long kvIndex = http.get("/v1/kv/routing/?recurse").index();
        long catalogIndex = http.get("/v1/catalog/services").index();
        List<CompletableFuture<ConsulHttp.Reply>> healthWatches = new ArrayList<>();
        List<CompletableFuture<ConsulHttp.Reply>> kvWatches = new ArrayList<>();
        List<CompletableFuture<ConsulHttp.Reply>> catalogWatches = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            healthWatches.add(http.getAsync("/v1/health/service/web?index=" + healthIndex + "&wait=30s"));
            kvWatches.add(http.getAsync("/v1/kv/routing/?recurse&index=" + kvIndex + "&wait=30s"));
        }
        for (int i = 0; i < 10; i++) {
            catalogWatches.add(http.getAsync("/v1/catalog/services?index=" + catalogIndex + "&wait=30s"));
        }
        awaitWaiting(50);

        // when
        http.put("/v1/kv/routing/weights", "{\"eu-west-1\": 100}");

        // then
        for (CompletableFuture<ConsulHttp.Reply> watch : kvWatches) {
            ConsulHttp.Reply reply = watch.get(WAKE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.index()).isGreaterThan(kvIndex);
        }
        assertThat(fake.waitingQueryCount()).isEqualTo(30);
        assertThat(healthWatches).noneMatch(CompletableFuture::isDone);

        // when
        http.put("/v1/agent/service/register", CatalogAndHealthTest.instance("web-1", "passing"));

        // then
        for (CompletableFuture<ConsulHttp.Reply> watch : healthWatches) {
            assertThat(watch.get(WAKE_BOUND.toMillis(), TimeUnit.MILLISECONDS).array())
                    .hasSize(1);
        }
        for (CompletableFuture<ConsulHttp.Reply> watch : catalogWatches) {
            assertThat(watch.get(WAKE_BOUND.toMillis(), TimeUnit.MILLISECONDS)
                            .object()
                            .containsKey("web"))
                    .isTrue();
        }
        assertThat(fake.waitingQueryCount()).isZero();
    }

    @Test
    void indexResetWakesWatchesWithLowerIndex() throws Exception {
        // given
        http.put("/v1/agent/service/register", CatalogAndHealthTest.instance("web-1", "passing"));
        long index = http.get("/v1/health/service/web").index();
        CompletableFuture<ConsulHttp.Reply> watch =
                http.getAsync("/v1/health/service/web?index=" + index + "&wait=30s");
        awaitWaiting(1);

        // when
        fake.resetIndex();

        // then
        ConsulHttp.Reply reply = watch.get(WAKE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(reply.index()).isLessThan(index);
        assertThat(reply.index()).isEqualTo(1);
        assertThat(CatalogAndHealthTest.serviceIds(reply.array())).containsExactly("web-1");
        assertThat(fake.currentIndex()).isEqualTo(1);
    }

    @Test
    void staleIndexAfterResetMissesUpdates() throws Exception {
        // given
        http.put("/v1/agent/service/register", CatalogAndHealthTest.instance("web-1", "passing"));
        http.put("/v1/kv/filler", "raise the index");
        long oldIndex = http.get("/v1/health/service/web").index();
        fake.resetIndex();
        CompletableFuture<ConsulHttp.Reply> staleWatch =
                http.getAsync("/v1/health/service/web?index=" + oldIndex + "&wait=500ms");
        awaitWaiting(1);

        // when
        http.put("/v1/agent/service/register", CatalogAndHealthTest.instance("web-2", "passing"));

        // then the stale watch only returns when its wait runs out, with an index below the one it sent
        assertThat(fake.waitingQueryCount()).isEqualTo(1);
        ConsulHttp.Reply stale = staleWatch.get(WAKE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(stale.index()).isLessThan(oldIndex);
        ConsulHttp.Reply restarted = http.get("/v1/health/service/web?index=0");
        assertThat(CatalogAndHealthTest.serviceIds(restarted.array())).containsExactly("web-1", "web-2");
    }

    @Test
    void untouchedTableReportsIndexOne() {
        // given
        ConsulHttp.Reply empty = http.get("/v1/config/service-defaults");

        // when
        CompletableFuture<ConsulHttp.Reply> watch = http.getAsync("/v1/config/service-defaults?index=1&wait=30s");

        // then
        assertThat(empty.index()).isEqualTo(1);
        awaitWaiting(1);
        assertThat(watch).isNotDone();
    }

    @Test
    void missingKeyWatchWakesOnCreate() throws Exception {
        // given
        ConsulHttp.Reply missing = http.get("/v1/kv/feature/flag");
        CompletableFuture<ConsulHttp.Reply> watch =
                http.getAsync("/v1/kv/feature/flag?index=" + missing.index() + "&wait=30s");
        awaitWaiting(1);

        // when
        http.put("/v1/kv/feature/flag", "on");

        // then
        ConsulHttp.Reply reply = watch.get(WAKE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.index()).isGreaterThan(missing.index());
    }

    @Test
    void keyDeleteWakesPrefixWatch() throws Exception {
        // given
        http.put("/v1/kv/routing/a", "1");
        http.put("/v1/kv/routing/b", "2");
        long index = http.get("/v1/kv/routing/?recurse").index();
        CompletableFuture<ConsulHttp.Reply> watch =
                http.getAsync("/v1/kv/routing/?recurse&index=" + index + "&wait=30s");
        awaitWaiting(1);

        // when
        http.delete("/v1/kv/routing/b");

        // then
        ConsulHttp.Reply reply = watch.get(WAKE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(reply.index()).isGreaterThan(index);
        assertThat(reply.array()).hasSize(1);
    }

    @Test
    void configWatchWakesOnAnyConfigWrite() throws Exception {
        // given
        long index = http.get("/v1/config/service-defaults/web").index();
        CompletableFuture<ConsulHttp.Reply> watch =
                http.getAsync("/v1/config/service-defaults/web?index=" + index + "&wait=30s");
        awaitWaiting(1);

        // when
        http.put(
                "/v1/config",
                new JsonObject()
                        .put("Kind", "service-defaults")
                        .put("Name", "web")
                        .put("Protocol", "http"));

        // then
        ConsulHttp.Reply reply = watch.get(WAKE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.object().getString("Protocol")).isEqualTo("http");
    }

    @Test
    void readsCarryLeaderAndConsistencyHeaders() {
        // when
        ConsulHttp.Reply standard = http.get("/v1/catalog/services");
        ConsulHttp.Reply stale = http.get("/v1/catalog/services?stale");
        ConsulHttp.Reply consistent = http.get("/v1/catalog/services?consistent");
        ConsulHttp.Reply both = http.get("/v1/catalog/services?stale&consistent");

        // then
        assertThat(standard.header("X-Consul-KnownLeader")).isEqualTo("true");
        assertThat(standard.header("X-Consul-LastContact")).isEqualTo("0");
        assertThat(standard.header("X-Consul-Effective-Consistency")).isEqualTo("leader");
        assertThat(stale.header("X-Consul-Effective-Consistency")).isEqualTo("stale");
        assertThat(consistent.header("X-Consul-Effective-Consistency")).isEqualTo("consistent");
        assertThat(both.status()).isEqualTo(400);
    }

    @Test
    void invalidIndexOrWaitIsBadRequest() {
        // when
        ConsulHttp.Reply badIndex = http.get("/v1/catalog/services?index=abc");
        ConsulHttp.Reply negativeIndex = http.get("/v1/catalog/services?index=-5");
        ConsulHttp.Reply waitWithoutUnit = http.get("/v1/catalog/services?index=1&wait=10");

        // then
        assertThat(badIndex.status()).isEqualTo(400);
        assertThat(badIndex.body()).startsWith("Invalid index");
        assertThat(negativeIndex.status()).isEqualTo(400);
        assertThat(waitWithoutUnit.status()).isEqualTo(400);
        assertThat(waitWithoutUnit.body()).startsWith("Invalid wait time");
    }

    @Test
    void indexesOnlyIncreaseAcrossWrites() {
        // given
        List<Long> seen = new ArrayList<>();

        // when
        for (int i = 0; i < 5; i++) {
            http.put("/v1/kv/counter", Integer.toString(i));
            seen.add(http.get("/v1/kv/counter").index());
        }

        // then
        assertThat(seen).isSorted().doesNotHaveDuplicates();
    }

    private void awaitWaiting(int count) {
        await().atMost(WAKE_BOUND).until(() -> fake.waitingQueryCount() == count);
    }
}
