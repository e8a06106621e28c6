package io.securewatch.controlplane.clusterstate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.controlplane.desiredstate.ObjectRef;
import io.securewatch.controlplane.json.CanonicalJson;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** Reads stored bundles. Native SQL, because the bundle table is written by {@link DesiredStateRefresher}. */
@ApplicationScoped
public class ClusterStateRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> OBJECT_LIST = new TypeReference<>() {};

    /** Returns the bundle at the cluster's desired revision, or null when it has none yet. */
    public Uni<StoredBundle> latestBundle(String cluster) {
        return bundle(
                "select c.name, b.revision, b.content_hash, cast(b.objects as text), b.traceparent, b.tracestate"
                        + " from cluster c join cluster_bundle b on b.cluster_id = c.id and b.revision = c.desired_revision"
                        + " where c.name = :cluster",
                cluster,
                null);
    }

    /** Returns the bundle of the cluster at the given revision, or null when it is not (or no longer) stored. */
    public Uni<StoredBundle> bundleAt(String cluster, long revision) {
        return bundle(
                "select c.name, b.revision, b.content_hash, cast(b.objects as text), b.traceparent, b.tracestate"
                        + " from cluster c join cluster_bundle b on b.cluster_id = c.id and b.revision = :revision"
                        + " where c.name = :cluster",
                cluster,
                revision);
    }

    private static Uni<StoredBundle> bundle(String sql, String cluster, Long revision) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class).setParameter("cluster", cluster);
            if (revision != null) {
                query.setParameter("revision", revision);
            }
            return query.getResultList().map(rows -> rows.isEmpty() ? null : toBundle(rows.get(0)));
        });
    }

    private static StoredBundle toBundle(Object[] row) {
        return new StoredBundle(
                (String) row[0],
                ((Number) row[1]).longValue(),
                (String) row[2],
                parseObjects((String) row[3]),
                (String) row[4],
                (String) row[5]);
    }

    /** Reads the objects column of a stored bundle. */
    public static List<StoredBundle.StoredObject> parseObjects(String json) {
        List<Map<String, Object>> objects;
        try {
            objects = JSON.readValue(json, OBJECT_LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored bundle is not valid JSON", e);
        }
        return objects.stream()
                .map(object -> new StoredBundle.StoredObject(
                        new ObjectRef(
                                (String) object.get("apiVersion"),
                                (String) object.get("kind"),
                                (String) object.get("namespace"),
                                (String) object.get("name")),
                        CanonicalJson.write(object.get("manifest")),
                        (String) object.get("contentHash")))
                .toList();
    }
}
