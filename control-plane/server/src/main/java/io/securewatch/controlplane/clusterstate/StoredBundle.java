package io.securewatch.controlplane.clusterstate;

import io.securewatch.controlplane.desiredstate.ObjectRef;
import java.util.List;

/**
 * A bundle as stored for a cluster at one revision.
 *
 * @param traceparent W3C trace context of the change that produced it, or null
 */
public record StoredBundle(
        String cluster,
        long revision,
        String contentHash,
        List<StoredObject> objects,
        String traceparent,
        String tracestate) {

    /** One object of a stored bundle, with its manifest as JSON. */
    public record StoredObject(ObjectRef ref, String manifestJson, String contentHash) {}
}
