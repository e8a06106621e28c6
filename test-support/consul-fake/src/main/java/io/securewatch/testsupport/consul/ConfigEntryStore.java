package io.securewatch.testsupport.consul;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Config entries by kind and name. As in Consul, reads report the index of the whole config entry table, so any
 * write wakes every blocking read of config entries.
 *
 * <p>Not thread-safe: the {@link Datacenter} lock guards every call.
 */
final class ConfigEntryStore {

    private final RaftIndex index;
    private final Map<String, TreeMap<String, ConfigEntry>> entriesByKind = new TreeMap<>();

    ConfigEntryStore(RaftIndex index) {
        this.index = index;
    }

    Optional<ConfigEntry> get(String kind, String name) {
        return Optional.ofNullable(
                entriesByKind.getOrDefault(kind, new TreeMap<>()).get(name));
    }

    /** Returns the entries of one kind, ordered by name. */
    List<ConfigEntry> list(String kind) {
        return new ArrayList<>(entriesByKind.getOrDefault(kind, new TreeMap<>()).values());
    }

    /**
     * Creates or replaces an entry, or with a check-and-set index does so only if the entry's {@code ModifyIndex}
     * equals that index (0: only if the entry does not exist). Returns whether the entry was written.
     */
    boolean apply(String kind, String name, JsonObject body, OptionalLong checkAndSetIndex) {
        ConfigEntry existing = get(kind, name).orElse(null);
        if (checkAndSetIndex.isPresent()) {
            long expected = checkAndSetIndex.getAsLong();
            boolean matches = expected == 0 ? existing == null : existing != null && existing.modifyIndex() == expected;
            if (!matches) {
                return false;
            }
        }
        long written = index.next(RaftIndex.CONFIG_ENTRIES);
        long createIndex = existing == null ? written : existing.createIndex();
        entriesByKind
                .computeIfAbsent(kind, k -> new TreeMap<>())
                .put(name, new ConfigEntry(kind, name, body.copy(), createIndex, written));
        return true;
    }

    /** Deletes an entry; a missing entry changes nothing. */
    void delete(String kind, String name) {
        TreeMap<String, ConfigEntry> entries = entriesByKind.get(kind);
        if (entries != null && entries.containsKey(name)) {
            index.next(RaftIndex.CONFIG_ENTRIES);
            entries.remove(name);
        }
    }

    /** Deletes an entry only if its {@code ModifyIndex} equals the given index; returns whether it was deleted. */
    boolean deleteIfModifyIndexIs(String kind, String name, long checkAndSetIndex) {
        Optional<ConfigEntry> existing = get(kind, name);
        if (existing.isEmpty() || existing.get().modifyIndex() != checkAndSetIndex) {
            return false;
        }
        delete(kind, name);
        return true;
    }

    long tableIndex() {
        return index.maxOf(RaftIndex.CONFIG_ENTRIES);
    }

    /** Lowers every entry's indexes to {@link RaftIndex#RESET_INDEX}. */
    void resetIndexes() {
        entriesByKind
                .values()
                .forEach(entries -> entries.replaceAll(
                        (name, entry) -> entry.withIndexes(RaftIndex.RESET_INDEX, RaftIndex.RESET_INDEX)));
    }
}
