package io.securewatch.controlplane.drill;

import static io.securewatch.controlplane.sql.SqlValues.instant;
import static io.securewatch.controlplane.sql.SqlValues.number;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.securewatch.controlplane.audit.ChangeOrigin;
import io.securewatch.controlplane.leadership.Leadership;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Starts the practice runs of drills with a schedule, on the leader only, in each drill's own mode. Each fire is
 * claimed in a transaction of its own before its run starts. So a fire starts at most one run, even when starting
 * fails. A run whose pre-flight checks fail is recorded as failed like any other.
 */
@ApplicationScoped
public class DrillScheduler {

    private static final Logger LOG = Logger.getLogger(DrillScheduler.class);

    /** The actor of scheduled runs. */
    static final String ACTOR = "schedule";

    @Inject
    Leadership leadership;

    @Inject
    DrillRunService runs;

    @Inject
    DrillConfig config;

    @Inject
    Clock clock;

    @Scheduled(
            identity = "drill-schedules",
            every = "${securewatch.drills.schedule-check-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        if (!leadership.isLeader()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        return Panache.withSession(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(
                                        "select id, name, schedule, last_scheduled_at, created_at from drill"
                                                + " where schedule is not null order by name",
                                        Object[].class)
                                .getResultList()))
                .chain(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Object[] row : rows) {
                        chain = chain.chain(() -> fire(row, now));
                    }
                    return chain;
                });
    }

    private Uni<Void> fire(Object[] row, Instant now) {
        long id = number(row[0]);
        String drill = (String) row[1];
        var due = DrillSchedules.due(
                (String) row[2], instant(row[3]), instant(row[4]), now, config.scheduleMisfireWindow());
        if (due.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        DrillSchedules.Fire fire = due.get();
        return Panache.withTransaction(() -> leadership.fence().chain(() -> claim(id, fire.at())))
                .chain(claimed -> {
                    if (!claimed) {
                        return Uni.createFrom().voidItem();
                    }
                    if (!fire.start()) {
                        LogFields.warn(
                                LOG,
                                null,
                                "Scheduled drill run skipped because its fire time is older than the misfire window",
                                LogKeys.DRILL,
                                drill,
                                LogKeys.FIRE_TIME,
                                fire.at());
                        return Uni.createFrom().voidItem();
                    }
                    return Panache.withTransaction(() ->
                                    leadership.fence().chain(() -> runs.start(drill, null, ChangeOrigin.system(ACTOR))))
                            .invoke(run -> LogFields.info(
                                    LOG,
                                    "Scheduled drill run started",
                                    LogKeys.DRILL,
                                    drill,
                                    LogKeys.RUN,
                                    run.run(),
                                    LogKeys.STATUS,
                                    run.status().wireName()))
                            .replaceWithVoid();
                })
                .onFailure()
                .recoverWithUni(failure -> {
                    LogFields.error(
                            LOG,
                            failure,
                            "Starting a scheduled drill run failed; waiting for the next fire",
                            LogKeys.DRILL,
                            drill);
                    return Uni.createFrom().voidItem();
                });
    }

    /** Records the fire as handled; returns false when another check already did. */
    private static Uni<Boolean> claim(long drillId, Instant fireTime) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("update drill set last_scheduled_at = :fire where id = :id"
                                + " and (last_scheduled_at is null or last_scheduled_at < :fire)")
                        .setParameter("fire", fireTime)
                        .setParameter("id", drillId)
                        .executeUpdate())
                .map(updated -> updated == 1);
    }
}
