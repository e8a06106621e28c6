package io.securewatch.agent.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Applies desired servers to a real HAProxy in front of three loopback backends, one per region, and measures where
 * the requests go. Fails when {@code haproxy} is not installed.
 */
class EdgeApplierAgainstHaproxyTest {

    private static final String BACKEND = EdgeConfig.BACKEND;
    private static final List<String> REGIONS = List.of("eu-west-1", "eu-central-1", "us-east-1");

    private static List<RegionBackend> backends;

    @TempDir
    Path directory;

    private HaproxyProcess haproxy;
    private RuntimeApiClient client;
    private EdgeApplier applier;
    private EdgeTraffic traffic;

    @BeforeAll
    static void startBackends() throws IOException {
        backends = new ArrayList<>();
        for (String region : REGIONS) {
            backends.add(RegionBackend.start(region));
        }
    }

    @AfterAll
    static void stopBackends() {
        backends.forEach(RegionBackend::close);
    }

    @BeforeEach
    void resetBackends() {
        backends.forEach(RegionBackend::reset);
    }

    @AfterEach
    void stopHaproxy() {
        if (haproxy != null) {
            haproxy.close();
        }
    }

    @Test
    void weightsSplitTrafficByPercent() throws IOException {
        // given
        startHaproxy(false);
        List<DesiredServer> desired =
                List.of(ready("eu-west-1", 50), ready("eu-central-1", 30), ready("us-east-1", 20));

        // when
        AppliedEdge report = applier.apply(BACKEND, desired);

        // then
        assertThat(report.converged()).isTrue();
        assertThat(report.commandsRun())
                .containsExactly(
                        "set server be_api/eu-west-1 weight 50",
                        "set server be_api/eu-central-1 weight 30",
                        "set server be_api/us-east-1 weight 20");
        List<EdgeTraffic.Response> responses = traffic.send(2_000);
        assertThat(responses)
                .allSatisfy(response -> assertThat(response.status()).isEqualTo(200));
        Map<String, Long> counts = countByRegion(responses);
        assertThat(percent(counts, "eu-west-1", 2_000))
                .as("eu-west-1 share in %")
                .isCloseTo(50.0, within(5.0));
        assertThat(percent(counts, "eu-central-1", 2_000))
                .as("eu-central-1 share in %")
                .isCloseTo(30.0, within(5.0));
        assertThat(percent(counts, "us-east-1", 2_000))
                .as("us-east-1 share in %")
                .isCloseTo(20.0, within(5.0));
    }

    @Test
    void drainedRegionGetsNoNewRequests() throws IOException {
        startHaproxy(false);

        assertFirstRequestAfterApplyAvoids(drain("eu-west-1", 100));
    }

    @Test
    void zeroWeightRegionGetsNoNewRequests() throws IOException {
        startHaproxy(false);

        assertFirstRequestAfterApplyAvoids(ready("eu-west-1", 0));
    }

    @Test
    void drainedRegionReturnsWhenReady() throws IOException {
        // given
        startHaproxy(false);
        applier.apply(BACKEND, List.of(drain("eu-west-1", 100), ready("eu-central-1", 100), ready("us-east-1", 100)));

        // when
        AppliedEdge report = applier.apply(
                BACKEND, List.of(ready("eu-west-1", 100), ready("eu-central-1", 100), ready("us-east-1", 100)));

        // then
        assertThat(report.commandsRun()).containsExactly("set server be_api/eu-west-1 state ready");
        assertThat(report.converged()).isTrue();
        Map<String, Long> counts = countByRegion(traffic.send(300));
        assertThat(percent(counts, "eu-west-1", 300)).as("eu-west-1 share in %").isCloseTo(33.3, within(5.0));
    }

    @Test
    void failingRegionIsMarkedDownAfterErrorLimit() throws IOException {
        // given an HTTP health check, so that checks keep the failing server down
        startHaproxy(true);
        RegionBackend failing = backend("eu-central-1");
        failing.failWithServerErrors();

        // when
        List<EdgeTraffic.Response> firstResponses = traffic.send(30);

        // then
        assertThat(failing.requestCount()).isEqualTo(EdgeConfig.ERROR_LIMIT);
        assertThat(firstResponses)
                .filteredOn(response -> response.status() == 500)
                .hasSize(EdgeConfig.ERROR_LIMIT);
        assertThat(haproxy.log()).contains("Detected " + EdgeConfig.ERROR_LIMIT + " consecutive errors");
        AppliedEdge report = applier.apply(BACKEND, allReady(100));
        assertThat(outcome(report, "eu-central-1").operationalState()).isEqualTo(OperationalState.STOPPED);
        List<EdgeTraffic.Response> laterResponses = traffic.send(300);
        assertThat(laterResponses)
                .allSatisfy(response -> assertThat(response.status()).isEqualTo(200));
        assertThat(countByRegion(laterResponses)).doesNotContainKey("eu-central-1");
        assertThat(failing.requestCount()).isEqualTo(EdgeConfig.ERROR_LIMIT);
    }

