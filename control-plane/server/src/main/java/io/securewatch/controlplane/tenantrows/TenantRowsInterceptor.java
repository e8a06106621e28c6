package io.securewatch.controlplane.tenantrows;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.controlplane.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.Optional;

/**
 * Limits the Hibernate Reactive session of a request to the caller's tenant when the caller is limited to one tenant,
 * for as long as the {@code Uni} of the intercepted method runs. It sets {@value TenantRowSetting#NAME} before
 * subscribing to that {@code Uni} and resets it when the {@code Uni} ends, with an item or a failure, so the pooled
 * connection does not carry the tenant into another request. After a failure inside a transaction, the rollback undoes
 * the setting instead. Platform callers and methods that return no {@code Uni} run unchanged.
 *
 * <p>NOTE: a {@code Uni} cancelled before it ends, as when a client disconnects, skips the reset. The connection then
 * keeps the tenant until a later request of a tenant administrator sets and resets it. Until then, statements on that
 * connection see only that tenant's rows and cannot write other tenants' rows; the desired-state refresh is not
 * affected, because {@link TenantRowSetting#withAllTenants} reads the setting from the connection.
 */
@TenantRows
@Interceptor
@Priority(TenantRowsInterceptor.PRIORITY)
public class TenantRowsInterceptor {

    /**
     * Later than the session and transaction interceptors of Panache (200 in Quarkus 3.33), so the setting goes to the
     * session they opened and, inside a transaction, is undone by its rollback. Later than the Bean Validation of
     * resource methods (4800), so an invalid request costs no database round trip.
     */
    static final int PRIORITY = Interceptor.Priority.PLATFORM_AFTER + 900;

    @Inject
    Caller caller;

    @AroundInvoke
    Object limitToTenant(InvocationContext context) throws Exception {
        if (!Uni.class.isAssignableFrom(context.getMethod().getReturnType())) {
            return context.proceed();
        }
        Optional<String> tenant = caller.tenantScope().tenant();
        if (tenant.isEmpty()) {
            return context.proceed();
        }
        String slug = tenant.get();
        // withSession reuses the session of @WithSession or @WithTransaction. Without one it opens a session for the
        // method's Uni, which Panache.getSession and Panache.withTransaction inside the method then use.
        return Panache.withSession(() -> Panache.getSession().chain(session -> {
            boolean inTransaction = session.currentTransaction() != null;
            return TenantRowSetting.limit(session, slug)
                    .chain(() -> proceed(context))
                    .onItemOrFailure()
                    .transformToUni((item, failure) -> {
                        if (failure != null && inTransaction) {
                            // The transaction interceptor rolls back on this failure, which also undoes the setting.
                            // A reset now would fail anyway when the failure has aborted the transaction.
                            return Uni.createFrom().failure(failure);
                        }
                        return TenantRowSetting.finish(session, "", slug, item, failure);
                    });
        }));
    }

    /** Returns the method's {@code Uni}, or a failed one when the method throws instead. */
    @SuppressWarnings("unchecked")
    private static Uni<Object> proceed(InvocationContext context) {
        try {
            return (Uni<Object>) context.proceed();
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
    }
}
