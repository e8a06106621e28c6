package io.securewatch.controlplane.tenantrows;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.securewatch.controlplane.security.Roles;
import io.securewatch.controlplane.web.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Test-only endpoints that report what {@link TenantRowsInterceptor} did to the session they run in: the value of the
 * tenant row setting and the tenants that a deliberately unfiltered query returns.
 */
@TenantRows
@Path("/test/tenant-rows")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN})
public class TenantRowsProbeResource {

    /** What a session showed: the setting, the visible tenants, and whether a transaction was open. */
    public record Probe(String setting, List<String> tenants, boolean inTransaction) {}

    /** What {@link TenantRowSetting#withAllTenants} showed inside its work, and the setting after it. */
    public record AllTenantsProbe(List<String> tenantsInside, String settingAfterSuccess, String settingAfterFailure) {}

    @GET
    @Path("session")
    @WithSession
    public Uni<Probe> inSession() {
        return probe();
    }

    @GET
    @Path("transaction")
    @WithTransaction
    public Uni<Probe> inTransaction() {
        return probe();
    }

    /** Has no session annotation, so the interceptor opens the session. */
    @GET
    @Path("no-session")
    public Uni<Probe> noSession() {
        return probe();
    }

    @GET
    @Path("plain")
    @Produces(MediaType.TEXT_PLAIN)
    public String plain() {
        return "plain";
    }

    /** Runs a query, then fails with 404, as a lookup of another tenant's object does. */
    @GET
    @Path("failure")
    @WithSession
    public Uni<Probe> failure() {
        return probe().chain(ignored -> Uni.createFrom().failure(ApiException.notFound("probe", "failure")));
    }

    /** Same as {@link #failure()} inside a transaction, which the failure rolls back. */
    @GET
    @Path("transaction-failure")
    @WithTransaction
    public Uni<Probe> transactionFailure() {
        return probe().chain(ignored -> Uni.createFrom().failure(ApiException.notFound("probe", "failure")));
    }

    /**
     * Inserts a second tenant {@code acme}, which the unique constraint on slugs rejects (409). The violation aborts
     * the transaction, so the reset of the setting that follows fails too and must not hide the violation.
     */
    @GET
    @Path("transaction-conflict")
    @WithTransaction
    public Uni<Integer> transactionConflict() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("insert into tenant (slug, display_name, tier,"
                                + " residency_zones, quota_cpu_millis, quota_memory_bytes, quota_pods, status, version,"
                                + " created_at, updated_at) values ('acme', 'Duplicate', 'SHARED', '{EU}', 1, 1, 1,"
                                + " 'READY', 0, now(), now())")
                        .executeUpdate());
    }

    @GET
    @Path("all-tenants")
    @WithTransaction
    public Uni<AllTenantsProbe> allTenants() {
        return TenantRowSetting.withAllTenants(TenantRowsProbeResource::tenants)
                .chain(inside -> setting()
                        .chain(afterSuccess -> TenantRowSetting.withAllTenants(
                                        () -> Uni.createFrom().<Void>failure(new IllegalStateException("work failed")))
                                .onFailure(IllegalStateException.class)
                                .recoverWithNull()
                                .chain(ignored -> setting())
                                .map(afterFailure -> new AllTenantsProbe(inside, afterSuccess, afterFailure))));
    }

    private static Uni<Probe> probe() {
        return setting()
                .chain(setting -> tenants()
                        .chain(tenants -> Panache.getSession()
                                .map(session -> new Probe(setting, tenants, session.currentTransaction() != null))));
    }

    private static Uni<String> setting() {
        return Panache.getSession().chain(TenantRowSetting::current);
    }

    /** Lists tenant slugs without any tenant filter, so only row-level security can limit the result. */
    private static Uni<List<String>> tenants() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select slug from tenant order by slug", String.class)
                        .getResultList());
    }
}
