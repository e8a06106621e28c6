package io.securewatch.testsupport.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test controls: availability, latency and request counts. */
class FaultInjectionTest {

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
    void unavailableFakeRefusesConnections() {
        // when
        fake.setAvailable(false);

        // then
        assertThat(fake.isAvailable()).isFalse();
        assertThatThrownBy(() -> http.get("/v1/status/leader")).hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void reopensOnSamePortWithState() {
        // given
        int port = fake.port();
        http.put("/v1/kv/survives", "yes");
        fake.setAvailable(false);

        // when
        fake.setAvailable(true);

        // then
        assertThat(fake.isAvailable()).isTrue();
        assertThat(fake.port()).isEqualTo(port);
        assertThat(http.get("/v1/kv/survives").status()).isEqualTo(200);
    }

    @Test
    void unavailableClosesWaitingQueries() {
        // given
        long index = http.get("/v1/catalog/services").index();
        CompletableFuture<ConsulHttp.Reply> watch = http.getAsync("/v1/catalog/services?index=" + index + "&wait=30s");
        await().atMost(Duration.ofSeconds(5)).until(() -> fake.waitingQueryCount() == 1);

        // when
        fake.setAvailable(false);

        // then
        assertThatThrownBy(() -> watch.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThat(fake.waitingQueryCount()).isZero();
    }

    @Test
    void reopenFailsOnTakenPort() throws IOException {
        // given
        int port = fake.port();
        fake.setAvailable(false);

        // when
        try (ServerSocket squatter = new ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress())) {

            // then
            assertThatThrownBy(() -> fake.setAvailable(true))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(Integer.toString(port));
            assertThat(fake.isAvailable()).isFalse();
        }
    }

    @Test
    void latencyDelaysEveryResponse() {
        // given
        fake.setLatency(Duration.ofMillis(300));
        long startNanos = System.nanoTime();

        // when
        ConsulHttp.Reply reply = http.get("/v1/status/leader");

        // then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void negativeLatencyIsRejected() {
        assertThatThrownBy(() -> fake.setLatency(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requestCountsByPathPrefix() {
        // given
        http.put("/v1/kv/a", "1");
        http.get("/v1/kv/a");
        http.get("/v1/kv/b");
        http.get("/v1/catalog/services?index=0");

        // when
        long kv = fake.requestCount("/v1/kv/");
        long catalog = fake.requestCount("/v1/catalog/services");
        long health = fake.requestCount("/v1/health/");

        // then
        assertThat(kv).isEqualTo(3);
        assertThat(catalog).isEqualTo(1);
        assertThat(health).isZero();
        fake.resetRequestCounts();
        assertThat(fake.requestCount("/v1/")).isZero();
    }

    @Test
    void closedFakeCannotBeReopened() {
        // given
        fake.close();

        // when / then
        assertThatThrownBy(() -> fake.setAvailable(true)).isInstanceOf(IllegalStateException.class);
    }
}
