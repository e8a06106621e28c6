package io.securewatch.agent.routing;

import io.securewatch.agent.core.ObjectKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A place outside Kubernetes that stores one kind of routing object, such as a Consul datacenter's config entries or
 * an HAProxy edge. It reads and writes objects in the manifest shape the reconciler uses: a live object carries the
 * ownership label and the content-hash annotation it was written with, so unchanged objects are not written again.
 * Every method may throw {@link io.securewatch.agent.core.ClusterWriteException}.
 */
public interface ObjectTarget {

    /** Returns the short name reported in the Ack, such as {@code consul}. */
    String name();

    /** Returns where the objects are written, or an empty string when they are only kept in memory. */
    String address();

    Optional<Map<String, Object>> get(ObjectKey key);

    void create(Map<String, Object> manifest);

    /**
     * Replaces an existing object.
     *
     * @param resourceVersion the version that {@link #get} returned, or null; a target that can compare and swap
     *     uses it to reject a concurrent change
     */
    void update(Map<String, Object> manifest, String resourceVersion);

    /** Deletes the object; deleting a missing object is not an error. */
    void delete(ObjectKey key);

    /** Lists the objects in this target that SecureWatch manages. */
    List<ObjectKey> listManaged();
}
