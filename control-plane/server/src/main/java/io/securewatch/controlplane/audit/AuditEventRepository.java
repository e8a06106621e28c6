package io.securewatch.controlplane.audit;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Queries over audit events, newest first. */
@ApplicationScoped
public class AuditEventRepository implements PanacheRepositoryBase<AuditEventEntity, Long> {

    /** Returns up to {@code limit} events older than the cursor position that match the filter. */
    Uni<List<AuditEventEntity>> page(Optional<AuditCursor> after, int limit, AuditFilter filter) {
        StringBuilder query = new StringBuilder("from AuditEventEntity e where 1 = 1");
        Parameters parameters = new Parameters();
        after.ifPresent(cursor -> {
            query.append(" and (e.occurredAt < :cursorTime or (e.occurredAt = :cursorTime and e.id < :cursorId))");
            parameters.and("cursorTime", cursor.occurredAt()).and("cursorId", cursor.id());
        });
        condition(query, parameters, "e.objectKind = :objectKind", "objectKind", filter.objectKind());
        condition(query, parameters, "e.objectId = :objectId", "objectId", filter.objectId());
        condition(query, parameters, "e.actor = :actor", "actor", filter.actor());
        condition(query, parameters, "e.action = :action", "action", filter.action());
        condition(query, parameters, "e.tenant = :tenant", "tenant", filter.tenant());
        condition(query, parameters, "e.occurredAt >= :since", "since", filter.since());
        condition(query, parameters, "e.occurredAt < :until", "until", filter.until());
        query.append(" order by e.occurredAt desc, e.id desc");
        return find(query.toString(), parameters).range(0, limit - 1).list();
    }

    private static void condition(
            StringBuilder query, Parameters parameters, String clause, String name, Optional<?> value) {
        value.ifPresent(present -> {
            query.append(" and ").append(clause);
            parameters.and(name, present);
        });
    }

    /** Filters of the audit event list; all given ones must hold. */
    record AuditFilter(
            Optional<String> objectKind,
            Optional<String> objectId,
            Optional<String> actor,
            Optional<String> action,
            Optional<String> tenant,
            Optional<Instant> since,
            Optional<Instant> until) {}

    /** Position after the last event of a page. */
    record AuditCursor(Instant occurredAt, long id) {}
}
