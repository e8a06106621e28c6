package io.securewatch.it.chaos;

import static org.awaitility.Awaitility.await;

import io.securewatch.it.ControlPlaneProcess;
import io.securewatch.it.ItDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Control-plane replicas, each a process of the packaged application, sharing one test database behind a
 * {@link LoadBalancer}. Each process gets a replica id of its own, so the leader lease tells which one leads.
 */
final class ReplicatedControlPlane implements AutoCloseable {

    /** The lease and renewal times of the replicas: short, so that failovers fit in a test. */
    static final Duration LEASE_TIME = Duration.ofSeconds(4);

    static final Duration RENEW_INTERVAL = Duration.ofSeconds(1);

    private final String name;
    private final Map<String, String> environment;
    private final ItDatabase database;
    private final List<ControlPlaneProcess> replicas = new ArrayList<>();
    private final List<String> replicaIds = new ArrayList<>();
    private int generation;
    private LoadBalancer balancer;

    /** The lease row as the database holds it. */
    record Lease(String holder, long epoch) {}

    ReplicatedControlPlane(String name, Map<String, String> environment) throws SQLException {
        this.name = name;
        this.environment = environment;
        this.database = new ItDatabase();
    }

    /** Starts the replicas one after the other (the first migrates and seeds the database), then HAProxy. */
    void start(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            replicas.add(null);
            replicaIds.add(null);
            launch(i, ControlPlaneProcess.freePort());
        }
        balancer = LoadBalancer.start(
                replicas.stream().map(replica -> replica.port).toList());
    }

    /** Starts a new process in the place of a replica that was stopped or killed, on the same port. */
    void replace(int index) throws IOException, InterruptedException {
        ControlPlaneProcess old = replicas.get(index);
        old.stop();
        launch(index, old.port);
    }

    private void launch(int index, int port) throws IOException {
        String id = "replica-" + (index + 1) + "-" + (++generation);
        Map<String, String> replicaEnvironment = new HashMap<>(environment);
        replicaEnvironment.put("SECUREWATCH_AGENTS_REPLICA_ID", id);
        replicaEnvironment.put("SECUREWATCH_LEADERSHIP_LEASE_TIME", LEASE_TIME.toMillis() + "ms");
        replicaEnvironment.put("SECUREWATCH_LEADERSHIP_RENEW_INTERVAL", RENEW_INTERVAL.toMillis() + "ms");
        ControlPlaneProcess replica = new ControlPlaneProcess(database, name + "-" + id, replicaEnvironment, port);
        replicas.set(index, replica);
        replicaIds.set(index, id);
        replica.start();
    }

    ControlPlaneProcess replica(int index) {
        return replicas.get(index);
    }

    String replicaId(int index) {
        return replicaIds.get(index);
    }

    /** The REST API through HAProxy. */
    String apiUrl() {
        return balancer.apiUrl();
    }

    /** The port where agents reach the replicas through HAProxy. */
    int agentPort() {
        return balancer.agentPort;
    }

    ItDatabase database() {
        return database;
    }

    /** Reads the lease; empty before any replica took it. */
    Optional<Lease> lease() throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), ItDatabase.ROLE, ItDatabase.PASSWORD);
                PreparedStatement query = connection.prepareStatement(
                        "select holder, epoch from leader_lease where name = 'control-plane' and expires_at > now()");
                ResultSet rows = query.executeQuery()) {
            return rows.next() ? Optional.of(new Lease(rows.getString(1), rows.getLong(2))) : Optional.empty();
        }
    }

    /** Waits until a replica holds a live lease and returns its index. */
    int awaitLeader() {
        int[] leader = new int[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Optional<Lease> lease = lease();
                    leader[0] =
                            lease.map(held -> replicaIds.indexOf(held.holder())).orElse(-1);
                    return leader[0] >= 0;
                });
        return leader[0];
    }

    @Override
    public void close() throws Exception {
        if (balancer != null) {
            balancer.close();
        }
        for (ControlPlaneProcess replica : replicas) {
            if (replica != null) {
                replica.stop();
            }
        }
        database.close();
    }
}
