package io.securewatch.controlplane.agentchannel;

import io.securewatch.agent.v1.Bundle;
import io.securewatch.agent.v1.KubernetesObject;
import io.securewatch.agent.v1.ObjectRef;
import io.securewatch.controlplane.clusterstate.StoredBundle;
import java.util.HashMap;
import java.util.Map;

/** Builds the Bundle messages of the agent protocol from stored bundles. */
final class BundleMessages {

    private BundleMessages() {}

    /** Returns the complete bundle. */
    static Bundle full(StoredBundle target) {
        Bundle.Builder bundle = header(target).setFull(true);
        for (StoredBundle.StoredObject object : target.objects()) {
            bundle.addObjects(toProto(object));
        }
        return bundle.build();
    }

    /** Returns the objects added or changed since {@code base}, and those removed. */
    static Bundle delta(StoredBundle base, StoredBundle target) {
        Bundle.Builder bundle = header(target).setFull(false).setBaseRevision(base.revision());
        Map<io.securewatch.controlplane.desiredstate.ObjectRef, String> baseHashes = new HashMap<>();
        for (StoredBundle.StoredObject object : base.objects()) {
            baseHashes.put(object.ref(), object.contentHash());
        }
        for (StoredBundle.StoredObject object : target.objects()) {
            String previous = baseHashes.remove(object.ref());
            if (!object.contentHash().equals(previous)) {
                bundle.addObjects(toProto(object));
            }
        }
        baseHashes.keySet().stream().sorted().forEach(removed -> bundle.addRemoved(toProto(removed)));
        return bundle.build();
    }

    static ObjectRef toProto(io.securewatch.controlplane.desiredstate.ObjectRef ref) {
        return ObjectRef.newBuilder()
                .setApiVersion(ref.apiVersion())
                .setKind(ref.kind())
                .setNamespace(ref.namespace())
                .setName(ref.name())
                .build();
    }

    private static Bundle.Builder header(StoredBundle target) {
        Bundle.Builder bundle =
                Bundle.newBuilder().setRevision(target.revision()).setContentHash(target.contentHash());
        if (target.traceparent() != null) {
            bundle.setTraceparent(target.traceparent());
        }
        if (target.tracestate() != null) {
            bundle.setTracestate(target.tracestate());
        }
        return bundle;
    }

    private static KubernetesObject toProto(StoredBundle.StoredObject object) {
        return KubernetesObject.newBuilder()
                .setRef(toProto(object.ref()))
                .setManifestJson(object.manifestJson())
                .setContentHash(object.contentHash())
                .build();
    }
}
