package io.securewatch.agent.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fields that the cluster, not the control plane, sets, and that an update must carry over from the live object.
 * The agent updates by replacing the whole object, so a field the desired manifest leaves out would otherwise be
 * reset:
 *
 * <ul>
 *   <li>{@code spec.replicas} of an apps/v1 Deployment: a Deployment scaled by a HorizontalPodAutoscaler comes
 *       without it, and the API server would default it to 1 on every update.
 *   <li>{@code spec.clusterIP} and {@code spec.clusterIPs} of a v1 Service: the API server assigns them and
 *       rejects an update that changes them.
 * </ul>
 *
 * <p>A field the desired manifest sets is never replaced. {@link ManifestDiff} compares only the fields the
 * desired manifest sets, so these fields are never reported as drift either.
 */
final class UnownedFields {

    private static final List<String> DEPLOYMENT_FIELDS = List.of("replicas");
    private static final List<String> SERVICE_FIELDS = List.of("clusterIP", "clusterIPs");

    private UnownedFields() {}

    /**
     * Returns the desired manifest with the unowned fields of its kind copied from the live object where the
     * desired manifest leaves them unset. The arguments are not changed.
     */
    static Map<String, Object> carryOver(Map<String, Object> desired, Map<String, Object> live) {
        Object apiVersion = desired.get("apiVersion");
        Object kind = desired.get("kind");
        if ("apps/v1".equals(apiVersion) && "Deployment".equals(kind)) {
            return withSpecFields(desired, live, DEPLOYMENT_FIELDS);
        }
        if ("v1".equals(apiVersion) && "Service".equals(kind)) {
            return withSpecFields(desired, live, SERVICE_FIELDS);
        }
        return desired;
    }

    private static Map<String, Object> withSpecFields(
            Map<String, Object> desired, Map<String, Object> live, List<String> fields) {
        Map<String, Object> desiredSpec = map(desired.get("spec"));
        Map<String, Object> liveSpec = map(live.get("spec"));
        Map<String, Object> spec = new LinkedHashMap<>(desiredSpec);
        for (String field : fields) {
            if (isUnset(desiredSpec.get(field)) && !isUnset(liveSpec.get(field)) && !isStopped(field, liveSpec)) {
                spec.put(field, liveSpec.get(field));
            }
        }
        if (spec.equals(desiredSpec)) {
            return desired;
        }
        Map<String, Object> copy = new LinkedHashMap<>(desired);
        copy.put("spec", spec);
        return copy;
    }

    /**
     * Tells whether the live Deployment was stopped at 0 replicas, as an earlier revision without autoscaler does.
     * Those replicas are not carried over: an autoscaler leaves a Deployment at 0 alone, so the API server's default
     * of 1 lets the new autoscaler take over.
     */
    private static boolean isStopped(String field, Map<String, Object> liveSpec) {
        return field.equals("replicas") && liveSpec.get(field) instanceof Number replicas && replicas.intValue() == 0;
    }

    /** Tells whether a value leaves the field to the API server: missing, an empty string or an empty list. */
    private static boolean isUnset(Object value) {
        return value == null
                || value instanceof String text && text.isEmpty()
                || value instanceof List<?> list && list.isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
