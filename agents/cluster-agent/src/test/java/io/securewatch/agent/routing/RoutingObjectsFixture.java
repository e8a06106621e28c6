package io.securewatch.agent.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securewatch.agent.core.DesiredObject;
import io.securewatch.agent.core.ObjectKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds routing objects in the shape the control plane sends them. */
public final class RoutingObjectsFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RoutingObjectsFixture() {}

    /** Returns a {@code ConsulConfigEntry} object with the entry, for the datacenter. */
    public static DesiredObject configEntry(String datacenter, Map<String, Object> entry) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("datacenter", datacenter);
        spec.put("entry", entry);
        String name = entry.get("Kind") + "." + entry.get("Name");
        return object(RoutingDriver.CONSUL_CONFIG_ENTRY, name, "shop", spec);
    }

    /**
     * Returns an {@code EdgeBackend} object for the service's backend {@code be_<service>} without {@code spec.region},
     * as control planes sent it before they added the edge's region.
     */
    public static DesiredObject edgeBackend(String service, List<Map<String, Object>> servers) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("backend", "be_" + service);
        spec.put("servers", servers);
        return object(RoutingDriver.EDGE_BACKEND, service, service, spec);
    }

    /** Returns an {@code EdgeBackend} object for the service's backend {@code be_<service>} on the region's edge. */
    public static DesiredObject edgeBackend(String service, String region, List<Map<String, Object>> servers) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("backend", "be_" + service);
        spec.put("region", region);
        spec.put("servers", servers);
        return object(RoutingDriver.EDGE_BACKEND, service, service, spec);
    }

    /** Returns a server of an edge backend that is not a backup server. */
    public static Map<String, Object> server(String name, int weight, String state) {
        return server(name, weight, state, false);
    }

    /** Returns a server of an edge backend. */
    public static Map<String, Object> server(String name, int weight, String state, boolean backup) {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("name", name);
        server.put("weight", weight);
        server.put("state", state);
        server.put("backup", backup);
        return server;
    }

    /** Returns the manifest of the object with its content-hash annotation, as the reconciler writes it. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> annotated(DesiredObject object) {
        try {
            Map<String, Object> manifest = JSON.readValue(object.manifestJson(), Map.class);
            Map<String, Object> metadata = (Map<String, Object>) manifest.get("metadata");
            metadata.put("annotations", Map.of("securewatch.io/content-hash", object.contentHash()));
            return manifest;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DesiredObject object(String kind, String name, String service, Map<String, Object> spec) {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/managed-by", "securewatch");
        labels.put(RoutingObjects.SERVICE_LABEL, service);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("labels", labels);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("apiVersion", RoutingDriver.API_VERSION);
        manifest.put("kind", kind);
        manifest.put("metadata", metadata);
        manifest.put("spec", spec);
        try {
            String json = JSON.writeValueAsString(manifest);
            return new DesiredObject(new ObjectKey(RoutingDriver.API_VERSION, kind, "", name), json, sha256(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
