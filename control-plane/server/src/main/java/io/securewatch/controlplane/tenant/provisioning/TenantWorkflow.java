package io.securewatch.controlplane.tenant.provisioning;

import static io.securewatch.controlplane.sql.SqlValues.instant;
import static io.securewatch.controlplane.sql.SqlValues.number;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.api.v1.TenantStatus;
import io.securewatch.controlplane.audit.AuditAction;
import io.securewatch.controlplane.audit.AuditLog;
import io.securewatch.controlplane.audit.ChangeOrigin;
import io.securewatch.controlplane.audit.ObjectKind;
import io.securewatch.controlplane.clusterstate.ClusterStatusService;
import io.securewatch.controlplane.clusterstate.DesiredStateRefresher;
import io.securewatch.controlplane.identity.IdentityConfig;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.securewatch.controlplane.tenant.TenantEntity;
import io.securewatch.controlplane.tenant.TenantMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Starts tenant operations and carries out the steps that need only the database: the environment steps, which wait
 * until the agents of a region applied the tenant's namespace. Completes an operation once every step is done: a
 * provisioned tenant becomes ready and a deleted one is removed. Every method runs in the caller's transaction.
 */
@ApplicationScoped
public class TenantWorkflow {

    private static final Logger LOG = Logger.getLogger(TenantWorkflow.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> ERRORS = new TypeReference<>() {};

    /** The actor of changes that the workflow itself makes. */
    public static final ChangeOrigin ORIGIN = ChangeOrigin.system("provisioning");

    @Inject
    TenantStepStore steps;

    @Inject
    TenantIdentityStore identities;

    @Inject
    IdentityConfig identity;

    @Inject
    ProvisioningConfig config;

    @Inject
    ClusterStatusService statuses;

    @Inject
    DesiredStateRefresher desiredState;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** Returns whether operations include the identity step. */
    public boolean provisionsIdentity() {
        return identity.enabled();
    }

    /**
     * Replaces the tenant's steps with those of the operation, carries out the environment steps once, and
     * completes the operation when that was all.
     *
     * @return whether the operation is complete, in which case a deletion has removed the tenant
     */
    public Uni<Boolean> start(TenantEntity tenant, TenantOperation operation) {
        List<String> regions =
                tenant.regions.stream().map(region -> region.name).toList();
        List<String> names = StepNames.of(operation, regions, identity.enabled());
        LogFields.info(
                LOG, "Tenant operation started", LogKeys.TENANT, tenant.slug, LogKeys.ACTION, operation.wireName());
        return steps.replace(tenant.id, operation, names, clock.instant())
                .chain(() -> steps.steps(tenant.id))
                .chain(all -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (TenantStep step : all) {
                        if (StepNames.region(step.name()).isPresent()) {
                            chain = chain.chain(() -> advanceEnvironment(step).replaceWithVoid());
                        }
                    }
                    return chain;
                })
                .chain(() -> completeIfDone(tenant));
    }

    /** Evaluates an environment step against its region's clusters and records the outcome. */
    public Uni<StepOutcome> advanceEnvironment(TenantStep step) {
        String region = StepNames.region(step.name()).orElseThrow();
        return clusters(region).chain(clusters -> {
            EnvironmentRollout.Result result = EnvironmentRollout.evaluate(region, clusters, step.targets());
            return record(step, result.outcome(), result.targets()).replaceWith(result.outcome());
        });
    }

    /** Records an attempt of a step with the time of its next attempt, which depends on the outcome. */
    public Uni<Boolean> record(TenantStep step, StepOutcome outcome, Map<String, Long> targets) {
        Instant now = clock.instant();
        Instant next = switch (outcome.state()) {
            case FAILING ->
                now.plus(new Backoff(config.firstBackoff(), config.maxBackoff()).after(step.failures() + 1));
            case WAITING, PENDING -> now.plus(config.waitInterval());
            case DONE -> now;
        };
        if (outcome.state() == StepState.FAILING) {
            LogFields.warn(
                    LOG,
                    null,
                    "Tenant step failed; retrying after a backoff",
                    LogKeys.TENANT_ID,
                    step.tenantId(),
                    LogKeys.STEP,
                    step.name(),
                    LogKeys.FAILURES,
                    step.failures() + 1,
                    LogKeys.REASON,
                    outcome.error());
        }
        return steps.record(step, outcome, targets, now, next);
    }

