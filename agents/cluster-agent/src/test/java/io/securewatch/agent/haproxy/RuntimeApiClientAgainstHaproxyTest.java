package io.securewatch.agent.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the Runtime API client against a real HAProxy. Fails when {@code haproxy} is not installed. */
class RuntimeApiClientAgainstHaproxyTest {

    private static final String BACKEND = EdgeConfig.BACKEND;

    @TempDir
    static Path directory;

    private static List<RegionBackend> backends;
    private static HaproxyProcess haproxy;

    @BeforeAll
    static void startHaproxy() throws IOException {
        backends = new ArrayList<>();
        for (String region : List.of("eu-west-1", "eu-central-1")) {
            backends.add(RegionBackend.start(region));
        }
        haproxy = HaproxyProcess.start(directory, backends, false);
    }

    @AfterAll
    static void stopHaproxy() {
        try {
            if (haproxy != null) {
                haproxy.close();
            }
        } finally {
            backends.forEach(RegionBackend::close);
        }
    }

    @Test
    void showServersReportsConfiguredServers() {
        List<ServerState> servers = new RuntimeApiClient(haproxy.adminSocket()).showServers(BACKEND);

        assertThat(servers).extracting(ServerState::name).containsExactly("eu-west-1", "eu-central-1");
        assertThat(servers).extracting(ServerState::initialWeight).containsOnly(100);
        assertThat(servers)
                .extracting(ServerState::port)
                .containsExactlyElementsOf(backends.stream()
                        .map(backend -> Integer.parseInt(
                                backend.address().substring(backend.address().indexOf(':') + 1)))
                        .toList());
    }

    @Test
    void tcpSocketSetsWeight() {
        // given
        RuntimeApiClient tcp = new RuntimeApiClient(haproxy.adminTcpSocket());
        RuntimeApiClient unix = new RuntimeApiClient(haproxy.adminSocket());

        // when
        tcp.setWeight(BACKEND, "eu-central-1", 42);

        // then
        assertThat(server(unix, "eu-central-1").userWeight()).isEqualTo(42);
        assertThat(server(tcp, "eu-central-1").userWeight()).isEqualTo(42);
        unix.setWeight(BACKEND, "eu-central-1", 100);
    }

    @Test
    void stateChangesAreReadBack() {
        RuntimeApiClient client = new RuntimeApiClient(haproxy.adminSocket());

        client.setState(BACKEND, "eu-west-1", AdminState.DRAIN);
        assertThat(server(client, "eu-west-1").adminState()).isEqualTo(AdminState.DRAIN);
        client.setState(BACKEND, "eu-west-1", AdminState.MAINT);
        assertThat(server(client, "eu-west-1").adminState()).isEqualTo(AdminState.MAINT);
        client.setState(BACKEND, "eu-west-1", AdminState.DRAIN);
        assertThat(server(client, "eu-west-1").adminState()).isEqualTo(AdminState.DRAIN);
        client.setState(BACKEND, "eu-west-1", AdminState.READY);
        assertThat(server(client, "eu-west-1").adminState()).isEqualTo(AdminState.READY);
    }

    @Test
    void unknownServerRaisesHaproxyMessage() {
        RuntimeApiClient client = new RuntimeApiClient(haproxy.adminSocket());

        assertThatThrownBy(() -> client.setWeight(BACKEND, "ap-south-1", 10))
                .isInstanceOfSatisfying(RuntimeApiException.class, e -> {
                    assertThat(e.command()).isEqualTo("set server be_api/ap-south-1 weight 10");
                    assertThat(e.reason()).isEqualTo("No such server.");
                });
    }

    @Test
    void unknownBackendRaisesHaproxyMessage() {
        RuntimeApiClient client = new RuntimeApiClient(haproxy.adminSocket());

        assertThatThrownBy(() -> client.showServers("be_nope"))
                .isInstanceOfSatisfying(
                        RuntimeApiException.class, e -> assertThat(e.reason()).isEqualTo("Can't find backend."));
        assertThatThrownBy(() -> client.showBackupServers("be_nope"))
                .isInstanceOfSatisfying(
                        RuntimeApiException.class, e -> assertThat(e.reason()).isEqualTo("No such proxy."));
    }

    @Test
    void operatorLevelSocketCannotChangeServers() {
        RuntimeApiClient operator = new RuntimeApiClient(haproxy.operatorSocket());

        assertThat(operator.showServers(BACKEND)).hasSize(2);
        assertThatThrownBy(() -> operator.setState(BACKEND, "eu-west-1", AdminState.DRAIN))
                .isInstanceOfSatisfying(
                        RuntimeApiException.class, e -> assertThat(e.reason()).isEqualTo("Permission denied"));
    }

    @Test
    void missingUnixSocketRaisesIoError() {
        RuntimeApiClient client =
                new RuntimeApiClient(StatsSocketAddress.parse("unix@" + directory.resolve("absent.sock")));

        assertThatThrownBy(() -> client.showServers(BACKEND))
                .isInstanceOf(RuntimeApiException.class)
                .hasMessageContaining("I/O error on stats socket unix@");
    }

    @Test
    void silentPeerTimesOut() throws IOException {
        // given a TCP listener that accepts connections into its backlog but never responds
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RuntimeApiClient client = new RuntimeApiClient(
                    StatsSocketAddress.parse("ipv4@127.0.0.1:" + silent.getLocalPort()), Duration.ofMillis(300));

            // when / then
            assertThatThrownBy(() -> client.showServers(BACKEND))
                    .isInstanceOf(RuntimeApiException.class)
                    .hasMessageEndingWith("timed out after 300 ms reading the response on stats socket ipv4@127.0.0.1:"
                            + silent.getLocalPort());
        }
    }

    private static ServerState server(RuntimeApiClient client, String name) {
        return client.showServers(BACKEND).stream()
                .filter(server -> server.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
