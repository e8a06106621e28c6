package io.securewatch.console.ui;

import io.securewatch.api.v1.AuditEvent;
import io.securewatch.api.v1.CatalogService;
import io.securewatch.api.v1.Cluster;
import io.securewatch.api.v1.ClusterStatus;
import io.securewatch.api.v1.CurrentUser;
import io.securewatch.api.v1.Drill;
import io.securewatch.api.v1.DrillReport;
import io.securewatch.api.v1.DrillRequest;
import io.securewatch.api.v1.DrillRun;
import io.securewatch.api.v1.Region;
import io.securewatch.api.v1.RegistrationToken;
import io.securewatch.api.v1.RenderedRouting;
import io.securewatch.api.v1.RoutingPolicy;
import io.securewatch.api.v1.RoutingPolicyRequest;
import io.securewatch.api.v1.ScalingPolicy;
import io.securewatch.api.v1.ScalingPolicyRequest;
import io.securewatch.api.v1.ScalingPreview;
import io.securewatch.api.v1.Tenant;
import io.securewatch.api.v1.TenantEnvironments;
import io.securewatch.api.v1.TenantProvisioning;
import io.securewatch.api.v1.TenantRequest;
import io.securewatch.api.v1.Workload;
import io.securewatch.api.v1.WorkloadCapacity;
import io.securewatch.console.api.ApiError;
import io.securewatch.console.api.ControlPlane;
import io.securewatch.console.api.Credentials;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A control plane in memory for view tests, which returns its lists and records the runs started. Drill writes
 * change {@link #drills} as the API would, without its checks, and are recorded in {@link #drillChanges}.
 */
final class FakeControlPlane implements ControlPlane {

    final List<Region> regions = new ArrayList<>();
    final List<Cluster> clusters = new ArrayList<>();
    final Map<String, ClusterStatus> statuses = new HashMap<>();
    final List<Drill> drills = new ArrayList<>();
    final Map<String, List<DrillRun>> runs = new HashMap<>();
    final List<String> started = new ArrayList<>();
    final List<Tenant> tenants = new ArrayList<>();
    final List<AuditEvent> auditEvents = new ArrayList<>();
    final List<Map<String, String>> filters = new ArrayList<>();
    final Map<String, DrillRun> details = new HashMap<>();
    final List<String> aborted = new ArrayList<>();
    final List<Workload> workloads = new ArrayList<>();
    final Map<String, WorkloadCapacity> capacities = new HashMap<>();
    final Map<String, String> passwords = new HashMap<>(Map.of("admin", "admin"));
    /** The users the API signs in by access token, keyed by token. */
    final Map<String, CurrentUser> bearerUsers = new HashMap<>();

    final List<TenantRequest> createdTenants = new ArrayList<>();
    final List<String> tenantChanges = new ArrayList<>();
    final Map<String, TenantEnvironments> environments = new HashMap<>();
    final Map<String, TenantProvisioning> provisioning = new HashMap<>();
    final List<CatalogService> catalog = new ArrayList<>();
    final Map<String, RoutingPolicy> policies = new HashMap<>();
    final List<String> puts = new ArrayList<>();
    final List<RoutingPolicyRequest> previews = new ArrayList<>();
    RenderedRouting rendered;
    final Map<String, DrillReport> reports = new HashMap<>();
    final Map<String, ScalingPolicy> scalingPolicies = new HashMap<>();
    final List<ScalingPolicyRequest> scalingPreviews = new ArrayList<>();
    ScalingPreview scalingPreview;
    final List<String> tokenRequests = new ArrayList<>();
    final List<DrillRequest> drillRequests = new ArrayList<>();
    final List<String> drillChanges = new ArrayList<>();

    /** When set, every call fails with it. */
    ApiError failure;

    @Override
    public CurrentUser signIn(Credentials credentials) {
        check();
        if (credentials.authorization().startsWith("Bearer ")) {
            CurrentUser user = bearerUsers.get(credentials.authorization().substring("Bearer ".length()));
            if (user == null) {
                throw new ApiError(401, "the user name or password is not valid", List.of());
            }
            return user;
        }
        String password = passwords.get(credentials.user());
        if (password == null
                || !credentials.authorization().equals(new Credentials(credentials.user(), password).authorization())) {
            throw new ApiError(401, "the user name or password is not valid", List.of());
        }
        return credentials.user().endsWith("-admin")
                ? new CurrentUser(
                        credentials.user(),
                        List.of("tenant-admin"),
                        credentials.user().replace("-admin", ""))
                : new CurrentUser(credentials.user(), List.of("platform-admin"), null);
    }

    @Override
    public List<Region> regions(Credentials credentials) {
        check();
        return regions;
    }

    @Override
    public List<Cluster> clusters(Credentials credentials) {
        check();
        return clusters;
    }

    @Override
    public ClusterStatus clusterStatus(Credentials credentials, String cluster) {
        check();
        return statuses.get(cluster);
    }

    /** Returns a token made of the cluster's name, with an expiry one hour after {@link OverviewTest#NOW}. */
    @Override
    public RegistrationToken createRegistrationToken(Credentials credentials, String cluster) {
        check();
        tokenRequests.add(cluster);
        String token = "swrt_" + cluster;
        return new RegistrationToken(
                cluster,
                token,
                OverviewTest.NOW.plusSeconds(3600),
                "SECUREWATCH_AGENT_CLUSTER=" + cluster + " SECUREWATCH_AGENT_REGISTRATION_TOKEN=" + token
                        + " java -jar cluster-agent.jar");
    }

    @Override
    public List<Drill> drills(Credentials credentials) {
        check();
        return drills;
    }

    @Override
    public Drill drill(Credentials credentials, String drill) {
        check();
        return drills.stream()
                .filter(candidate -> candidate.name().equals(drill))
                .findFirst()
                .orElseThrow(() -> new ApiError(404, "drill '" + drill + "' not found", List.of()));
    }

    @Override
    public Drill createDrill(Credentials credentials, DrillRequest request) {
        check();
        drillRequests.add(request);
        drillChanges.add("create " + request.name());
        Drill created = stored(request.name(), request, 1, "admin");
        drills.add(created);
        return created;
    }

    @Override
    public Drill updateDrill(Credentials credentials, String drill, DrillRequest request, long version) {
        check();
        drillRequests.add(request);
        drillChanges.add("update " + drill + " at " + version);
        Drill current = drill(credentials, drill);
        Drill updated = stored(drill, request, version + 1, current.createdBy());
        drills.set(drills.indexOf(current), updated);
        return updated;
    }

    @Override
    public void deleteDrill(Credentials credentials, String drill, long version) {
        check();
        drillChanges.add("delete " + drill + " at " + version);
        drills.removeIf(candidate -> candidate.name().equals(drill));
    }

    /** Returns the drill the API would store for the request, with its defaults filled in. */
    private static Drill stored(String name, DrillRequest request, long version, String createdBy) {
        Instant at = Instant.parse("2026-12-05T10:00:00Z");
        return new Drill(
                name,
                request.type(),
                request.target(),
                request.scope() == null
                        ? DrillRequest.Scope.EVERYTHING
                        : request.scope().withDefaults(),
                request.guardrails() == null
                        ? DrillRequest.Guardrails.DEFAULTS
                        : request.guardrails().withDefaults(),
                request.mode() == null ? DrillRequest.Mode.DRY_RUN : request.mode(),
                request.schedule(),
                createdBy,
                version,
                at,
                at);
    }

    @Override
    public List<DrillRun> runs(Credentials credentials, String drill, int limit) {
        check();
        return runs.getOrDefault(drill, List.of());
    }

    @Override
    public DrillRun startRun(Credentials credentials, String drill, boolean dryRun) {
        check();
        started.add(drill + (dryRun ? " dry" : " live"));
        return null;
    }

    @Override
    public List<Tenant> tenants(Credentials credentials, Map<String, String> filter) {
        check();
        filters.add(filter);
        return tenants;
    }

    @Override
    public List<AuditEvent> auditEvents(Credentials credentials, Map<String, String> filter, int limit) {
        check();
        filters.add(filter);
        return auditEvents;
    }

    @Override
    public DrillRun run(Credentials credentials, String drill, long run) {
        check();
        return details.get(drill + "/" + run);
    }

    @Override
    public DrillRun abort(Credentials credentials, String drill, long run, String reason) {
        check();
        aborted.add(drill + "/" + run);
        return details.get(drill + "/" + run);
    }

    @Override
    public List<String> killSwitch(Credentials credentials, String reason) {
        check();
        aborted.add("kill-switch");
        return List.of("evacuate-eu-west-1/3");
    }

    @Override
    public List<Workload> workloads(Credentials credentials) {
        check();
        return workloads;
    }

    @Override
    public WorkloadCapacity capacity(Credentials credentials, String workload) {
        check();
        return capacities.get(workload);
    }

    private void check() {
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public Tenant createTenant(Credentials credentials, TenantRequest request) {
        check();
        createdTenants.add(request);
        return new Tenant(
                request.slug(),
                request.displayName(),
                request.tier(),
                request.residencyZones(),
                request.regions(),
                request.quota(),
                io.securewatch.api.v1.TenantStatus.READY,
                0,
                null,
                null);
    }

    @Override
    public Tenant suspendTenant(Credentials credentials, String tenant) {
        check();
        tenantChanges.add("suspend " + tenant);
        return null;
    }

    @Override
    public Tenant resumeTenant(Credentials credentials, String tenant) {
        check();
        tenantChanges.add("resume " + tenant);
        return null;
    }

    @Override
    public TenantEnvironments environments(Credentials credentials, String tenant) {
        check();
        return environments.getOrDefault(
                tenant, new TenantEnvironments(tenant, io.securewatch.api.v1.TenantStatus.READY, List.of()));
    }

    @Override
    public TenantProvisioning provisioning(Credentials credentials, String tenant) {
        check();
        return provisioning.getOrDefault(
                tenant,
                new TenantProvisioning(tenant, io.securewatch.api.v1.TenantStatus.READY, null, true, List.of()));
    }

    @Override
    public Tenant deleteTenant(Credentials credentials, String tenant) {
        check();
        tenantChanges.add("delete " + tenant);
        return null;
    }

    @Override
    public List<CatalogService> services(Credentials credentials) {
        check();
        return catalog;
    }

    @Override
    public Optional<RoutingPolicy> routingPolicy(Credentials credentials, String service) {
        check();
        return Optional.ofNullable(policies.get(service));
    }

    @Override
    public RoutingPolicy putRoutingPolicy(
            Credentials credentials, String service, RoutingPolicyRequest request, Long version) {
        check();
        puts.add(service + " at " + version);
        RoutingPolicy stored = new RoutingPolicy(
                service,
                request.strategy(),
                request.weights(),
                request.failoverOrder(),
                request.outlierDetection(),
                request.connectTimeoutMillis(),
                request.requestTimeoutMillis(),
                request.retries(),
                request.limits(),
                version == null ? 0 : version + 1,
                null,
                null);
        policies.put(service, stored);
        return stored;
    }

    @Override
    public RenderedRouting previewRouting(Credentials credentials, String service, RoutingPolicyRequest request) {
        check();
        previews.add(request);
        return rendered;
    }

    @Override
    public DrillReport report(Credentials credentials, String drill, long run) {
        check();
        return reports.get(drill + "/" + run);
    }

    @Override
    public String reportDocument(Credentials credentials, String drill, long run, String format) {
        check();
        return "# Drill report " + drill + "/" + run + " as " + format;
    }

    @Override
    public Optional<ScalingPolicy> scalingPolicy(Credentials credentials, String workload) {
        check();
        return Optional.ofNullable(scalingPolicies.get(workload));
    }

    @Override
    public ScalingPolicy putScalingPolicy(
            Credentials credentials, String workload, ScalingPolicyRequest request, Long version) {
        check();
        puts.add(workload + " at " + version);
        ScalingPolicy stored = new ScalingPolicy(
                workload,
                request.minReplicas(),
                request.maxReplicas(),
                request.targetCpuUtilization(),
                request.targetMemoryUtilization(),
                request.behavior(),
                request.failoverHeadroomPercent() == null ? 0 : request.failoverHeadroomPercent(),
                request.regionOverrides(),
                version == null ? 0 : version + 1,
                null,
                null);
        scalingPolicies.put(workload, stored);
        return stored;
    }

    @Override
    public ScalingPreview previewScaling(Credentials credentials, String workload, ScalingPolicyRequest request) {
        check();
        scalingPreviews.add(request);
        return scalingPreview;
    }
}
