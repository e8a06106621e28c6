package io.securewatch.controlplane.tenant.provisioning;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.securewatch.controlplane.identity.IdentityConfig;
import io.securewatch.controlplane.identity.IdentityErrors;
import io.securewatch.controlplane.identity.IdentityRefs;
import io.securewatch.controlplane.identity.TenantIdentityProvider;
import io.securewatch.controlplane.identity.TenantIdentityProvider.Access;
import io.securewatch.controlplane.identity.TenantIdentityProvider.TenantIdentity;
import io.securewatch.controlplane.leadership.Leadership;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.securewatch.controlplane.tenant.TenantEntity;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Carries out the tenant steps that are due, on the leader only. Environment steps run in one transaction each, with
 * the tenant's row locked. The identity step calls Keycloak outside any transaction, on a worker thread, and records
 * the outcome afterwards. Every call is idempotent, so a control plane that stops between the call and the record
 * simply makes it again. Also removes the identities of deleted tenants once their retention has passed.
 */
@ApplicationScoped
public class TenantStepRunner {

    private static final Logger LOG = Logger.getLogger(TenantStepRunner.class);

    /** How many due steps one tick takes at most; the rest wait for the next tick. */
    private static final int STEPS_PER_TICK = 50;

    @Inject
    Leadership leadership;

    @Inject
    TenantStepStore steps;

    @Inject
    TenantWorkflow workflow;

    @Inject
    TenantIdentityStore identities;

    @Inject
    TenantIdentityProvider provider;

    @Inject
    IdentityConfig identityConfig;

    @Inject
    Clock clock;

