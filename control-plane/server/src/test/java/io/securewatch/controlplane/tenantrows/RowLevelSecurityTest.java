package io.securewatch.controlplane.tenantrows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.quarkus.test.junit.QuarkusTest;
import io.securewatch.controlplane.support.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks the row-level security policies of migration V15 with plain SQL, as the application's role, which owns the
 * tables. Every query here deliberately lacks a tenant filter, so only the policies can limit what it returns. Each
 * test runs in a transaction that is rolled back, with a workload, scaling policy, routing policy and catalog instance
 * for each of acme and globex inserted at the start.
 */
@QuarkusTest
class RowLevelSecurityTest {

    /** SQL state of "new row violates row-level security policy". */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private Connection connection;
    private long acmeId;
    private long globexId;
    private String acmeWorkload;
    private String globexWorkload;
    private long acmeWorkloadId;
    private long globexWorkloadId;

    @BeforeEach
    void insertRowsOfTwoTenants() throws SQLException {
        connection = TestDatabase.appConnection();
        connection.setAutoCommit(false);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        acmeId = number("select id from tenant where slug = 'acme'");
        globexId = number("select id from tenant where slug = 'globex'");
        acmeWorkload = "rls-" + suffix + "-acme";
        globexWorkload = "rls-" + suffix + "-globex";
        acmeWorkloadId = insertWorkload(acmeWorkload, acmeId, "tenant-acme", suffix);
        globexWorkloadId = insertWorkload(globexWorkload, globexId, "tenant-globex", suffix);
        insertCatalogInstance("rls-" + suffix + "-acme-svc", "acme");
        insertCatalogInstance("rls-" + suffix + "-globex-svc", "globex");
    }

    @AfterEach
    void rollBack() throws SQLException {
        connection.rollback();
        connection.close();
    }

    @Test
    void limitedSessionSeesOnlyItsTenantsRows() throws SQLException {
        // when
        limitTo("acme");

        // then
        assertThat(strings("select slug from tenant")).containsExactly("acme");
        assertThat(numbers("select distinct tenant_id from tenant_region")).containsExactly(acmeId);
        assertThat(strings("select name from workload"))
                .contains(acmeWorkload)
                .doesNotContain(globexWorkload, "securewatch-api");
        assertThat(numbers("select distinct tenant_id from workload")).containsExactly(acmeId);
        for (String table : List.of("workload_region", "scaling_policy", "routing_policy")) {
            assertThat(numbers("select workload_id from " + table))
                    .as(table)
                    .contains(acmeWorkloadId)
                    .doesNotContain(globexWorkloadId);
        }
        assertThat(strings("select distinct tenant from audit_event")).containsExactly("acme");
        assertThat(strings("select distinct tenant from catalog_instance")).containsExactly("acme");
    }

    @Test
    void sessionWithoutTenantSeesEveryRow() throws SQLException {
        // when: nothing is set, as for platform callers, background jobs and Flyway

        // then
        assertThat(strings("select slug from tenant")).contains("acme", "globex", "initech");
        assertThat(strings("select name from workload")).contains(acmeWorkload, globexWorkload, "securewatch-api");
        assertThat(numbers("select workload_id from scaling_policy")).contains(acmeWorkloadId, globexWorkloadId);
        assertThat(strings("select distinct tenant from audit_event")).contains("acme", "globex", null);
        assertThat(strings("select distinct tenant from catalog_instance")).contains("acme", "globex");
    }

    @Test
    void resetSessionSeesEveryRowAgain() throws SQLException {
        // given
        limitTo("acme");

        // when
        limitTo("");

        // then
        assertThat(strings("select slug from tenant")).contains("acme", "globex", "initech");
        assertThat(strings("select name from workload")).contains(acmeWorkload, globexWorkload, "securewatch-api");
    }

    @Test
    void insertForAnotherTenantIsRejected() throws SQLException {
        // given
        limitTo("acme");

        Map<String, String> inserts = new LinkedHashMap<>();
        inserts.put(
                "tenant with another slug",
                "insert into tenant (slug, display_name, tier, residency_zones, quota_cpu_millis, quota_memory_bytes,"
                        + " quota_pods, status, version, created_at, updated_at) values ('rls-other', 'Other',"
                        + " 'SHARED', '{EU}', 1, 1, 1, 'READY', 0, now(), now())");
        inserts.put(
                "workload of globex",
                "insert into workload (name, tenant_id, namespace, deployment, version, created_at, updated_at)"
                        + " values ('rls-" + UUID.randomUUID().toString().substring(0, 8) + "', " + globexId
                        + ", 'tenant-globex', '{}', 0, now(), now())");
        inserts.put(
                "audit event of globex",
                "insert into audit_event (occurred_at, actor, action, object_kind, object_id, tenant)"
                        + " values (now(), 'test', 'create', 'tenant', 'globex', 'globex')");
        inserts.put(
                "audit event of a platform object",
                "insert into audit_event (occurred_at, actor, action, object_kind, object_id, tenant)"
                        + " values (now(), 'test', 'create', 'region', 'eu-west-1', null)");

        // when
        Map<String, String> states = new LinkedHashMap<>();
        for (Map.Entry<String, String> insert : inserts.entrySet()) {
            states.put(insert.getKey(), stateOf(insert.getValue()));
        }

        // then
        states.forEach((insert, state) -> assertThat(state).as(insert).isEqualTo(INSUFFICIENT_PRIVILEGE));
    }

