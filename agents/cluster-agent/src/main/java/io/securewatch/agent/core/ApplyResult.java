package io.securewatch.agent.core;

import java.util.ArrayList;
import java.util.List;

/** Outcome of one reconcile: counts of writes by kind, and the objects the cluster refused. */
public record ApplyResult(int created, int updated, int unchanged, int deleted, List<Failure> failures) {

    public boolean succeeded() {
        return failures.isEmpty();
    }

    /** An object the cluster refused, with the reason it gave. */
    public record Failure(ObjectKey key, String reason, String message) {}

    static final class Builder {
        private int created;
        private int updated;
        private int unchanged;
        private int deleted;
        private final List<Failure> failures = new ArrayList<>();

        void created() {
            created++;
        }

        void updated() {
            updated++;
        }

        void unchanged() {
            unchanged++;
        }

        void deleted() {
            deleted++;
        }

        void failed(ObjectKey key, String reason, String message) {
            failures.add(new Failure(key, reason, message));
        }

        ApplyResult build() {
            return new ApplyResult(created, updated, unchanged, deleted, List.copyOf(failures));
        }
    }
}
