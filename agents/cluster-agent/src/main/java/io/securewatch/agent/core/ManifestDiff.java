package io.securewatch.agent.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares a desired manifest with the object the cluster holds. Only the fields the desired manifest sets are
 * compared, because the cluster adds its own (status, uid, resourceVersion, default values). Quantities compare
 * by amount.
 */
final class ManifestDiff {

    private ManifestDiff() {}

    /** Describes the first field where the live object differs from the desired one, or empty when none does. */
    static Optional<String> firstDifference(Object desired, Object live) {
        return difference(desired, live, "");
    }

    private static Optional<String> difference(Object desired, Object live, String path) {
        if (desired instanceof Map<?, ?> desiredMap) {
            if (!(live instanceof Map<?, ?> liveMap)) {
                return Optional.of(describe(path) + ": missing");
            }
            for (Map.Entry<?, ?> entry : desiredMap.entrySet()) {
                String childPath = path.isEmpty() ? String.valueOf(entry.getKey()) : path + "." + entry.getKey();
                if (!liveMap.containsKey(entry.getKey())) {
                    if (isEmpty(entry.getValue())) {
                        continue;
                    }
                    return Optional.of(childPath + ": missing");
                }
                Optional<String> child = difference(entry.getValue(), liveMap.get(entry.getKey()), childPath);
                if (child.isPresent()) {
                    return child;
                }
            }
            return Optional.empty();
        }
        if (desired instanceof List<?> desiredList) {
            if (!(live instanceof List<?> liveList) || liveList.size() != desiredList.size()) {
                return Optional.of(describe(path) + ": list differs");
            }
            for (int i = 0; i < desiredList.size(); i++) {
                Optional<String> child = difference(desiredList.get(i), liveList.get(i), path + "[" + i + "]");
                if (child.isPresent()) {
                    return child;
                }
            }
            return Optional.empty();
        }
        if (equalScalars(desired, live)) {
            return Optional.empty();
        }
        return Optional.of(describe(path) + ": " + live + " instead of " + desired);
    }

    private static boolean equalScalars(Object desired, Object live) {
        if (desired == null || live == null) {
            return desired == live;
        }
        String desiredText = String.valueOf(desired);
        String liveText = String.valueOf(live);
        return desiredText.equals(liveText) || Quantities.sameAmount(desiredText, liveText);
    }

    /** Tells whether a desired value is an empty map or list, which matches a field the cluster left out. */
    private static boolean isEmpty(Object value) {
        return value instanceof Map<?, ?> map && map.isEmpty() || value instanceof List<?> list && list.isEmpty();
    }

    private static String describe(String path) {
        return path.isEmpty() ? "object" : path;
    }
}
