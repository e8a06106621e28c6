package io.securewatch.controlplane.tenant.provisioning;

import static io.securewatch.controlplane.sql.SqlValues.instant;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.controlplane.identity.IdentityRefs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Reads and writes {@code tenant_identity} in the caller's session. */
@ApplicationScoped
public class TenantIdentityStore {

    private static final String COLUMNS =
            "slug, display_name, admin_email, organization_id, group_id, client_id, admin_user_id, remove_after";

    @Inject
    Clock clock;

    /**
     * A tenant's identity as recorded.
     *
     * @param removeAfter when a deleted tenant's identity is due for removal, or null while the tenant exists
     */
    public record Record(String slug, String displayName, String adminEmail, IdentityRefs refs, Instant removeAfter) {}

    /**
     * Records a new tenant's identity before any of it exists in Keycloak. It is recorded also when the control plane
     * provisions no identities, so that the first administrator is known once it does.
     */
    public Uni<Void> create(String slug, String displayName, String adminEmail) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "insert into tenant_identity (slug, display_name, admin_email, updated_at)"
                                        + " values (:slug, :name, :email, :now)")
                        .setParameter("slug", slug)
                        .setParameter("name", displayName)
                        .setParameter("email", adminEmail)
                        .setParameter("now", clock.instant())
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Returns the identity recorded for a slug, or null. */
    public Uni<Record> find(String slug) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select " + COLUMNS + " from tenant_identity where slug = :slug", Object[].class)
                        .setParameter("slug", slug)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : toRecord(rows.get(0)));
    }

    /** Returns the identity of a tenant, recording one without an administrator when there is none yet. */
    public Uni<Record> findOrCreate(String slug, String displayName) {
        return find(slug)
                .chain(found -> found != null
                        ? Uni.createFrom().item(found)
                        : create(slug, displayName, null).chain(() -> find(slug)));
    }

    /** Saves the ids of the tenant's objects and, for a deleted tenant, when they are removed. */
    public Uni<Void> update(String slug, IdentityRefs refs, Instant removeAfter) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "update tenant_identity set organization_id = :organization, group_id = :group,"
                                        + " client_id = :client, admin_user_id = :admin,"
                                        + " remove_after = coalesce(:removeAfter, remove_after), updated_at = :now"
                                        + " where slug = :slug")
                        .setParameter("organization", refs.organizationId())
                        .setParameter("group", refs.groupId())
                        .setParameter("client", refs.clientId())
                        .setParameter("admin", refs.adminUserId())
                        .setParameter("removeAfter", removeAfter)
                        .setParameter("now", clock.instant())
                        .setParameter("slug", slug)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Returns the identities of deleted tenants whose retention has passed. */
    public Uni<List<Record>> expired(Instant now) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select " + COLUMNS + " from tenant_identity where remove_after <= :now"
                                        + " and not exists (select 1 from tenant t where t.slug = tenant_identity.slug)"
                                        + " order by remove_after",
                                Object[].class)
                        .setParameter("now", now)
                        .setMaxResults(20)
                        .getResultList())
                .map(rows -> rows.stream().map(TenantIdentityStore::toRecord).toList());
    }

    /**
     * Forgets a removed tenant's identity record unless its identity is kept for a retention period, as a deletion
     * without an identity step leaves it.
     */
    public Uni<Void> deleteUnlessRetained(String slug) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "delete from tenant_identity where slug = :slug and remove_after is null")
                        .setParameter("slug", slug)
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Void> delete(String slug) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("delete from tenant_identity where slug = :slug")
                        .setParameter("slug", slug)
                        .executeUpdate())
                .replaceWithVoid();
    }

    private static Record toRecord(Object[] row) {
        return new Record(
                (String) row[0],
                (String) row[1],
                (String) row[2],
                new IdentityRefs((String) row[3], (String) row[4], (String) row[5], (String) row[6]),
                instant(row[7]));
    }
}
