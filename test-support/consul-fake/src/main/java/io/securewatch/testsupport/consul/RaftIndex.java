package io.securewatch.testsupport.consul;

import java.util.HashMap;
import java.util.Map;

/**
 * The datacenter's Raft index and the last index that changed each state table, from which the endpoints derive
 * their {@code X-Consul-Index} as Consul's state store does. Not thread-safe: the {@link Datacenter} lock guards it.
 */
final class RaftIndex {

    static final String NODES = "nodes";
    static final String SERVICES = "services";
    static final String CHECKS = "checks";
    static final String KVS = "kvs";
    static final String TOMBSTONES = "tombstones";
    static final String CONFIG_ENTRIES = "config-entries";

    /** The index every stored index is lowered to by {@link #reset()}. */
    static final long RESET_INDEX = 1;

    private long current;
    private final Map<String, Long> tableIndexes = new HashMap<>();

    /** Advances the Raft index by one write and records it as the last change of the given tables. */
    long next(String... tables) {
        current++;
        for (String table : tables) {
            tableIndexes.put(table, current);
        }
        return current;
    }

    long current() {
        return current;
    }

    /** Returns the highest index among the given tables, or 0 when none of them was ever written. */
    long maxOf(String... tables) {
        long max = 0;
        for (String table : tables) {
            max = Math.max(max, tableIndexes.getOrDefault(table, 0L));
        }
        return max;
    }

    /** Lowers the Raft index and every table index to {@link #RESET_INDEX}, as a snapshot restore would. */
    void reset() {
        current = RESET_INDEX;
        tableIndexes.replaceAll((table, index) -> RESET_INDEX);
    }
}
