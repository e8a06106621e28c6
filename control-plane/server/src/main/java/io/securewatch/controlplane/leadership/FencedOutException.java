package io.securewatch.controlplane.leadership;

/**
 * A leader-only write that this replica may no longer make: it does not hold the leader lease, or holds an older epoch
 * than the lease has now. The write's transaction rolls back.
 */
public class FencedOutException extends RuntimeException {

    public FencedOutException(String replica, long epoch) {
        super("replica " + replica + " no longer holds the leader lease" + (epoch == 0 ? "" : " of epoch " + epoch)
                + "; its leader-only write is rejected");
    }
}
