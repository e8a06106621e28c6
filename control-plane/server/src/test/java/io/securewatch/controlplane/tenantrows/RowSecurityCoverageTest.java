package io.securewatch.controlplane.tenantrows;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.securewatch.controlplane.support.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fails when a migration adds a table of tenant-owned rows without row-level security. A table counts as tenant-owned
 * when it has a column tenant_id or tenant, or hangs off a workload through workload_id. Partitions are left out: a
 * query through the partitioned table applies the partitioned table's policies, and that table is checked.
 */
@QuarkusTest
class RowSecurityCoverageTest {

    private static final String TENANT_OWNED_TABLES = "select c.relname, c.relrowsecurity, c.relforcerowsecurity,"
            + " exists (select 1 from pg_policy p where p.polrelid = c.oid)"
            + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            + " where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition"
            + " and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attnum > 0"
            + " and not a.attisdropped and a.attname in ('tenant_id', 'tenant', 'workload_id'))"
            + " order by c.relname";

    @Test
    void everyTenantOwnedTableForcesRowSecurity() throws SQLException {
        // given
        List<String> tables = new ArrayList<>();
        List<String> unprotected = new ArrayList<>();

        // when
        try (Connection connection = TestDatabase.appConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(TENANT_OWNED_TABLES)) {
            while (rows.next()) {
                String table = rows.getString(1);
                tables.add(table);
                if (!rows.getBoolean(2)) {
                    unprotected.add(table + ": row level security not enabled");
                }
                if (!rows.getBoolean(3)) {
                    unprotected.add(table + ": row level security not forced on the owner");
                }
                if (!rows.getBoolean(4)) {
                    unprotected.add(table + ": no policy");
                }
            }
        }

        // then
        assertThat(tables)
                .as("the query finds the tables of migration V15, so it still matches the schema")
                .contains("tenant_region", "workload", "scaling_policy", "audit_event", "catalog_instance");
        assertThat(unprotected)
                .as("enable and force row level security and add a policy like those of V15")
                .isEmpty();
    }

    @Test
    void tenantTableForcesRowSecurity() throws SQLException {
        try (Connection connection = TestDatabase.appConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "select relrowsecurity, relforcerowsecurity from pg_class where oid = 'tenant'::regclass")) {
            row.next();
            assertThat(row.getBoolean(1)).as("row level security enabled").isTrue();
            assertThat(row.getBoolean(2)).as("row level security forced").isTrue();
        }
    }
}
