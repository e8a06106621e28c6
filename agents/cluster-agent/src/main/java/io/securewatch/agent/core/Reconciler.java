package io.securewatch.agent.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Brings a cluster to a set of desired objects without touching objects that already match. An object is written
 * only when it is missing, when its content-hash annotation differs from the desired hash, or when a field the
 * manifest sets differs. An update replaces the object but keeps the fields the cluster owns, such as the replicas
 * of a Deployment scaled by a HorizontalPodAutoscaler (see {@link UnownedFields}). Objects without the ownership
 * label are never changed or deleted.
 */
public final class Reconciler {

    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "securewatch";
    public static final String HASH_ANNOTATION = "securewatch.io/content-hash";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final ClusterDriver driver;

    public Reconciler(ClusterDriver driver) {
        this.driver = driver;
    }

    /**
     * Applies objects and deletes those that left.
     *
     * @param apply objects to create or update, in the order given
     * @param delete objects to delete when they exist and carry the ownership label
     */
    public ApplyResult apply(Collection<DesiredObject> apply, Collection<ObjectKey> delete) {
        ApplyResult.Builder result = new ApplyResult.Builder();
        for (DesiredObject object : apply) {
            try {
                applyOne(object, result);
            } catch (ClusterWriteException e) {
                result.failed(object.key(), e.reason(), e.getMessage());
            }
        }
        List<ObjectKey> ordered = new ArrayList<>(new TreeSet<>(delete));
        // Contents before their namespaces.
        for (int i = ordered.size() - 1; i >= 0; i--) {
            ObjectKey key = ordered.get(i);
            try {
                Optional<Map<String, Object>> live = driver.get(key);
                if (live.isPresent() && isManaged(live.get())) {
                    driver.delete(key);
                    result.deleted();
                }
            } catch (ClusterWriteException e) {
                result.failed(key, e.reason(), e.getMessage());
            }
        }
        return result.build();
    }

    /** Lists the managed objects in the cluster that are not in the desired set, for a complete resync. */
    public Set<ObjectKey> strays(Collection<DesiredObject> desired) {
        Set<ObjectKey> strays = new TreeSet<>(driver.listLabelled(MANAGED_BY_LABEL, MANAGED_BY_VALUE));
        desired.forEach(object -> strays.remove(object.key()));
        return strays;
    }

    /**
     * Compares every desired object with the cluster.
     *
     * @param correct whether to put the desired manifest back where it differs
     */
    public List<DriftReport> detectDrift(Collection<DesiredObject> desired, boolean correct) {
        List<DriftReport> drift = new ArrayList<>();
        for (DesiredObject object : desired) {
            try {
                Optional<String> difference = difference(object);
                if (difference.isEmpty()) {
                    continue;
                }
                boolean corrected = false;
                if (correct) {
                    applyOne(object, new ApplyResult.Builder());
                    corrected = true;
                }
                drift.add(new DriftReport(object.key(), difference.get(), corrected));
            } catch (ClusterWriteException e) {
                drift.add(new DriftReport(object.key(), "cannot be read or corrected: " + e.getMessage(), false));
            }
        }
        return drift;
    }

    private Optional<String> difference(DesiredObject object) {
        Optional<Map<String, Object>> live = driver.get(object.key());
        if (live.isEmpty()) {
            return Optional.of("missing");
        }
        return ManifestDiff.firstDifference(manifest(object), live.get());
    }

    private void applyOne(DesiredObject object, ApplyResult.Builder result) {
        Map<String, Object> desired = withHash(manifest(object), object.contentHash());
        Optional<Map<String, Object>> live = driver.get(object.key());
        if (live.isEmpty()) {
            driver.create(desired);
            result.created();
            return;
        }
        if (!isManaged(live.get())) {
            throw new ClusterWriteException(
                    "Conflict",
                    object.key() + " exists but is not managed by SecureWatch; delete it, or label it "
                            + MANAGED_BY_LABEL + "=" + MANAGED_BY_VALUE + " to hand it over");
        }
        boolean hashMatches =
                object.contentHash().equals(annotations(live.get()).get(HASH_ANNOTATION));
        if (hashMatches
                && ManifestDiff.firstDifference(manifest(object), live.get()).isEmpty()) {
            result.unchanged();
            return;
        }
        driver.update(UnownedFields.carryOver(desired, live.get()), resourceVersion(live.get()));
        result.updated();
    }

    static Map<String, Object> manifest(DesiredObject object) {
        try {
            return JSON.readValue(object.manifestJson(), MAP);
        } catch (JsonProcessingException e) {
            throw new ClusterWriteException("Invalid", object.key() + " has a manifest that is not valid JSON", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withHash(Map<String, Object> manifest, String hash) {
        Map<String, Object> copy = new LinkedHashMap<>(manifest);
        Map<String, Object> metadata =
                new LinkedHashMap<>((Map<String, Object>) copy.getOrDefault("metadata", Map.of()));
        Map<String, Object> annotations =
                new LinkedHashMap<>((Map<String, Object>) metadata.getOrDefault("annotations", Map.of()));
        annotations.put(HASH_ANNOTATION, hash);
        metadata.put("annotations", annotations);
        copy.put("metadata", metadata);
        return copy;
    }

    static boolean isManaged(Map<String, Object> live) {
        return MANAGED_BY_VALUE.equals(labels(live).get(MANAGED_BY_LABEL));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> live) {
        Object metadata = live.get("metadata");
        return metadata instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labels(Map<String, Object> live) {
        Object labels = metadata(live).get("labels");
        return labels instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> annotations(Map<String, Object> live) {
        Object annotations = metadata(live).get("annotations");
        return annotations instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static String resourceVersion(Map<String, Object> live) {
        Object version = metadata(live).get("resourceVersion");
        return version == null ? null : version.toString();
    }

    /** An object that differs from its desired manifest. */
    public record DriftReport(ObjectKey key, String description, boolean corrected) {}
}
