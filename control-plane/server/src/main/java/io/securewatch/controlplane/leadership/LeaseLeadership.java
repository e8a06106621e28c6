package io.securewatch.controlplane.leadership;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Leadership through a lease in PostgreSQL that every replica renews or tries to take. The holder leads until its
 * lease expires; each change of holder raises the lease's epoch, and leader-only writes call {@link #fence} in their
 * transaction, so that a deposed leader that wakes up late cannot write under its old epoch. Expiry uses the
 * database's clock, so replicas need no synchronised clocks. A replica counts its own lease as valid only until the
 * lease time has passed since it sent its last successful renewal, measured on its monotonic clock.
 */
@ApplicationScoped
public class LeaseLeadership implements Leadership {

    private static final Logger LOG = Logger.getLogger(LeaseLeadership.class);

    /** The one lease of the control plane. */
    static final String LEASE = "control-plane";

    @Inject
    LeadershipConfig config;

    @Inject
    ReplicaIdentity replica;

    @Inject
    MeterRegistry meters;

    @Inject
    Event<LeadershipChanged> changed;

    private volatile long epoch;
    private volatile long validUntilNanos;
    private volatile boolean stopping;

    /** Whether the last announced change made this replica the leader. */
    private boolean announced;

    private Counter changes;

    @PostConstruct
    void registerMetrics() {
        meters.gauge("securewatch.leadership.leader", this, leadership -> leadership.isLeader() ? 1 : 0);
        changes = meters.counter("securewatch.leadership.changes");
    }

    @Override
    public boolean isLeader() {
        return epoch > 0 && System.nanoTime() - validUntilNanos < 0;
    }

    /** Returns the epoch of the lease this replica holds, or 0 when it does not lead. */
    public long epoch() {
        return isLeader() ? epoch : 0;
    }

    @Override
    public Uni<Void> fence() {
        long held = epoch();
        if (held == 0) {
            return Uni.createFrom().failure(new FencedOutException(replica.id(), 0));
        }
        // FOR SHARE makes a takeover wait until this transaction ends, so no write of the old epoch lands after it.
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select epoch from leader_lease where name = :name and holder = :holder"
                                        + " and epoch = :epoch and expires_at > now() for share",
                                Long.class)
                        .setParameter("name", LEASE)
                        .setParameter("holder", replica.id())
                        .setParameter("epoch", held)
                        .getResultList())
                .invoke(rows -> {
                    if (rows.isEmpty()) {
                        throw new FencedOutException(replica.id(), held);
                    }
                })
                .replaceWithVoid();
    }

    @Scheduled(
            identity = "leader-lease",
            every = "${securewatch.leadership.renew-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> renew() {
        if (stopping) {
            return Uni.createFrom().voidItem();
        }
        long sentAt = System.nanoTime();
        return Panache.withTransaction(() -> acquireOrRenew())
                .invoke(rows -> update(rows.isEmpty() ? 0 : rows.get(0), sentAt))
                .onFailure()
                .recoverWithItem(failure -> {
                    LogFields.warn(
                            LOG,
                            failure,
                            "Renewing the leader lease failed; retrying next interval",
                            LogKeys.REPLICA,
                            replica.id());
                    announce(epoch);
                    return null;
                })
                .replaceWithVoid();
    }

    /** Takes the lease when it is free or expired, renews it when this replica holds it, and returns its epoch. */
    Uni<List<Long>> acquireOrRenew() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "insert into leader_lease (name, holder, epoch, acquired_at, renewed_at, expires_at)"
                                        + " values (:name, :holder, 1, now(), now(), now() + :lease * interval '1"
                                        + " millisecond') on conflict (name) do update set holder = excluded.holder,"
                                        + " epoch = case when leader_lease.holder = excluded.holder and"
                                        + " leader_lease.expires_at > now() then leader_lease.epoch"
                                        + " else leader_lease.epoch + 1 end,"
                                        + " acquired_at = case when leader_lease.holder = excluded.holder and"
                                        + " leader_lease.expires_at > now() then leader_lease.acquired_at"
                                        + " else now() end,"
                                        + " renewed_at = now(), expires_at = excluded.expires_at"
                                        + " where leader_lease.holder = excluded.holder"
                                        + " or leader_lease.expires_at <= now() returning epoch",
                                Long.class)
                        .setParameter("name", LEASE)
                        .setParameter("holder", replica.id())
                        .setParameter("lease", config.leaseTime().toMillis())
                        .getResultList());
    }

    /** Records the outcome of a renewal sent at {@code sentAt}, and logs and counts a change of leadership. */
    void update(long newEpoch, long sentAt) {
        long previous = epoch;
        if (newEpoch > 0) {
            validUntilNanos = sentAt + config.leaseTime().toNanos();
        }
        epoch = newEpoch;
        announce(previous);
    }

    /**
     * Logs, counts and fires a change of leadership since the last announcement, including a lease that lapsed
     * because renewals failed.
     */
    private synchronized void announce(long previous) {
        boolean leading = isLeader();
        if (leading && !announced) {
            changes.increment();
            LogFields.info(LOG, "Leadership acquired", LogKeys.REPLICA, replica.id(), LogKeys.EPOCH, epoch);
            changed.fire(new LeadershipChanged(true, epoch));
        } else if (!leading && announced) {
            changes.increment();
            LogFields.warn(LOG, null, "Leadership lost", LogKeys.REPLICA, replica.id(), LogKeys.EPOCH, previous);
            changed.fire(new LeadershipChanged(false, 0));
        } else if (leading && epoch != previous) {
            changes.increment();
            LogFields.warn(
                    LOG,
                    null,
                    "Leadership renewed under a new epoch",
                    LogKeys.REPLICA,
                    replica.id(),
                    LogKeys.EPOCH,
                    epoch);
        }
        announced = leading;
    }

    /** Gives the lease up at shutdown, so that another replica takes over at its next renewal. */
    Uni<Void> release() {
        stopping = true;
        boolean led = isLeader();
        epoch = 0;
        if (!led) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(
                                        "update leader_lease set expires_at = now() where name = :name"
                                                + " and holder = :holder")
                                .setParameter("name", LEASE)
                                .setParameter("holder", replica.id())
                                .executeUpdate()))
                .invoke(() -> LogFields.info(LOG, "Leadership released", LogKeys.REPLICA, replica.id()))
                .replaceWithVoid();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        try {
            VertxContextSupport.subscribeAndAwait(this::release);
        } catch (Throwable failure) {
            // The lease then expires on its own, one lease time after the last renewal.
            LogFields.warn(LOG, failure, "Releasing the leader lease failed", LogKeys.REPLICA, replica.id());
        }
    }
}
