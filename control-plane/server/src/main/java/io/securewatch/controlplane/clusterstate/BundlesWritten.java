package io.securewatch.controlplane.clusterstate;

import java.util.List;

/**
 * CDI event fired when new bundles have been written inside a transaction that has not committed yet. Observers
 * may keep them, keyed by cluster, revision and content hash: a rolled-back bundle then never matches what a
 * committed revision names.
 */
public record BundlesWritten(List<Written> bundles) {

    /** One written bundle and the id of its cluster. */
    public record Written(long clusterId, StoredBundle bundle) {}
}