    /** Set at shutdown, so that no tick starts while the database connections close. */
    private volatile boolean stopping;

    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(
            identity = "tenant-steps",
            every = "${securewatch.tenants.provisioning.tick-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (stopping || !leadership.isLeader()) {
            return Uni.createFrom().voidItem();
        }
        Context context = Vertx.currentContext();
        return Panache.withSession(() -> steps.due(clock.instant(), STEPS_PER_TICK))
                .chain(due -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (TenantStep step : due) {
                        chain = chain.chain(() -> attempt(step, context)
                                .onFailure()
                                .recoverWithUni(failure -> {
                                    LogFields.error(
                                            LOG,
                                            failure,
                                            "Attempting a tenant step failed; retrying next tick",
                                            LogKeys.TENANT_ID,
                                            step.tenantId(),
                                            LogKeys.STEP,
                                            step.name());
                                    return Uni.createFrom().voidItem();
                                }));
                    }
                    return chain;
                })
                .chain(() -> removeExpiredIdentities(context));
    }

    /** Attempts one step and completes the tenant's operation when it was the last one. */
    Uni<Void> attempt(TenantStep step, Context context) {
        if (StepNames.region(step.name()).isPresent()) {
            return Panache.withTransaction(() -> leadership
                    .fence()
                    .chain(() -> lockTenant(step.tenantId()))
                    .chain(tenant -> tenant == null
                            ? Uni.createFrom().voidItem()
                            : workflow.advanceEnvironment(step)
                                    .chain(() -> workflow.completeIfDone(tenant))
                                    .replaceWithVoid()));
        }
        if (!StepNames.IDENTITY.equals(step.name())) {
            return Uni.createFrom()
                    .failure(new IllegalStateException("tenant step '" + step.name() + "' is not known"));
        }
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.find(TenantEntity.class, step.tenantId()))
                        .chain(tenant -> tenant == null
                                ? Uni.createFrom().nullItem()
                                : identities.findOrCreate(tenant.slug, tenant.displayName)))
                .chain(record -> record == null
                        ? Uni.createFrom().voidItem()
                        : onWorker(() -> callProvider(step.operation(), record), context)
                                .chain(result -> Panache.withTransaction(() -> leadership
                                        .fence()
                                        .chain(() -> lockTenant(step.tenantId()))
                                        .chain(tenant -> tenant == null
                                                ? Uni.createFrom().voidItem()
                                                : saveIdentity(record, result)
                                                        .chain(() -> workflow.record(step, result.outcome(), Map.of()))
                                                        .chain(() -> workflow.completeIfDone(tenant))
                                                        .replaceWithVoid()))));
    }

    private Uni<Void> saveIdentity(TenantIdentityStore.Record record, IdentityResult result) {
        if (result.refs() == null && result.removeAfter() == null) {
            return Uni.createFrom().voidItem();
        }
        return identities.update(
                record.slug(), result.refs() == null ? record.refs() : result.refs(), result.removeAfter());
    }

    /** Calls the identity provider for the operation; a failure becomes a failing outcome. Blocks. */
    private IdentityResult callProvider(TenantOperation operation, TenantIdentityStore.Record record) {
        TenantIdentity tenant = new TenantIdentity(record.slug(), record.displayName(), record.adminEmail());
        try {
            return switch (operation) {
                case PROVISION, RESUME, UPDATE -> {
                    IdentityRefs refs = provider.ensure(tenant, record.refs());
                    String admin = record.adminEmail() == null ? "" : " and administrator " + record.adminEmail();
                    yield new IdentityResult(
                            StepOutcome.done("organization " + record.slug() + ", its admin group and client" + admin
                                    + " exist in Keycloak and are enabled"),
                            refs,
                            null);
                }
                case SUSPEND -> {
                    provider.setEnabled(tenant, record.refs(), Access.CLIENT_DISABLED);
                    yield new IdentityResult(
                            StepOutcome.done("the tenant's client is disabled in Keycloak"), null, null);
                }
                case DELETE -> {
                    provider.setEnabled(tenant, record.refs(), Access.ALL_DISABLED);
                    Instant removeAfter = clock.instant().plus(identityConfig.retention());
                    yield new IdentityResult(
                            StepOutcome.done("organization, client and members are disabled in Keycloak and are"
                                    + " removed after " + removeAfter),
                            null,
                            removeAfter);
                }
            };
        } catch (RuntimeException e) {
            return new IdentityResult(
                    StepOutcome.failing("Keycloak did not complete the identity step", IdentityErrors.describe(e)),
                    null,
                    null);
        }
    }

    /** Removes the identities whose retention has passed, each in turn; a failure waits for the next tick. */
    private Uni<Void> removeExpiredIdentities(Context context) {
        return Panache.withSession(() -> identities.expired(clock.instant())).chain(expired -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (TenantIdentityStore.Record record : expired) {
                chain = chain.chain(() -> onWorker(
                                () -> {
                                    provider.remove(
                                            new TenantIdentity(
                                                    record.slug(), record.displayName(), record.adminEmail()),
                                            record.refs());
                                    return record;
                                },
                                context)
                        .chain(removed -> Panache.withTransaction(
                                () -> leadership.fence().chain(() -> identities.delete(removed.slug()))))
                        .invoke(() ->
                                LogFields.info(LOG, "Deleted tenant's identity removed", LogKeys.TENANT, record.slug()))
                        .onFailure()
                        .recoverWithUni(failure -> {
                            LogFields.warn(
                                    LOG,
                                    null,
                                    "Removing a deleted tenant's identity failed; retrying next tick",
                                    LogKeys.TENANT,
                                    record.slug(),
                                    LogKeys.REASON,
                                    IdentityErrors.describe(failure));
                            return Uni.createFrom().voidItem();
                        }));
            }
            return chain;
        });
    }

    /** Locks the tenant's row and returns the tenant with its regions, or null when it is gone. */
    private static Uni<TenantEntity> lockTenant(long tenantId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select id from tenant where id = :id for update", Long.class)
                        .setParameter("id", tenantId)
                        .getResultList()
                        .chain(locked -> locked.isEmpty()
                                ? Uni.createFrom().nullItem()
                                : session.createSelectionQuery(
                                                "from TenantEntity t left join fetch t.regions where t.id = :id",
                                                TenantEntity.class)
                                        .setParameter("id", tenantId)
                                        .getSingleResult()));
    }

    /** Runs blocking work on a worker thread and continues on the caller's Vert.x context. */
    private static <T> Uni<T> onWorker(java.util.function.Supplier<T> work, Context context) {
        return Uni.createFrom()
                .item(work)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    /**
     * The outcome of an identity call.
     *
     * @param refs the ids to keep, or null to keep the known ones
     * @param removeAfter when the identity is due for removal, or null to leave it
     */
    private record IdentityResult(StepOutcome outcome, IdentityRefs refs, Instant removeAfter) {}
}
