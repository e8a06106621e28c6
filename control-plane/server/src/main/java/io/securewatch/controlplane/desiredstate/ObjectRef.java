package io.securewatch.controlplane.desiredstate;

import java.util.Comparator;

/**
 * Identity of a Kubernetes object.
 *
 * @param namespace empty for cluster-scoped objects
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name)
        implements Comparable<ObjectRef> {

    /** Namespaces first, then by namespace, kind and name, so that an agent can create objects in list order. */
    private static final Comparator<ObjectRef> ORDER = Comparator.comparing(
                    (ObjectRef ref) -> !ref.kind.equals("Namespace"))
            .thenComparing(ObjectRef::namespace)
            .thenComparing(ObjectRef::kind)
            .thenComparing(ObjectRef::name);

    @Override
    public int compareTo(ObjectRef other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
    }
}
