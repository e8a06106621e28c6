package io.securewatch.helm;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * One rendered object, read by paths such as {@code spec.template.spec.containers[0].image}. A path segment
 * {@code name=value} picks the list element whose {@code name} is that value, as in {@code env[name=QUARKUS_HTTP_PORT]}.
 */
record Manifest(Map<String, Object> content) {

    String kind() {
        return (String) content.get("kind");
    }

    String name() {
        return string("metadata.name");
    }

    Object get(String path) {
        return find(path).orElseThrow(() -> new NoSuchElementException(kind() + " " + name() + " has no " + path));
    }

    String string(String path) {
        return String.valueOf(get(path));
    }

    int integer(String path) {
        return ((Number) get(path)).intValue();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String path) {
        return (Map<String, Object>) get(path);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(String path) {
        return (List<Map<String, Object>>) get(path);
    }

    Manifest at(String path) {
        return new Manifest(map(path));
    }

    boolean has(String path) {
        return find(path).isPresent();
    }

    Optional<Object> find(String path) {
        Object current = content;
        for (String segment : path.split("\\.(?![^\\[]*\\])")) {
            current = step(current, segment);
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    private static Object step(Object current, String segment) {
        int bracket = segment.indexOf('[');
        String key = bracket < 0 ? segment : segment.substring(0, bracket);
        Object value = current instanceof Map<?, ?> map ? map.get(key) : null;
        if (bracket < 0 || value == null) {
            return value;
        }
        String selector = segment.substring(bracket + 1, segment.length() - 1);
        if (!(value instanceof List<?> list)) {
            return null;
        }
        int equals = selector.indexOf('=');
        if (equals < 0) {
            int index = Integer.parseInt(selector);
            return index < list.size() ? list.get(index) : null;
        }
        String field = selector.substring(0, equals);
        String expected = selector.substring(equals + 1);
        return list.stream()
                .filter(element -> element instanceof Map<?, ?> map && expected.equals(String.valueOf(map.get(field))))
                .findFirst()
                .orElse(null);
    }
}
