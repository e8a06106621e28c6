package io.securewatch.controlplane.tenantrows;

import static io.securewatch.controlplane.support.Api.as;
import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.hibernate.reactive.panache.common.runtime.WithSessionInterceptor;
import io.quarkus.hibernate.reactive.panache.common.runtime.WithTransactionInterceptor;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.securewatch.controlplane.support.Api;
import io.securewatch.controlplane.support.Fixtures;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InterceptionType;
import jakarta.enterprise.inject.spi.Interceptor;
import jakarta.inject.Inject;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Checks through HTTP that {@link TenantRowsInterceptor} limits the session of a tenant administrator's request to its
 * tenant, whatever opened the session, and that no pooled connection keeps the limit afterwards. The endpoints of
 * {@link TenantRowsProbeResource} report the setting and the tenants an unfiltered query returns.
 */
@QuarkusTest
class TenantRowsInterceptorTest {

    private static final String PROBE = "/test/tenant-rows/";
    private static final List<String> SEEDED_TENANTS = List.of("acme", "globex", "initech");
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Inject
    BeanManager beanManager;

    @ConfigProperty(name = "quarkus.datasource.reactive.max-size")
    int poolSize;

    @Test
    void interceptorRunsInsidePanacheSessionAndTransaction() throws NoSuchMethodException {
        // given
        Annotation tenantRows = TenantRowsProbeResource.class.getAnnotation(TenantRows.class);
        Annotation withSession =
                TenantRowsProbeResource.class.getMethod("inSession").getAnnotation(WithSession.class);
        Annotation withTransaction =
                TenantRowsProbeResource.class.getMethod("inTransaction").getAnnotation(WithTransaction.class);

        // when: the interceptors in the order they are called
        List<Class<?>> sessionChain = interceptorClasses(withSession, tenantRows);
        List<Class<?>> transactionChain = interceptorClasses(withTransaction, tenantRows);

        // then
        assertThat(sessionChain).containsSubsequence(WithSessionInterceptor.class, TenantRowsInterceptor.class);
        assertThat(transactionChain).containsSubsequence(WithTransactionInterceptor.class, TenantRowsInterceptor.class);
    }

    @Test
    void tenantAdminSessionSeesOnlyItsTenant() {
        // when
        JsonPath probe = probe(Api.ACME_ADMIN, "session");

        // then
        assertThat(probe.getString("setting")).isEqualTo("acme");
        assertThat(probe.getList("tenants", String.class)).containsExactly("acme");
        assertThat(probe.getBoolean("inTransaction")).isFalse();
    }

    @Test
    void tenantAdminTransactionSeesOnlyItsTenant() {
        // when
        JsonPath probe = probe(Api.ACME_ADMIN, "transaction");

        // then
        assertThat(probe.getString("setting")).isEqualTo("acme");
        assertThat(probe.getList("tenants", String.class)).containsExactly("acme");
        assertThat(probe.getBoolean("inTransaction")).isTrue();
    }

    @Test
    void unannotatedMethodSeesOnlyItsTenant() {
        // when
        JsonPath probe = probe(Api.ACME_ADMIN, "no-session");

        // then
        assertThat(probe.getString("setting")).isEqualTo("acme");
        assertThat(probe.getList("tenants", String.class)).containsExactly("acme");
    }

    @Test
    void platformCallersSeeEveryTenant() {
        for (String user : List.of(Api.ADMIN, Api.OPERATOR, Api.VIEWER)) {
            // when
            JsonPath probe = probe(user, "session");

            // then
            assertThat(probe.getString("setting")).as(user).isNull();
            assertThat(probe.getList("tenants", String.class)).as(user).containsAll(SEEDED_TENANTS);
        }
    }

    @Test
    void methodWithoutUniRunsUnchanged() {
        as(Api.ACME_ADMIN)
                .accept("text/plain")
                .get(PROBE + "plain")
                .then()
                .statusCode(200)
                .body(equalTo("plain"));
    }

    @Test
    void failedRequestKeepsItsError() {
        as(Api.ACME_ADMIN)
                .get(PROBE + "failure")
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:securewatch:problem:not-found"));
        as(Api.ACME_ADMIN)
                .get(PROBE + "transaction-failure")
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:securewatch:problem:not-found"));
    }

