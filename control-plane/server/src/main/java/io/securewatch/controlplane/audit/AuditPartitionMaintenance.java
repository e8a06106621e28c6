package io.securewatch.controlplane.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.securewatch.controlplane.leadership.Leadership;
import io.securewatch.controlplane.leadership.LeadershipChanged;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Creates the monthly partitions of the audit table ahead of time. An audit event for a month without a
 * partition cannot be stored, so the change it belongs to fails with it. Running hourly with several months of
 * lead leaves ample time to notice a failing job. Only the leader runs it, under the lease's fence, and a replica
 * that becomes leader runs it within a tick, so that replicas restarting more often than hourly still keep it up.
 */
@ApplicationScoped
public class AuditPartitionMaintenance {

    private static final Logger LOG = Logger.getLogger(AuditPartitionMaintenance.class);

    @Inject
    Clock clock;

    @Inject
    Config config;

    @Inject
    Leadership leadership;

    /** Whether the next tick on the leader checks the partitions whatever the time since the last check. */
    private volatile boolean due = true;

    /** When this replica last checked the partitions, on its monotonic clock. */
    private volatile long checkedAtNanos;

    void onLeadershipChange(@Observes LeadershipChanged change) {
        if (change.leader()) {
            due = true;
        }
    }

    @Scheduled(identity = "audit-partitions", every = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        Duration sinceCheck = Duration.ofNanos(System.nanoTime() - checkedAtNanos);
        if (!checkNow(leadership.isLeader(), due, sinceCheck, config.partitionCheckInterval())) {
            return Uni.createFrom().voidItem();
        }
        due = false;
        checkedAtNanos = System.nanoTime();
        return ensurePartitions();
    }

    /**
     * Returns whether a tick checks the partitions: only on the leader, and there when it has just become leader, a
     * check failed, or the interval has passed since the last check.
     */
    static boolean checkNow(boolean leader, boolean due, Duration sinceCheck, Duration interval) {
        return leader && (due || sinceCheck.compareTo(interval) >= 0);
    }

    /** Creates the missing partitions as the leader, and logs the outcome. */
    Uni<Void> ensurePartitions() {
        return Panache.withTransaction(() -> leadership.fence().chain(this::createInTransaction))
                .invoke(created -> {
                    if (created > 0) {
                        LogFields.info(
                                LOG,
                                "Audit partitions created",
                                LogKeys.COUNT,
                                created,
                                LogKeys.MONTHS_AHEAD,
                                config.monthsAhead());
                    }
                })
                .onFailure()
                .invoke(error -> {
                    due = true;
                    LogFields.error(LOG, error, "Creating audit partitions failed; retrying next tick");
                })
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Creates the partitions from the current month to {@code monthsAhead} months later; returns how many. */
    public Uni<Integer> createAhead() {
        return Panache.withTransaction(this::createInTransaction);
    }

    private Uni<Integer> createInTransaction() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select ensure_audit_event_partitions(cast(:now as timestamptz), :months)",
                                Integer.class)
                        .setParameter("now", clock.instant())
                        .setParameter("months", config.monthsAhead())
                        .getSingleResult());
    }

    /** Audit table maintenance. */
    @ConfigMapping(prefix = "securewatch.audit")
    public interface Config {

        /** Months after the current one that always have a partition. */
        @WithDefault("3")
        @Min(1)
        @Max(24)
        int monthsAhead();

        /** How often the leader checks the partitions; a new leader checks them within 10 seconds. */
        @WithDefault("1h")
        Duration partitionCheckInterval();
    }
}
