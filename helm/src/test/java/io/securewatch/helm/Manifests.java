package io.securewatch.helm;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/** The objects of one rendered release, looked up by kind. */
record Manifests(List<Map<String, Object>> documents) {

    List<Manifest> ofKind(String kind) {
        return documents.stream()
                .filter(document -> kind.equals(document.get("kind")))
                .map(Manifest::new)
                .toList();
    }

    /** Returns the only object of the kind, and fails when there is none or more than one. */
    Manifest only(String kind) {
        List<Manifest> found = ofKind(kind);
        if (found.size() != 1) {
            throw new NoSuchElementException(
                    "expected one " + kind + " but the release has " + found.size() + ": " + kinds());
        }
        return found.get(0);
    }

    boolean has(String kind) {
        return !ofKind(kind).isEmpty();
    }

    List<String> kinds() {
        return documents.stream()
                .map(document -> Objects.toString(document.get("kind")))
                .toList();
    }
}
