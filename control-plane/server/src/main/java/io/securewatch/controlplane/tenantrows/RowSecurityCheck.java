package io.securewatch.controlplane.tenantrows;

import io.quarkus.runtime.StartupEvent;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Warns at start-up when the application's database role skips row-level security: PostgreSQL applies no policy to a
 * superuser or to a role with BYPASSRLS, so tenant rows are then kept apart by the services' own checks only. The
 * check runs in the background and never holds up or fails the start.
 */
@ApplicationScoped
public class RowSecurityCheck {

    private static final Logger LOG = Logger.getLogger(RowSecurityCheck.class);

    @Inject
    Pool pool;

    /** Attributes of the role the application connects as. */
    record DatabaseRole(String name, boolean superuser, boolean bypassRls) {

        /** Tells whether PostgreSQL skips the row-level security policies for this role. */
        boolean skipsRowSecurity() {
            return superuser || bypassRls;
        }
    }

    void onStart(@Observes StartupEvent event) {
        currentRole()
                .subscribe()
                .with(
                        this::warnIfSkipped,
                        failure -> LogFields.warn(
                                LOG, failure, "Checking whether the database role skips row-level security failed"));
    }

    /** Reads the attributes of the role the pool connects as. */
    Uni<DatabaseRole> currentRole() {
        return pool.query("select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user")
                .execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new DatabaseRole(row.getString(0), row.getBoolean(1), row.getBoolean(2));
                });
    }

    void warnIfSkipped(DatabaseRole role) {
        if (role.skipsRowSecurity()) {
            LogFields.warn(
                    LOG,
                    null,
                    "Database role skips row-level security, so tenant rows are isolated by the services' checks"
                            + " only; connect as a role without SUPERUSER and BYPASSRLS",
                    LogKeys.ROLE,
                    role.name(),
                    LogKeys.SUPERUSER,
                    role.superuser(),
                    LogKeys.BYPASS_RLS,
                    role.bypassRls());
        }
    }
}
