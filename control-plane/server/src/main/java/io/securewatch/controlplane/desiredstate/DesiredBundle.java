package io.securewatch.controlplane.desiredstate;

import io.securewatch.controlplane.json.CanonicalJson;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The complete desired state of one cluster.
 *
 * @param objects in {@link ObjectRef} order
 * @param contentHash SHA-256 over the identity and content hash of every object, equal for equal bundles
 */
public record DesiredBundle(String cluster, List<Manifest> objects, String contentHash) {

    static DesiredBundle of(String cluster, List<Manifest> unsorted) {
        List<Manifest> objects = unsorted.stream()
                .sorted((left, right) -> left.ref().compareTo(right.ref()))
                .toList();
        String listing = objects.stream()
                .map(manifest -> manifest.ref() + "=" + manifest.contentHash())
                .collect(Collectors.joining("\n"));
        return new DesiredBundle(cluster, objects, CanonicalJson.sha256Hex(listing));
    }
}
