package io.securewatch.agent.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Comparator;

/**
 * Identity of a Kubernetes object.
 *
 * @param namespace empty for cluster-scoped objects such as namespaces
 */
public record ObjectKey(String apiVersion, String kind, String namespace, String name)
        implements Comparable<ObjectKey> {

    /** Namespaces first, so that a bundle applied in this order creates a namespace before its contents. */
    private static final Comparator<ObjectKey> ORDER = Comparator.comparing((ObjectKey key) -> !key.isNamespace())
            .thenComparing(ObjectKey::namespace)
            .thenComparing(ObjectKey::kind)
            .thenComparing(ObjectKey::name);

    /** Tells whether this is a Namespace object; not a field of the JSON form. */
    @JsonIgnore
    public boolean isNamespace() {
        return "Namespace".equals(kind) && namespace.isEmpty();
    }

    @Override
    public int compareTo(ObjectKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
    }
}