    @Test
    void abortedTransactionKeepsItsError() {
        as(Api.ACME_ADMIN)
                .get(PROBE + "transaction-conflict")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:securewatch:problem:already-exists"));
    }

    @Test
    void pooledConnectionsKeepNoTenantAfterRequests() {
        // given: tenant administrator requests that end in every way the interceptor handles
        for (String endpoint : List.of(
                "session", "transaction", "no-session", "failure", "transaction-failure", "transaction-conflict")) {
            as(Api.ACME_ADMIN).get(PROBE + endpoint).then().statusCode(lessThan(500));
        }

        // when: every connection of the pool is borrowed at once, so those requests' connections are among them
        List<SqlConnection> connections = new ArrayList<>();
        List<String> settings = new ArrayList<>();
        List<Long> tenantCounts = new ArrayList<>();
        try {
            for (int i = 0; i < poolSize; i++) {
                connections.add(pool.getConnection().await().atMost(WITHIN));
            }
            for (SqlConnection connection : connections) {
                Row row = connection
                        .query("select nullif(current_setting('" + TenantRowSetting.NAME + "', true), ''),"
                                + " (select count(*) from tenant)")
                        .execute()
                        .await()
                        .atMost(WITHIN)
                        .iterator()
                        .next();
                settings.add(row.getString(0));
                tenantCounts.add(row.getLong(1));
            }
        } finally {
            connections.forEach(connection -> connection.close().await().atMost(WITHIN));
        }

        // then
        assertThat(settings).hasSize(poolSize).containsOnlyNulls();
        assertThat(tenantCounts).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(SEEDED_TENANTS.size()));
    }

    @Test
    void withAllTenantsRestoresTheLimit() {
        // when
        JsonPath probe = probe(Api.ACME_ADMIN, "all-tenants");

        // then
        assertThat(probe.getList("tenantsInside", String.class)).containsAll(SEEDED_TENANTS);
        assertThat(probe.getString("settingAfterSuccess")).isEqualTo("acme");
        assertThat(probe.getString("settingAfterFailure")).isEqualTo("acme");
    }

    @Test
    void tenantAdminChangeKeepsOtherTenantsInBundles() {
        // given: eu-west-1 runs acme and globex, so its clusters' bundles hold both tenants' namespaces
        String workload = Api.uniqueName("w");

        // when: acme's administrator creates a workload there, which recompiles those bundles in its request
        as(Api.ACME_ADMIN)
                .body(Fixtures.workloadBody(workload, List.of("eu-west-1"), false))
                .post("/api/v1/workloads")
                .then()
                .statusCode(201);

        // then
        JsonPath bundle = asAdmin()
                .get("/api/v1/clusters/eu-west-1-a/desired-state")
                .then()
                .statusCode(200)
                .body("objects.findAll { it.kind == 'Deployment' }.metadata.name", hasItem(workload))
                .extract()
                .jsonPath();
        assertThat(bundle.getList("objects.findAll { it.kind == 'Namespace' }.metadata.name", String.class))
                .contains("tenant-acme", "tenant-globex");
    }

    @Test
    void nameOfHiddenWorkloadStillConflicts() {
        // given: a workload of globex, which acme's administrator cannot see
        String workload = Api.uniqueName("w");
        Map<String, Object> globex = new HashMap<>(Fixtures.workloadBody(workload, List.of("eu-west-1"), false));
        globex.put("tenant", "globex");
        asAdmin().body(globex).post("/api/v1/workloads").then().statusCode(201);

        // when
        Response created = as(Api.ACME_ADMIN)
                .body(Fixtures.workloadBody(workload, List.of("eu-west-1"), false))
                .post("/api/v1/workloads");

        // then: the unique constraint on names spans tenants, as before row-level security
        created.then().statusCode(409).body("type", equalTo("urn:securewatch:problem:already-exists"));
        asAdmin().get("/api/v1/workloads/" + workload).then().statusCode(200).body("tenant", equalTo("globex"));
    }

    private List<Class<?>> interceptorClasses(Annotation... bindings) {
        return beanManager.resolveInterceptors(InterceptionType.AROUND_INVOKE, bindings).stream()
                .<Class<?>>map(Interceptor::getBeanClass)
                .toList();
    }

    private static JsonPath probe(String user, String endpoint) {
        return as(user).get(PROBE + endpoint).then().statusCode(200).extract().jsonPath();
    }
}
