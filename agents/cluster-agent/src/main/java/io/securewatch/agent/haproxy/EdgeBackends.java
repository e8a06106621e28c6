package io.securewatch.agent.haproxy;

import io.securewatch.agent.core.ClusterWriteException;
import io.securewatch.agent.core.ObjectKey;
import io.securewatch.agent.routing.ObjectTarget;
import io.securewatch.agent.routing.RoutingObjects;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The backends of the region's HAProxy edge, changed through its Runtime API without a reload.
 *
 * <p>An {@code EdgeBackend} object names the backend in {@code spec.backend}, the edge's own region in
 * {@code spec.region}, and lists its servers with weight, administrative state and backup flag. HAProxy keeps no
 * labels and no region, so this target remembers the content hash and the region of each backend it brought to the
 * desired servers, and reads the region back from what it remembers. After a restart, the first apply compares the servers field by field. Deleting the object leaves the servers as they are, since the configuration file owns the backend.
 */
public final class EdgeBackends implements ObjectTarget {

    private final RuntimeApiClient client;
    private final EdgeApplier applier;
    private final Map<String, Applied> applied = new ConcurrentHashMap<>();

    public EdgeBackends(RuntimeApiClient client) {
        this.client = client;
        this.applier = new EdgeApplier(client);
    }

    @Override
    public String name() {
        return "haproxy";
    }

    @Override
    public String address() {
        return client.address().toString();
    }

    @Override
    public Optional<Map<String, Object>> get(ObjectKey key) {
        Applied known = applied.get(key.name());
        String backend = known == null ? defaultBackend(key) : known.backend();
        List<ServerState> servers;
        Set<String> backups;
        try {
            servers = client.showServers(backend);
            backups = client.showBackupServers(backend);
        } catch (RuntimeApiException | IllegalArgumentException e) {
            throw unavailable(key, e);
        }
        List<Map<String, Object>> live = new ArrayList<>();
        servers.stream().sorted(Comparator.comparing(ServerState::name)).forEach(server -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", server.name());
            entry.put("weight", server.userWeight());
            entry.put("state", server.adminState().keyword());
            entry.put("backup", backups.contains(server.name()));
            live.add(entry);
        });
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("backend", backend);
        if (known != null && known.region() != null) {
            spec.put("region", known.region());
        }
        spec.put("servers", live);
        return Optional.of(RoutingObjects.live(
                key, known == null ? null : known.service(), known == null ? null : known.contentHash(), null, spec));
    }

    @Override
    public void create(Map<String, Object> manifest) {
        apply(manifest);
    }

    @Override
    public void update(Map<String, Object> manifest, String resourceVersion) {
        apply(manifest);
    }

    @Override
    public void delete(ObjectKey key) {
        applied.remove(key.name());
    }

    @Override
    public List<ObjectKey> listManaged() {
        return applied.keySet().stream()
                .map(name -> new ObjectKey(
                        io.securewatch.agent.routing.RoutingDriver.API_VERSION,
                        io.securewatch.agent.routing.RoutingDriver.EDGE_BACKEND,
                        "",
                        name))
                .toList();
    }

    private void apply(Map<String, Object> manifest) {
        ObjectKey key = RoutingObjects.key(manifest);
        Map<String, Object> spec = RoutingObjects.spec(manifest);
        String backend = String.valueOf(spec.get("backend"));
        List<DesiredServer> desired = servers(key, spec);
        AppliedEdge report;
        try {
            report = applier.apply(backend, desired);
        } catch (RuntimeApiException | IllegalArgumentException e) {
            throw unavailable(key, e);
        }
        if (report.failure().isPresent()) {
            AppliedEdge.CommandFailure failure = report.failure().get();
            throw new ClusterWriteException(
                    "Invalid",
                    "HAProxy at " + client.address() + " rejected '" + failure.command() + "' for " + key + ": "
                            + failure.reason());
        }
        if (report.needsNewConfiguration()) {
            throw new ClusterWriteException(
                    "Invalid",
                    "HAProxy backend " + backend + " at " + client.address()
                            + " does not match the desired servers (missing " + report.missingServers()
                            + ", unexpected " + report.unexpectedServers() + ", backup flag differs "
                            + report.backupMismatches()
                            + "); regenerate the configuration file and reload HAProxy. Weights and states of the"
                            + " other servers were applied");
        }
        applied.put(
                key.name(),
                new Applied(
                        backend,
                        spec.get("region") instanceof String region ? region : null,
                        RoutingObjects.label(manifest, RoutingObjects.SERVICE_LABEL),
                        RoutingObjects.contentHash(manifest)));
    }

    private static List<DesiredServer> servers(ObjectKey key, Map<String, Object> spec) {
        if (!(spec.get("servers") instanceof List<?> servers)) {
            throw new ClusterWriteException("Invalid", key + " has no spec.servers list");
        }
        List<DesiredServer> desired = new ArrayList<>();
        try {
            for (Object item : servers) {
                if (!(item instanceof Map<?, ?> server) || !(server.get("weight") instanceof Number weight)) {
                    throw new IllegalArgumentException("each server needs a name, a numeric weight and a state");
                }
                desired.add(new DesiredServer(
                        String.valueOf(server.get("name")),
                        weight.intValue(),
                        AdminState.fromKeyword(String.valueOf(server.get("state"))),
                        Boolean.TRUE.equals(server.get("backup"))));
            }
        } catch (IllegalArgumentException e) {
            throw new ClusterWriteException("Invalid", key + " has invalid servers: " + e.getMessage(), e);
        }
        return desired;
    }

    /** Returns the backend name the control plane gives a service, {@code be_<service>}. */
    private static String defaultBackend(ObjectKey key) {
        return "be_" + key.name();
    }

    private ClusterWriteException unavailable(ObjectKey key, RuntimeException e) {
        return new ClusterWriteException(
                "Unavailable",
                "HAProxy at " + client.address() + " cannot be read for " + key + ": " + e.getMessage(),
                e);
    }

    /** The backend, region, service and content hash this target last applied. The region is null when not sent. */
    private record Applied(String backend, String region, String service, String contentHash) {}
}
