package io.securewatch.controlplane.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.controlplane.json.CanonicalJson;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Records audit events. Call it inside the transaction of the change, so that the change and its event are
 * committed or rolled back together.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    @Inject
    Clock clock;

    /**
     * Adds an event to the current Hibernate transaction.
     *
     * @param before API representation of the object before the change, null on create
     * @param after API representation after the change, null on delete
     * @param tenant slug of the tenant the object belongs to, null for platform objects
     */
    public Uni<Void> record(
            ChangeOrigin origin,
            AuditAction action,
            ObjectKind objectKind,
            String objectId,
            String tenant,
            Object before,
            Object after) {
        AuditEventEntity event = event(origin, action, objectKind, objectId, tenant, before, after);
        // NOTE: flushed at once, because an insert left unflushed at the end of work run through
        // Panache.withTransaction was not written at commit; the cause is not known.
        return Panache.getSession()
                .flatMap(session -> session.persist(event).call(session::flush))
                .invoke(() -> logChange(event));
    }

    /**
     * Adds an event through a reactive SQL connection, for changes made outside Hibernate, such as agent
     * registrations over gRPC. Pass the connection of the change's transaction.
     */
    public Uni<Void> record(
            SqlClient connection,
            ChangeOrigin origin,
            AuditAction action,
            ObjectKind objectKind,
            String objectId,
            String tenant,
            Object before,
            Object after) {
        AuditEventEntity event = event(origin, action, objectKind, objectId, tenant, before, after);
        Tuple values = Tuple.tuple()
                .addOffsetDateTime(OffsetDateTime.ofInstant(event.occurredAt, ZoneOffset.UTC))
                .addString(event.actor)
                .addString(event.action)
                .addString(event.objectKind)
                .addString(event.objectId)
                .addString(event.tenant)
                .addString(event.requestId)
                .addString(event.sourceAddress)
                .addString(event.beforeDigest)
                .addString(event.afterDigest)
                .addString(event.beforeState == null ? null : CanonicalJson.write(event.beforeState))
                .addString(event.afterState == null ? null : CanonicalJson.write(event.afterState));
        return connection
                .preparedQuery("insert into audit_event (occurred_at, actor, action, object_kind, object_id, tenant,"
                        + " request_id, source_address, before_digest, after_digest, before_state, after_state)"
                        + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, cast(cast($11 as text) as jsonb),"
                        + " cast(cast($12 as text) as jsonb))")
                .execute(values)
                .invoke(() -> logChange(event))
                .replaceWithVoid();
    }

    private AuditEventEntity event(
            ChangeOrigin origin,
            AuditAction action,
            ObjectKind objectKind,
            String objectId,
            String tenant,
            Object before,
            Object after) {
        AuditEventEntity event = new AuditEventEntity();
        event.occurredAt = clock.instant();
        event.actor = origin.actor();
        event.action = action.wireName();
        event.objectKind = objectKind.wireName();
        event.objectId = objectId;
        event.tenant = tenant;
        event.requestId = origin.requestId();
        event.sourceAddress = origin.sourceAddress();
        if (before != null) {
            event.beforeState = CanonicalJson.toMap(before);
            event.beforeDigest = CanonicalJson.sha256(before);
        }
        if (after != null) {
            event.afterState = CanonicalJson.toMap(after);
            event.afterDigest = CanonicalJson.sha256(after);
        }
        return event;
    }

    private static void logChange(AuditEventEntity event) {
        LogFields.info(
                LOG,
                "Object changed",
                LogKeys.ACTION,
                event.action,
                LogKeys.OBJECT_KIND,
                event.objectKind,
                LogKeys.OBJECT_ID,
                event.objectId,
                LogKeys.TENANT,
                event.tenant,
                LogKeys.ACTOR,
                event.actor,
                LogKeys.REQUEST_ID,
                event.requestId);
    }
}
