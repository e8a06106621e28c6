package io.securewatch.controlplane.idempotency;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.securewatch.controlplane.leadership.Leadership;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Deletes stored idempotent responses whose retention has ended; only the leader does, under the lease's fence. */
@ApplicationScoped
public class IdempotencyRecordCleanup {

    private static final Logger LOG = Logger.getLogger(IdempotencyRecordCleanup.class);

    @Inject
    IdempotencyRecordRepository records;

    @Inject
    Clock clock;

    @Inject
    Leadership leadership;

    @Scheduled(every = "${securewatch.idempotency.cleanup-interval:1h}", delayed = "1m")
    Uni<Void> deleteExpired() {
        if (!leadership.isLeader()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> leadership.fence().chain(() -> records.deleteExpired(clock.instant())))
                .invoke(deleted -> LogFields.debug(LOG, "Expired idempotency records deleted", LogKeys.COUNT, deleted))
                .onFailure()
                .invoke(error ->
                        LogFields.warn(LOG, error, "Deleting expired idempotency records failed; retrying next run"))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }
}
