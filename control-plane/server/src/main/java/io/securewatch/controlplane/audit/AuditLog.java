package io.securewatch.controlplane.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.controlplane.json.CanonicalJson;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
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
     * Adds an event to the current transaction.
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
        return Panache.getSession()
                .flatMap(session -> session.persist(event))
                .invoke(() -> LogFields.info(
                        LOG,
                        "Object changed",
                        LogKeys.ACTION,
                        action.wireName(),
                        LogKeys.OBJECT_KIND,
                        objectKind.wireName(),
                        LogKeys.OBJECT_ID,
                        objectId,
                        LogKeys.TENANT,
                        tenant,
                        LogKeys.ACTOR,
                        origin.actor(),
                        LogKeys.REQUEST_ID,
                        origin.requestId()));
    }
}
