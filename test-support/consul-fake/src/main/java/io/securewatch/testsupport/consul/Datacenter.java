package io.securewatch.testsupport.consul;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The whole state of one fake Consul datacenter: its Raft index, catalog, KV store and config entries.
 *
 * <p>One lock guards all of it. Endpoints and the test API reach the stores only through {@link #read} and
 * {@link #write}, so each request reads one consistent state and one index. After a write that advanced the index,
 * the listeners run outside the lock, so that blocking queries can re-read the state.
 */
final class Datacenter {

    /** Observes state changes; called outside the lock, on the thread that wrote. */
    interface Listener {
        /** Called after a write that advanced the Raft index. */
        void changed();

        /** Called after {@link #resetIndex()}, like the abandoned watches after a Consul snapshot restore. */
        void indexReset();
    }

    private final String name;
    private final RaftIndex index = new RaftIndex();
    private final Catalog catalog;
    private final KeyValueStore keyValueStore = new KeyValueStore(index);
    private final ConfigEntryStore configEntries = new ConfigEntryStore(index);
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    Datacenter(String name, String nodeName, String nodeId, Catalog.TtlScheduler ttlScheduler) {
        this.name = name;
        this.catalog = new Catalog(index, ttlScheduler, name, nodeName, nodeId);
    }

    String name() {
        return name;
    }

    void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Runs a read under the lock. */
    synchronized <T> T read(Function<Datacenter, T> reader) {
        return reader.apply(this);
    }

    /** Runs a write under the lock, then notifies the listeners if it advanced the Raft index. */
    <T> T write(Function<Datacenter, T> writer) {
        T result;
        boolean changed;
        synchronized (this) {
            long before = index.current();
            result = writer.apply(this);
            changed = index.current() != before;
        }
        if (changed) {
            listeners.forEach(Listener::changed);
        }
        return result;
    }

    void update(Consumer<Datacenter> writer) {
        write(datacenter -> {
            writer.accept(datacenter);
            return null;
        });
    }

    /**
     * Lowers the Raft index and every stored index to {@link RaftIndex#RESET_INDEX} while keeping the data, so
     * every later response carries a lower index than before, as after a Consul snapshot restore.
     */
    void resetIndex() {
        synchronized (this) {
            index.reset();
            catalog.resetIndexes();
            keyValueStore.resetIndexes();
            configEntries.resetIndexes();
        }
        listeners.forEach(Listener::indexReset);
    }

    // The accessors below are for code already running inside read() or write().

    RaftIndex index() {
        return index;
    }

    Catalog catalog() {
        return catalog;
    }

    KeyValueStore keyValueStore() {
        return keyValueStore;
    }

    ConfigEntryStore configEntries() {
        return configEntries;
    }
}
