package io.securewatch.controlplane.idempotency;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Queries over stored idempotent responses. */
@ApplicationScoped
public class IdempotencyRecordRepository implements PanacheRepositoryBase<IdempotencyRecordEntity, Long> {

    public Uni<IdempotencyRecordEntity> find(String actor, String key) {
        return find("actor = ?1 and idempotencyKey = ?2", actor, key).firstResult();
    }

    public Uni<Long> deleteExpired(Instant now) {
        return delete("expiresAt <= ?1", now);
    }
}
