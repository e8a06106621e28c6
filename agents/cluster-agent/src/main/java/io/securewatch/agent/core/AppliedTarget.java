package io.securewatch.agent.core;

import java.util.List;

/**
 * Objects of a bundle that the agent applied somewhere other than the cluster's Kubernetes API, for the Ack.
 *
 * @param target {@code consul} for Consul config entries, {@code haproxy} for edge backends
 * @param address where the agent wrote them, such as {@code http://127.0.0.1:8500} or a stats socket; empty when the
 *     agent has no such target configured and only keeps the objects
 */
public record AppliedTarget(String target, String address, List<ObjectKey> objects) {

    public AppliedTarget {
        objects = List.copyOf(objects);
    }
}