    /**
     * Completes the tenant's operation when every step is done: a provisioned tenant becomes ready, and a deleted
     * one is removed with its steps.
     *
     * @return whether every step is done
     */
    public Uni<Boolean> completeIfDone(TenantEntity tenant) {
        return steps.steps(tenant.id).chain(all -> {
            if (all.stream().anyMatch(step -> step.state() != StepState.DONE)) {
                return Uni.createFrom().item(false);
            }
            TenantOperation operation = all.isEmpty() ? null : all.get(0).operation();
            if (operation == TenantOperation.PROVISION && tenant.status == TenantStatus.PROVISIONING) {
                var before = TenantMapper.toApi(tenant);
                tenant.status = TenantStatus.READY;
                tenant.updatedAt = clock.instant();
                LogFields.info(LOG, "Tenant provisioned", LogKeys.TENANT, tenant.slug);
                return Panache.getSession()
                        .chain(session -> session.flush())
                        .chain(() -> audit.record(
                                ORIGIN,
                                AuditAction.PROVISION,
                                ObjectKind.TENANT,
                                tenant.slug,
                                tenant.slug,
                                before,
                                TenantMapper.toApi(tenant)))
                        .replaceWith(true);
            }
            if (operation == TenantOperation.DELETE && tenant.status == TenantStatus.DELETING) {
                Set<Long> regions =
                        tenant.regions.stream().map(region -> region.id).collect(Collectors.toSet());
                var before = TenantMapper.toApi(tenant);
                LogFields.info(LOG, "Tenant removed", LogKeys.TENANT, tenant.slug);
                return Panache.getSession()
                        .chain(session -> session.remove(tenant).call(session::flush))
                        .chain(() -> identities.deleteUnlessRetained(tenant.slug))
                        .chain(() -> desiredState.refreshRegions(regions))
                        .chain(() -> audit.record(
                                ORIGIN, AuditAction.REMOVE, ObjectKind.TENANT, tenant.slug, tenant.slug, before, null))
                        .replaceWith(true);
            }
            return Uni.createFrom().item(true);
        });
    }

    /** Reads the clusters of a region with what their agents last reported. */
    private Uni<List<EnvironmentRollout.Cluster>> clusters(String region) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select c.name, s.cluster_id is not null, s.connected, s.last_heartbeat_at,"
                                        + " c.desired_revision, coalesce(s.applied_revision, 0),"
                                        + " coalesce(s.last_nack_revision, 0), cast(s.last_nack_errors as text)"
                                        + " from cluster c join region r on r.id = c.region_id"
                                        + " left join cluster_agent_state s on s.cluster_id = c.id"
                                        + " where r.name = :region order by c.name",
                                Object[].class)
                        .setParameter("region", region)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new EnvironmentRollout.Cluster(
                                (String) row[0],
                                Boolean.TRUE.equals(row[1]),
                                statuses.isConnected((Boolean) row[2], instant(row[3])),
                                number(row[4]),
                                number(row[5]),
                                number(row[6]),
                                errors((String) row[7])))
                        .toList());
    }

    private static List<String> errors(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            List<String> errors = new ArrayList<>();
            for (Map<String, Object> error : JSON.readValue(json, ERRORS)) {
                errors.add(error.get("object") + ": " + error.get("message"));
            }
            return errors;
        } catch (JsonProcessingException e) {
            return List.of("the agent's errors could not be read");
        }
    }
}
