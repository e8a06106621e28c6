package io.securewatch.controlplane.agentchannel;

import io.securewatch.controlplane.clusterstate.BundlesWritten;
import io.securewatch.controlplane.clusterstate.StoredBundle;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parsed bundles by cluster, revision and content hash, shared by the streams of this replica. A stored bundle never
 * changes, so entries need no invalidation; the least recently used ones are dropped beyond {@link #CAPACITY}.
 * Bundles this replica writes are added before their transaction commits, which is safe because a stream looks
 * them up with the hash of a committed revision: a rolled-back bundle never matches one.
 */
@ApplicationScoped
public class BundleCache {

    /** Two revisions for each of several thousand clusters. */
    static final int CAPACITY = 8192;

    @Inject
    AgentStateStore state;

    private final Map<String, StoredBundle> bundles = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StoredBundle> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Keeps bundles that this replica just wrote, so that its own streams need not read them back. */
    void onWritten(@Observes BundlesWritten event) {
        synchronized (bundles) {
            for (BundlesWritten.Written written : event.bundles()) {
                bundles.put(
                        key(
                                written.clusterId(),
                                written.bundle().revision(),
                                written.bundle().contentHash()),
                        written.bundle());
            }
        }
    }

    /**
     * Returns the bundle of the revision, or null when it is not (or no longer) stored.
     *
     * @param contentHash the hash the revision must have, or null when unknown
     */
    Uni<StoredBundle> get(long clusterId, String cluster, long revision, String contentHash) {
        if (contentHash != null) {
            StoredBundle cached;
            synchronized (bundles) {
                cached = bundles.get(key(clusterId, revision, contentHash));
            }
            if (cached != null) {
                return Uni.createFrom().item(cached);
            }
        }
        return state.bundleAt(clusterId, cluster, revision).invoke(loaded -> {
            if (loaded != null) {
                synchronized (bundles) {
                    bundles.put(key(clusterId, revision, loaded.contentHash()), loaded);
                }
            }
        });
    }

    private static String key(long clusterId, long revision, String contentHash) {
        return clusterId + "@" + revision + "#" + contentHash;
    }
}
