package io.securewatch.controlplane.audit;

/**
 * Author and request of a change, as recorded in its audit event.
 *
 * @param actor user name, or {@code system:<job>} for changes the control plane makes itself
 * @param requestId id of the HTTP request, or null for changes outside a request
 * @param sourceAddress client address, or null for changes outside a request
 */
public record ChangeOrigin(String actor, String requestId, String sourceAddress) {

    /** Returns the origin of a change that a job of the control plane makes. */
    public static ChangeOrigin system(String job) {
        return new ChangeOrigin("system:" + job, null, null);
    }
}
