package io.securewatch.controlplane.tenantrows;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;
import org.hibernate.FlushMode;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Reads and writes the PostgreSQL setting {@value #NAME}, which the row-level security policies of migration V15
 * read: a tenant slug limits every statement of the database session to that tenant's rows, and an unset or empty
 * setting admits every row. The setting belongs to the database session, that is the pooled connection, so code that
 * sets it must reset it before the connection goes back to the pool.
 */
public final class TenantRowSetting {

    /** Name of the setting. PostgreSQL accepts custom settings whose names contain a dot. */
    public static final String NAME = "securewatch.tenant";

    private static final Logger LOG = Logger.getLogger(TenantRowSetting.class);

    private TenantRowSetting() {}

    /**
     * Runs work that needs every tenant's rows inside the current session, such as compiling the desired state of a
     * cluster that several tenants share. When the session is limited to one tenant, the limit is lifted for the work
     * and restored when the work ends, also when it fails. Without a limit the work runs as it is.
     */
    public static <T> Uni<T> withAllTenants(Supplier<Uni<T>> work) {
        return Panache.getSession()
                .chain(session -> current(session).chain(tenant -> {
                    if (tenant == null) {
                        return work.get();
                    }
                    return set(session, "")
                            .chain(work::get)
                            .onItemOrFailure()
                            .transformToUni((item, failure) -> finish(session, tenant, tenant, item, failure));
                }));
    }

    /** Limits the session to the tenant's rows. */
    static Uni<Void> limit(Mutiny.Session session, String tenant) {
        return set(session, tenant);
    }

    /**
     * Emits the item or failure of the work after setting the setting back to {@code restored}. A failed reset fails
     * a successful result. After a failure of the work, that failure is emitted and a failed reset is only logged.
     * Inside a transaction the log is at DEBUG, because the failure has usually aborted the transaction, and the
     * rollback undoes the earlier change of the setting anyway. Outside a transaction it is at WARN.
     *
     * @param tenant the tenant the session was limited to, for the log
     */
    static <T> Uni<T> finish(Mutiny.Session session, String restored, String tenant, T item, Throwable failure) {
        if (failure == null) {
            return set(session, restored).replaceWith(item);
        }
        return set(session, restored)
                .onFailure()
                .recoverWithUni(resetFailure -> {
                    boolean inTransaction = session.isOpen() && session.currentTransaction() != null;
                    LogFields.log(
                            LOG,
                            inTransaction ? Logger.Level.DEBUG : Logger.Level.WARN,
                            resetFailure,
                            "Resetting the tenant row setting failed after the work had failed",
                            LogKeys.TENANT,
                            tenant);
                    return Uni.createFrom().voidItem();
                })
                .chain(() -> Uni.createFrom().failure(failure));
    }

    /** Returns the tenant the session is limited to, or null when it is not limited. */
    static Uni<String> current(Mutiny.Session session) {
        return session.createNativeQuery("select nullif(current_setting(:name, true), '')", String.class)
                .setParameter("name", NAME)
                .setFlushMode(FlushMode.MANUAL)
                .getSingleResultOrNull();
    }

    /**
     * Sets the setting for the rest of the database session, where an empty value removes the limit. The statement
     * touches no table, so it does not flush pending entity changes first. Inside a transaction, a rollback undoes
     * the change.
     */
    private static Uni<Void> set(Mutiny.Session session, String value) {
        return session.createNativeQuery("select set_config(:name, :value, false)", String.class)
                .setParameter("name", NAME)
                .setParameter("value", value)
                .setFlushMode(FlushMode.MANUAL)
                .getSingleResult()
                .replaceWithVoid();
    }
}
