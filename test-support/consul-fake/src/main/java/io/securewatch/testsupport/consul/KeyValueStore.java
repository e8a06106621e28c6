package io.securewatch.testsupport.consul;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The datacenter's KV store. Deleted keys leave a tombstone with the index of their deletion, so that the index of a
 * prefix query does not go backwards when its newest key is deleted. Consul reaps tombstones after a while; the fake
 * keeps them until {@link #resetIndexes()}.
 *
 * <p>Not thread-safe: the {@link Datacenter} lock guards every call.
 */
final class KeyValueStore {

    private final RaftIndex index;
    private final TreeMap<String, KvEntry> entries = new TreeMap<>();
    private final TreeMap<String, Long> tombstones = new TreeMap<>();

    KeyValueStore(RaftIndex index) {
        this.index = index;
    }

    Optional<KvEntry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Returns the entries whose key starts with the prefix, ordered by key. */
    List<KvEntry> list(String prefix) {
        return new ArrayList<>(withPrefix(entries, prefix).values());
    }

    /**
     * Returns the keys that start with the prefix, ordered. With a separator, each key is cut after the first
     * separator that follows the prefix, and duplicates are dropped, as a directory listing.
     */
    List<String> keys(String prefix, String separator) {
        Set<String> keys = new LinkedHashSet<>();
        for (String key : withPrefix(entries, prefix).keySet()) {
            int cut = separator.isEmpty() ? -1 : key.indexOf(separator, prefix.length());
            keys.add(cut < 0 ? key : key.substring(0, cut + separator.length()));
        }
        return new ArrayList<>(keys);
    }

    /**
     * Writes a key, or with a check-and-set index writes it only if its {@code ModifyIndex} equals that index (0:
     * only if the key does not exist). Returns whether the key was written.
     */
    boolean put(String key, byte[] value, long flags, OptionalLong checkAndSetIndex) {
        KvEntry existing = entries.get(key);
        if (checkAndSetIndex.isPresent() && !matches(existing, checkAndSetIndex.getAsLong())) {
            return false;
        }
        long written = index.next(RaftIndex.KVS);
        long createIndex = existing == null ? written : existing.createIndex();
        entries.put(key, new KvEntry(key, value, flags, createIndex, written));
        return true;
    }

    /** Deletes one key; a missing key changes nothing. */
    void delete(String key) {
        if (entries.containsKey(key)) {
            long written = index.next(RaftIndex.KVS, RaftIndex.TOMBSTONES);
            entries.remove(key);
            tombstones.put(key, written);
        }
    }

    /**
     * Deletes a key only if its {@code ModifyIndex} equals the given index, which must be above 0 for anything to
     * be deleted. Returns false when the key exists with another index; a missing key returns true.
     */
    boolean deleteIfModifyIndexIs(String key, long checkAndSetIndex) {
        KvEntry existing = entries.get(key);
        if (existing == null) {
            return true;
        }
        if (existing.modifyIndex() != checkAndSetIndex) {
            return false;
        }
        delete(key);
        return true;
    }

    /** Deletes every key that starts with the prefix, all at one index. */
    void deletePrefix(String prefix) {
        SortedMap<String, KvEntry> doomed = withPrefix(entries, prefix);
        if (doomed.isEmpty()) {
            return;
        }
        long written = index.next(RaftIndex.KVS, RaftIndex.TOMBSTONES);
        for (String key : new ArrayList<>(doomed.keySet())) {
            entries.remove(key);
            tombstones.put(key, written);
        }
    }

    /** Returns the index of a read of one key: its {@code ModifyIndex}, or the KV table index when it is missing. */
    long keyIndex(String key) {
        KvEntry entry = entries.get(key);
        return entry != null ? entry.modifyIndex() : index.maxOf(RaftIndex.KVS, RaftIndex.TOMBSTONES);
    }

    /**
     * Returns the index of a prefix read: the highest {@code ModifyIndex} or tombstone index under the prefix, or
     * the KV table index when nothing under the prefix was ever written.
     */
    long prefixIndex(String prefix) {
        long max = 0;
        for (KvEntry entry : withPrefix(entries, prefix).values()) {
            max = Math.max(max, entry.modifyIndex());
        }
        for (long deletedAt : withPrefix(tombstones, prefix).values()) {
            max = Math.max(max, deletedAt);
        }
        return max != 0 ? max : index.maxOf(RaftIndex.KVS, RaftIndex.TOMBSTONES);
    }

    /** Lowers every entry's indexes to {@link RaftIndex#RESET_INDEX} and drops the tombstones. */
    void resetIndexes() {
        entries.replaceAll((key, entry) -> entry.withIndexes(RaftIndex.RESET_INDEX, RaftIndex.RESET_INDEX));
        tombstones.clear();
    }

    private static boolean matches(KvEntry existing, long checkAndSetIndex) {
        if (checkAndSetIndex == 0) {
            return existing == null;
        }
        return existing != null && existing.modifyIndex() == checkAndSetIndex;
    }

    private static <V> SortedMap<String, V> withPrefix(TreeMap<String, V> map, String prefix) {
        SortedMap<String, V> matching = new TreeMap<>();
        for (Map.Entry<String, V> entry : map.tailMap(prefix, true).entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                break;
            }
            matching.put(entry.getKey(), entry.getValue());
        }
        return matching;
    }
}
