package io.securewatch.controlplane.desiredstate;

import io.securewatch.controlplane.json.CanonicalJson;
import java.util.Map;

/**
 * An object a cluster should hold.
 *
 * @param body the complete manifest, as Kubernetes reads it
 * @param contentHash SHA-256 of the canonical JSON of the body, which the agent compares before writing
 */
public record Manifest(ObjectRef ref, Map<String, Object> body, String contentHash) {

    static Manifest of(ObjectRef ref, Map<String, Object> body) {
        return new Manifest(ref, body, CanonicalJson.sha256(body));
    }
}
