package io.securewatch.controlplane.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Creates the monthly partitions of the audit table ahead of time. An audit event for a month without a
 * partition cannot be stored, so the change it belongs to fails with it. Running hourly with several months of
 * lead leaves ample time to notice a failing job.
 */
@ApplicationScoped
public class AuditPartitionMaintenance {

    private static final Logger LOG = Logger.getLogger(AuditPartitionMaintenance.class);

    @Inject
    Clock clock;

    @Inject
    Config config;

    @Scheduled(
            identity = "audit-partitions",
            every = "${securewatch.audit.partition-check-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> ensurePartitions() {
        return createAhead()
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
                .invoke(error -> LogFields.error(LOG, error, "Creating audit partitions failed; retrying next run"))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Creates the partitions from the current month to {@code monthsAhead} months later; returns how many. */
    public Uni<Integer> createAhead() {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select ensure_audit_event_partitions(cast(:now as timestamptz), :months)",
                                Integer.class)
                        .setParameter("now", clock.instant())
                        .setParameter("months", config.monthsAhead())
                        .getSingleResult()));
    }

    /** Audit table maintenance. */
    @ConfigMapping(prefix = "securewatch.audit")
    public interface Config {

        /** Months after the current one that always have a partition. */
        @WithDefault("3")
        @Min(1)
        @Max(24)
        int monthsAhead();

        /** How often the partitions are checked, as a Quarkus scheduler interval such as {@code 1h}. */
        @WithDefault("1h")
        String partitionCheckInterval();
    }
}
