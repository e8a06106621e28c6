package io.securewatch.agent.routing;

import io.securewatch.agent.core.ClusterWriteException;
import io.securewatch.agent.core.ObjectKey;
import io.securewatch.agent.core.Reconciler;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and builds routing object manifests for the targets that translate them. */
public final class RoutingObjects {

    /** Label that names the service a routing object belongs to. */
    public static final String SERVICE_LABEL = "securewatch.io/service";

    private RoutingObjects() {}

    /**
     * Builds the manifest of a live object as a target reads it.
     *
     * @param contentHash the hash the object was written with, or null when the target does not know it
     * @param resourceVersion the target's version for compare-and-swap, or null
     */
    public static Map<String, Object> live(
            ObjectKey key, String service, String contentHash, String resourceVersion, Map<String, Object> spec) {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put(Reconciler.MANAGED_BY_LABEL, Reconciler.MANAGED_BY_VALUE);
        if (service != null) {
            labels.put(SERVICE_LABEL, service);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", key.name());
        metadata.put("labels", labels);
        if (contentHash != null) {
            metadata.put("annotations", Map.of(Reconciler.HASH_ANNOTATION, contentHash));
        }
        if (resourceVersion != null) {
            metadata.put("resourceVersion", resourceVersion);
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("apiVersion", key.apiVersion());
        manifest.put("kind", key.kind());
        manifest.put("metadata", metadata);
        manifest.put("spec", spec);
        return manifest;
    }

    public static ObjectKey key(Map<String, Object> manifest) {
        return RoutingDriver.keyOf(manifest);
    }

    /** Returns the manifest's {@code spec}, or throws an Invalid write error naming the object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> spec(Map<String, Object> manifest) {
        if (manifest.get("spec") instanceof Map<?, ?> spec) {
            return (Map<String, Object>) spec;
        }
        throw new ClusterWriteException("Invalid", key(manifest) + " has no spec");
    }

    /** Returns a label of the manifest, or null. */
    public static String label(Map<String, Object> manifest, String label) {
        if (manifest.get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("labels") instanceof Map<?, ?> labels
                && labels.get(label) instanceof String value) {
            return value;
        }
        return null;
    }

    /** Returns the content hash the reconciler annotated the manifest with, or null. */
    public static String contentHash(Map<String, Object> manifest) {
        if (manifest.get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("annotations") instanceof Map<?, ?> annotations
                && annotations.get(Reconciler.HASH_ANNOTATION) instanceof String hash) {
            return hash;
        }
        return null;
    }
}
