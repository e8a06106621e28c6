package io.securewatch.controlplane.routing;

import io.securewatch.api.v1.Problem.FieldError;
import io.securewatch.api.v1.RenderedRouting;
import io.securewatch.api.v1.RoutingPolicy;
import io.securewatch.api.v1.RoutingPolicyRequest;
import io.securewatch.api.v1.RoutingPolicyRequest.Strategy;
import io.securewatch.controlplane.audit.AuditAction;
import io.securewatch.controlplane.audit.AuditLog;
import io.securewatch.controlplane.audit.ChangeOrigin;
import io.securewatch.controlplane.audit.ObjectKind;
import io.securewatch.controlplane.catalog.CatalogQueries;
import io.securewatch.controlplane.clusterstate.DesiredStateRefresher;
import io.securewatch.controlplane.desiredstate.RoutingInput;
import io.securewatch.controlplane.desiredstate.RoutingRenderer;
import io.securewatch.controlplane.region.RegionEntity;
import io.securewatch.controlplane.security.TenantScope;
import io.securewatch.controlplane.web.ApiException;
import io.securewatch.controlplane.web.EntityTags;
import io.securewatch.controlplane.web.EntityTags.IfMatch;
import io.securewatch.controlplane.web.FieldPaths;
import io.securewatch.controlplane.web.ProblemType;
import io.securewatch.controlplane.workload.WorkloadEntity;
import io.securewatch.controlplane.workload.WorkloadService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Creates, replaces and deletes routing policies, and renders them. A service is a workload with a Service, named
 * after the workload; a caller sees the services of the workloads it may see.
 */
@ApplicationScoped
public class RoutingPolicyService {

    static final String KIND = ObjectKind.ROUTING_POLICY.wireName();

    /** Defaults when a policy sets no timeouts; the request timeout is Consul's own default. */
    static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 5_000;

    static final int DEFAULT_REQUEST_TIMEOUT_MILLIS = 15_000;

    @Inject
    WorkloadService workloads;

    @Inject
    RoutingPolicyRepository policies;

    @Inject
    CatalogQueries catalog;

    @Inject
    DesiredStateRefresher desiredState;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** A service with its policy. */
    public record PolicyOfService(WorkloadEntity workload, RoutingPolicyEntity policy) {}

    public Uni<PolicyOfService> get(String service, TenantScope scope) {
        return service(service, scope)
                .chain(workload -> policies.findById(workload.id).map(policy -> {
                    if (policy == null) {
                        throw new ApiException(
                                ProblemType.NOT_FOUND,
                                "service '" + service + "' has no routing policy; PUT one to create it");
                    }
                    return new PolicyOfService(workload, policy);
                }));
    }

    public Uni<RenderedRouting> render(String service, TenantScope scope) {
        return get(service, scope).map(found -> RoutingRenderer.render(input(found.workload(), found.policy())));
    }

    /**
     * Renders a policy as {@link #put} would store it, without storing anything: the same checks apply, so a
     * preview that succeeds is a policy that {@code PUT} accepts.
     */
    public Uni<RenderedRouting> preview(String service, RoutingPolicyRequest request, TenantScope scope) {
        return service(service, scope).map(workload -> {
            check(workload, request);
            RoutingPolicyEntity draft = new RoutingPolicyEntity();
            apply(draft, request);
            return RoutingRenderer.render(input(workload, draft));
        });
    }

    /** Creates the policy, or replaces it; replacing needs {@code If-Match} with the policy's ETag. */
    public Uni<PolicyOfService> put(
            String service, RoutingPolicyRequest request, String ifMatch, TenantScope scope, ChangeOrigin origin) {
        return service(service, scope)
                .chain(workload -> policies.findById(workload.id).chain(existing -> {
                    if (existing != null) {
                        EntityTags.requireIfMatch(ifMatch).check(existing.version, KIND + " of '" + service + "'");
                    } else {
                        EntityTags.optionalIfMatch(ifMatch);
                    }
                    check(workload, request);
                    RoutingPolicyEntity policy = existing == null ? new RoutingPolicyEntity() : existing;
                    if (existing != null && isUnchanged(existing, request)) {
                        return Uni.createFrom().item(new PolicyOfService(workload, existing));
                    }
                    RoutingPolicy before = existing == null ? null : RoutingMapper.toApi(service, existing);
                    apply(policy, request);
                    Uni<RoutingPolicyEntity> stored;
                    if (existing == null) {
                        policy.workloadId = workload.id;
                        policy.createdAt = policy.updatedAt;
                        stored = policies.persistAndFlush(policy);
                    } else {
                        stored = policies.flush().replaceWith(policy);
                    }
                    return stored.call(() -> desiredState.refreshRegions(WorkloadService.regionIds(workload)))
                            .call(saved -> audit.record(
                                    origin,
                                    existing == null ? AuditAction.CREATE : AuditAction.UPDATE,
                                    ObjectKind.ROUTING_POLICY,
                                    service,
                                    WorkloadService.tenantOf(workload),
                                    before,
                                    RoutingMapper.toApi(service, saved)))
                            .map(saved -> new PolicyOfService(workload, saved));
                }));
    }