    @Test
    void insertForOwnTenantIsAccepted() throws SQLException {
        // given
        limitTo("acme");

        // when
        int inserted = update("insert into audit_event (occurred_at, actor, action, object_kind, object_id, tenant)"
                + " values (now(), 'test', 'create', 'workload', '" + acmeWorkload + "', 'acme')");

        // then
        assertThat(inserted).isEqualTo(1);
    }

    @Test
    void anotherTenantsRowsCannotBeChangedOrDeleted() throws SQLException {
        // given
        limitTo("acme");

        // when
        int tenants = update("update tenant set display_name = 'Changed' where slug = 'globex'");
        int workloads = update("update workload set labels = '{\"changed\": \"true\"}' where id = " + globexWorkloadId);
        int policies = update("delete from scaling_policy where workload_id = " + globexWorkloadId);

        // then: the policies hide the rows, so the statements find nothing to change
        assertThat(tenants).isZero();
        assertThat(workloads).isZero();
        assertThat(policies).isZero();
        limitTo("");
        assertThat(strings("select display_name from tenant where slug = 'globex'"))
                .doesNotContain("Changed");
        assertThat(numbers("select workload_id from scaling_policy where workload_id = " + globexWorkloadId))
                .containsExactly(globexWorkloadId);
    }

    @Test
    void rowCannotBeHandedToAnotherTenant() throws SQLException {
        // given
        limitTo("acme");

        // when
        String state = stateOf("update workload set tenant_id = " + globexId + " where id = " + acmeWorkloadId);

        // then
        assertThat(state).isEqualTo(INSUFFICIENT_PRIVILEGE);
    }

    private void limitTo(String tenant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select set_config(?, ?, false)")) {
            statement.setString(1, TenantRowSetting.NAME);
            statement.setString(2, tenant);
            statement.execute();
        }
    }

    private long insertWorkload(String name, long tenantId, String namespace, String suffix) throws SQLException {
        long id = number("insert into workload (name, tenant_id, namespace, deployment, version, created_at,"
                + " updated_at) values ('" + name + "', " + tenantId + ", '" + namespace + "', '{}', 0, now(), now())"
                + " returning id");
        update("insert into workload_region (workload_id, region_id) select " + id + ", id from region"
                + " where name = 'eu-west-1'");
        update("insert into scaling_policy (workload_id, min_replicas, max_replicas, target_cpu_utilization, version,"
                + " created_at, updated_at) values (" + id + ", 1, 2, 80, 0, now(), now())");
        update("insert into routing_policy (workload_id, strategy, connect_timeout_ms, request_timeout_ms, version,"
                + " created_at, updated_at) values (" + id + ", 'LOCALITY_FIRST', 1000, 5000, 0, now(), now())");
        return id;
    }

    private void insertCatalogInstance(String service, String tenant) throws SQLException {
        update("insert into catalog_instance (region_id, service, instance_id, node, address, port, tenant, health,"
                + " updated_at) select id, '" + service + "', 'i-1', 'node-1', '10.0.0.1', 8080, '" + tenant + "',"
                + " 'passing', now() from region where name = 'eu-west-1'");
    }

    /** Runs a statement that must fail and returns its SQL state. A savepoint keeps the transaction usable. */
    private String stateOf(String sql) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        SQLException failure = catchThrowableOfType(SQLException.class, () -> update(sql));
        connection.rollback(savepoint);
        assertThat((Throwable) failure).as(sql).isNotNull();
        return failure.getSQLState();
    }

    private int update(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }

    private long number(String sql) throws SQLException {
        List<Long> numbers = numbers(sql);
        assertThat(numbers).as(sql).hasSize(1);
        return numbers.get(0);
    }

    private List<Long> numbers(String sql) throws SQLException {
        List<Long> numbers = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                numbers.add(rows.getLong(1));
            }
        }
        return numbers;
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> strings = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                strings.add(rows.getString(1));
            }
        }
        return strings;
    }
}
