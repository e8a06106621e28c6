package io.securewatch.agent.simulated;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Helpers for manifests in the JSON shape of Kubernetes, held as nested maps and lists. */
final class Manifests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private Manifests() {}

    /** Returns a deep copy whose maps and lists can be changed. */
    static Map<String, Object> copy(Map<String, Object> manifest) {
        return JSON.convertValue(manifest, MAP);
    }

    /** Returns the value as a map, or an empty unmodifiable map when it is missing or not a map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
