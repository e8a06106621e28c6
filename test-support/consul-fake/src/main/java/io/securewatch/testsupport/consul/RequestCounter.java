package io.securewatch.testsupport.consul;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts the requests the fake received, by path as sent (before percent-decoding, without the query string). */
final class RequestCounter {

    private final Map<String, LongAdder> countsByPath = new ConcurrentHashMap<>();

    void record(String path) {
        countsByPath.computeIfAbsent(path, key -> new LongAdder()).increment();
    }

    long countWithPrefix(String pathPrefix) {
        return countsByPath.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(pathPrefix))
                .mapToLong(entry -> entry.getValue().sum())
                .sum();
    }

    void reset() {
        countsByPath.clear();
    }
}