    public Uni<Void> delete(String service, IfMatch ifMatch, TenantScope scope, ChangeOrigin origin) {
        return get(service, scope).chain(found -> {
            ifMatch.check(found.policy().version, KIND + " of '" + service + "'");
            RoutingPolicy before = RoutingMapper.toApi(service, found.policy());
            return policies.delete(found.policy())
                    .chain(() -> policies.flush())
                    .chain(() -> desiredState.refreshRegions(WorkloadService.regionIds(found.workload())))
                    .chain(() -> audit.record(
                            origin,
                            AuditAction.DELETE,
                            ObjectKind.ROUTING_POLICY,
                            service,
                            WorkloadService.tenantOf(found.workload()),
                            before,
                            null));
        });
    }

    /**
     * Returns the workload behind a service, or fails with 404 when there is none the caller may see. The 404 of a
     * service that only the Consul catalog lists explains why it cannot have a routing policy.
     */
    private Uni<WorkloadEntity> service(String service, TenantScope scope) {
        return workloads
                .get(service, scope)
                .onFailure(failure -> failure instanceof ApiException api && api.type() == ProblemType.NOT_FOUND)
                .recoverWithUni(() -> catalog.isListed(service, scope)
                        .chain(listed -> Uni.createFrom()
                                .<WorkloadEntity>failure(
                                        listed ? catalogOnly(service) : ApiException.notFound("service", service))))
                .invoke(workload -> {
                    if (workload.serviceName == null) {
                        throw new ApiException(
                                ProblemType.NOT_FOUND,
                                "service '" + service + "' not found: workload '" + service
                                        + "' has no Service; add one to route traffic to it");
                    }
                });
    }

    private static ApiException catalogOnly(String service) {
        return new ApiException(
                ProblemType.NOT_FOUND,
                "service '" + service + "' is only in the Consul catalog, but routing policies apply only to a"
                        + " workload's Service; manage the service as a workload with a Service to give it a routing"
                        + " policy");
    }

