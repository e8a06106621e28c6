package io.securewatch.controlplane.workload;

import io.securewatch.api.v1.Problem.FieldError;
import io.securewatch.controlplane.web.FieldPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the errors found while checking a Kubernetes spec held as plain JSON values, each under its field
 * path. Also reads fields with the expected JSON type, reporting those of another type.
 */
final class SpecErrors {

    /** Errors listed before the rest are only counted, so that one bad document cannot flood a response. */
    static final int MAX_ERRORS = 50;

    private final List<FieldError> errors = new ArrayList<>();
    private int dropped;

    void add(String path, String message) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(new FieldError(path, message));
        } else {
            dropped++;
        }
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Returns the errors; when some were dropped, a last entry says how many. */
    List<FieldError> list() {
        if (dropped == 0) {
            return List.copyOf(errors);
        }
        List<FieldError> all = new ArrayList<>(errors);
        all.add(new FieldError("(more)", dropped + " further errors are not listed; fix the ones above first"));
        return all;
    }

    /** Returns the object at a field, null when absent, and reports a value of another type. */
    @SuppressWarnings("unchecked")
    Map<String, Object> object(Map<String, Object> parent, String field, String path) {
        Object value = parent.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        add(path, "must be an object");
        return null;
    }

    /** Returns the list at a field, null when absent, and reports a value of another type. */
    @SuppressWarnings("unchecked")
    List<Object> list(Map<String, Object> parent, String field, String path) {
        Object value = parent.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        add(path, "must be a list");
        return null;
    }

    /** Returns the string at a field, null when absent, and reports a value of another type. */
    String string(Map<String, Object> parent, String field, String path) {
        Object value = parent.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return text;
        }
        add(path, "must be a string");
        return null;
    }

    /** Returns the whole number at a field, null when absent, and reports another value or one out of range. */
    Long wholeNumber(Map<String, Object> parent, String field, String path, long min, long max) {
        Object value = parent.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long) {
            long number = ((Number) value).longValue();
            if (number < min || number > max) {
                add(path, "must be from " + min + " to " + max);
                return null;
            }
            return number;
        }
        add(path, "must be a whole number from " + min + " to " + max);
        return null;
    }

    /** Returns the boolean at a field, null when absent, and reports a value of another type. */
    Boolean bool(Map<String, Object> parent, String field, String path) {
        Object value = parent.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        add(path, "must be true or false");
        return null;
    }

    /** Reports every key of the object that is not among the known ones. */
    void onlyKnown(Map<String, Object> object, Set<String> known, String path) {
        for (String key : object.keySet()) {
            if (!known.contains(key)) {
                add(
                        path + "." + FieldPaths.printable(key),
                        "is not a known field here; check the spelling against the Kubernetes API");
            }
        }
    }

    /** Checks that a value is a map of label keys to label values. */
    void labels(Object value, String path) {
        if (value == null) {
            return;
        }
        if (!(value instanceof Map<?, ?> map)) {
            add(path, "must be an object of label keys to values");
            return;
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String entryPath = path + "[" + FieldPaths.printable(key) + "]";
            if (!KubernetesNames.isLabelKey(key)) {
                add(entryPath, KubernetesNames.LABEL_KEY_MESSAGE);
            } else if (!(entry.getValue() instanceof String text) || !KubernetesNames.isLabelValue(text)) {
                add(entryPath, KubernetesNames.LABEL_VALUE_MESSAGE);
            }
        }
    }
}