    @Test
    void tcpHealthCheckBringsMarkedDownRegionBack() throws IOException {
        // given the rendered configuration, whose health check only opens a TCP connection
        startHaproxy(false);
        RegionBackend failing = backend("eu-central-1");
        failing.failWithServerErrors();
        traffic.send(30);
        assertThat(failing.requestCount()).isEqualTo(EdgeConfig.ERROR_LIMIT);

        // when the TCP checks pass (rise 2, every second by default)
        // then the server is up again and takes requests, although it still returns 500
        await("eu-central-1 up again after TCP checks")
                .atMost(Duration.ofSeconds(6))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> liveServer("eu-central-1").operationalState() == OperationalState.RUNNING);
        traffic.send(30);
        assertThat(failing.requestCount()).isGreaterThan(EdgeConfig.ERROR_LIMIT);
    }

    @Test
    void missingServerIsReportedAndOthersApplied() throws IOException {
        // given
        startHaproxy(false);
        List<DesiredServer> desired = List.of(
                ready("eu-west-1", 60), ready("eu-central-1", 30), ready("us-east-1", 0), ready("ap-south-1", 10));

        // when
        AppliedEdge report = applier.apply(BACKEND, desired);

        // then
        assertThat(report.missingServers()).containsExactly("ap-south-1");
        assertThat(report.needsNewConfiguration()).isTrue();
        assertThat(report.converged()).isFalse();
        assertThat(report.servers()).hasSize(3).allMatch(AppliedEdge.ServerOutcome::matches);
        assertThat(report.commandsRun())
                .containsExactly(
                        "set server be_api/eu-west-1 weight 60",
                        "set server be_api/eu-central-1 weight 30",
                        "set server be_api/us-east-1 weight 0");
    }

    @Test
    void backupFlagMismatchIsReported() throws IOException {
        startHaproxy(false);
        List<DesiredServer> desired = List.of(
                ready("eu-west-1", 100),
                new DesiredServer("eu-central-1", 100, AdminState.READY, true),
                new DesiredServer("us-east-1", 100, AdminState.READY, true));

        AppliedEdge report = applier.apply(BACKEND, desired);

        assertThat(report.backupMismatches()).containsExactly("eu-central-1", "us-east-1");
        assertThat(report.needsNewConfiguration()).isTrue();
        assertThat(report.commandsRun()).isEmpty();
    }

    @Test
    void rejectedCommandIsReportedWithHaproxyMessage() throws IOException {
        // given a socket whose level lets it read but not change servers
        startHaproxy(false);
        EdgeApplier operatorApplier = new EdgeApplier(new RuntimeApiClient(haproxy.operatorSocket()));

        // when
        AppliedEdge report = operatorApplier.apply(
                BACKEND, List.of(ready("eu-west-1", 50), ready("eu-central-1", 50), ready("us-east-1", 100)));

        // then
        assertThat(report.failure()).isPresent();
        assertThat(report.failure().get().command()).isEqualTo("set server be_api/eu-west-1 weight 50");
        assertThat(report.failure().get().reason()).isEqualTo("Permission denied");
        assertThat(report.commandsRun()).isEmpty();
        assertThat(report.converged()).isFalse();
        assertThat(liveServer("eu-west-1").userWeight()).isEqualTo(100);
    }

    /**
     * Sends requests until 50 in a row avoided the region, for at most two seconds, and checks that none after the
     * apply reached it: HAProxy applies a Runtime API change to the next request it balances.
     */
    private void assertFirstRequestAfterApplyAvoids(DesiredServer avoided) {
        // given traffic that reaches every region
        assertThat(countByRegion(traffic.send(30))).containsOnlyKeys(REGIONS);
        List<DesiredServer> desired = new ArrayList<>(allReady(100));
        desired.replaceAll(server -> server.name().equals(avoided.name()) ? avoided : server);
        int requestsBefore = backend(avoided.name()).requestCount();

        // when
        AppliedEdge report = applier.apply(BACKEND, desired);

        // then
        assertThat(report.converged()).isTrue();
        List<EdgeTraffic.Response> afterApply = new ArrayList<>();
        await("50 requests in a row avoid " + avoided.name())
                .atMost(Duration.ofSeconds(2))
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    afterApply.add(traffic.send());
                    return trailingRunAvoiding(afterApply, avoided.name()) >= 50;
                });
        assertThat(afterApply.get(0).region()).isNotEqualTo(avoided.name());
        assertThat(afterApply).extracting(EdgeTraffic.Response::region).doesNotContain(avoided.name());
        assertThat(afterApply)
                .allSatisfy(response -> assertThat(response.status()).isEqualTo(200));
        assertThat(backend(avoided.name()).requestCount()).isEqualTo(requestsBefore);
    }

    private void startHaproxy(boolean httpHealthCheck) throws IOException {
        haproxy = HaproxyProcess.start(directory, backends, httpHealthCheck);
        client = new RuntimeApiClient(haproxy.adminSocket());
        applier = new EdgeApplier(client);
        traffic = new EdgeTraffic(haproxy.frontendPort());
    }

    private ServerState liveServer(String name) {
        return client.showServers(BACKEND).stream()
                .filter(server -> server.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static RegionBackend backend(String region) {
        return backends.stream()
                .filter(backend -> backend.region().equals(region))
                .findFirst()
                .orElseThrow();
    }

    private static AppliedEdge.ServerOutcome outcome(AppliedEdge report, String name) {
        return report.servers().stream()
                .filter(server -> server.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static List<DesiredServer> allReady(int weight) {
        return REGIONS.stream().map(region -> ready(region, weight)).toList();
    }

    private static DesiredServer ready(String name, int weight) {
        return new DesiredServer(name, weight, AdminState.READY, false);
    }

    private static DesiredServer drain(String name, int weight) {
        return new DesiredServer(name, weight, AdminState.DRAIN, false);
    }

    private static Map<String, Long> countByRegion(List<EdgeTraffic.Response> responses) {
        return responses.stream()
                .map(EdgeTraffic.Response::region)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static double percent(Map<String, Long> counts, String region, int total) {
        return 100.0 * counts.getOrDefault(region, 0L) / total;
    }

    private static int trailingRunAvoiding(List<EdgeTraffic.Response> responses, String region) {
        int run = 0;
        for (int i = responses.size() - 1; i >= 0 && !responses.get(i).region().equals(region); i--) {
            run++;
        }
        return run;
    }
}