    /**
     * Fails with 400 listing every problem: regions must be the workload's, weights must leave some traffic, and
     * every target must lie in the residency zones of the tenant that owns the service.
     */
    static void check(WorkloadEntity workload, RoutingPolicyRequest request) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, RegionEntity> regions = new TreeMap<>();
        workload.regions.forEach(region -> regions.put(region.name, region));
        Set<String> zones = workload.tenant == null ? null : Set.copyOf(workload.tenant.residencyZones);
        Map<String, Integer> weights = request.weights() == null ? Map.of() : request.weights();
        if (request.strategy() == Strategy.WEIGHTED) {
            if (weights.values().stream().mapToLong(Integer::longValue).sum() <= 0) {
                errors.add(new FieldError(
                        "weights",
                        "must give at least one of the service's regions " + regions.keySet() + " a weight above 0"));
            }
        } else if (!weights.isEmpty()) {
            errors.add(new FieldError(
                    "weights",
                    "applies only to strategy weighted; with locality-first each region serves its own"
                            + " traffic, so leave weights out"));
        }
        weights.forEach((region, weight) ->
                checkTarget(region, "weights[" + FieldPaths.printable(region) + "]", regions, zones, errors));
        List<String> failover = request.failoverOrder() == null ? List.of() : request.failoverOrder();
        if (request.strategy() == Strategy.WEIGHTED && !failover.isEmpty()) {
            errors.add(new FieldError(
                    "failoverOrder",
                    "applies only to strategy locality-first; with weighted, failover goes to the other weighted"
                            + " regions by falling weight, so leave failoverOrder out"));
        }
        if (request.retries() != null && request.retries().retryOn() != null) {
            List<?> retryOn = request.retries().retryOn();
            if (retryOn.isEmpty()) {
                errors.add(new FieldError(
                        "retries.retryOn", "must name at least one condition; leave it out for connect-failure"));
            } else if (Set.copyOf(retryOn).size() != retryOn.size()) {
                errors.add(new FieldError("retries.retryOn", "must name each condition once"));
            }
        }
        if (request.connectTimeoutMillis() != null
                && request.requestTimeoutMillis() != null
                && request.requestTimeoutMillis() < request.connectTimeoutMillis()) {
            errors.add(new FieldError(
                    "requestTimeoutMillis",
                    "must be at least connectTimeoutMillis (" + request.connectTimeoutMillis()
                            + "), because a request includes opening its connection"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < failover.size(); i++) {
            String path = "failoverOrder[" + i + "]";
            if (!seen.add(failover.get(i))) {
                errors.add(new FieldError(path, "region '" + failover.get(i) + "' is listed twice"));
            } else {
                checkTarget(failover.get(i), path, regions, zones, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    private static void checkTarget(
            String region, String path, Map<String, RegionEntity> regions, Set<String> zones, List<FieldError> errors) {
        RegionEntity found = regions.get(region);
        if (found == null) {
            errors.add(new FieldError(
                    path,
                    "region '" + FieldPaths.printable(region) + "' is not a region of the service; its regions are "
                            + regions.keySet()));
        } else if (zones != null && !zones.contains(found.residencyZone)) {
            errors.add(new FieldError(
                    path,
                    "region '" + region + "' lies in residency zone " + found.residencyZone
                            + ", outside the tenant's zones " + zones + "; traffic may not leave them"));
        }
    }

    private void apply(RoutingPolicyEntity policy, RoutingPolicyRequest request) {
        policy.strategy = request.strategy();
        policy.weights = request.weights() == null ? Map.of() : new TreeMap<>(request.weights());
        policy.failoverOrder = request.failoverOrder() == null ? List.of() : List.copyOf(request.failoverOrder());
        policy.outlierDetection = request.outlierDetection();
        policy.connectTimeoutMillis = request.connectTimeoutMillis() == null
                ? DEFAULT_CONNECT_TIMEOUT_MILLIS
                : request.connectTimeoutMillis();
        policy.requestTimeoutMillis = request.requestTimeoutMillis() == null
                ? DEFAULT_REQUEST_TIMEOUT_MILLIS
                : request.requestTimeoutMillis();
        policy.retries = request.retries();
        policy.limits = request.limits();
        policy.updatedAt = clock.instant();
    }

    private static boolean isUnchanged(RoutingPolicyEntity policy, RoutingPolicyRequest request) {
        RoutingPolicyEntity candidate = new RoutingPolicyEntity();
        candidate.strategy = request.strategy();
        candidate.weights = request.weights() == null ? Map.of() : request.weights();
        candidate.failoverOrder = request.failoverOrder() == null ? List.of() : request.failoverOrder();
        return policy.strategy == candidate.strategy
                && policy.weights.equals(candidate.weights)
                && policy.failoverOrder.equals(candidate.failoverOrder)
                && Objects.equals(policy.outlierDetection, request.outlierDetection())
                && policy.connectTimeoutMillis
                        == (request.connectTimeoutMillis() == null
                                ? DEFAULT_CONNECT_TIMEOUT_MILLIS
                                : request.connectTimeoutMillis())
                && policy.requestTimeoutMillis
                        == (request.requestTimeoutMillis() == null
                                ? DEFAULT_REQUEST_TIMEOUT_MILLIS
                                : request.requestTimeoutMillis())
                && Objects.equals(policy.retries, request.retries())
                && Objects.equals(policy.limits, request.limits());
    }

    /** Builds the renderer's input from the stored policy and the workload's current regions. */
    static RoutingInput input(WorkloadEntity workload, RoutingPolicyEntity policy) {
        List<RoutingInput.Region> regions = workload.regions.stream()
                .sorted(Comparator.comparing((RegionEntity region) -> region.name))
                .map(region -> new RoutingInput.Region(region.name, region.consulDatacenter))
                .toList();
        return new RoutingInput(
                workload.name,
                regions,
                policy.strategy,
                policy.weights,
                policy.failoverOrder,
                policy.outlierDetection,
                policy.connectTimeoutMillis,
                policy.requestTimeoutMillis,
                policy.retries,
                policy.limits,
                RoutingInput.healthCheckPath(workload.deployment));
    }
}
