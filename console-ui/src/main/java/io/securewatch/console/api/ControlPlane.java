package io.securewatch.console.api;

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
import java.util.List;
import java.util.Optional;

/**
 * The control plane's REST API as the console uses it, on behalf of one signed-in user: every call carries that
 * user's credentials, so the API's role and tenant checks apply unchanged. Lists are read to their end.
 *
 * @see HttpControlPlane
 */
public interface ControlPlane {

    /**
     * Checks the credentials and returns the user they sign in as, with roles and tenant.
     *
     * @throws ApiError with status 401 when the API rejects them
     */
    CurrentUser signIn(Credentials credentials);

    List<Region> regions(Credentials credentials);

    List<Cluster> clusters(Credentials credentials);

    ClusterStatus clusterStatus(Credentials credentials, String cluster);

    /**
     * Creates a one-time token with which an agent registers for the cluster. The API returns the token only in
     * this response and stores its hash, so the caller must neither log nor keep it.
     *
     * @throws ApiError with status 403 for roles other than platform admin and operator, 404 for an unknown cluster
     */
    RegistrationToken createRegistrationToken(Credentials credentials, String cluster);

    List<Drill> drills(Credentials credentials);

    /**
     * Returns one drill with its current version.
     *
     * @throws ApiError with status 404 when the drill does not exist
     */
    Drill drill(Credentials credentials, String drill);

    /**
     * Creates a drill.
     *
     * @throws ApiError with status 400 and field errors when the request is invalid, such as a target that does not
     *     exist, or 409 when a drill of that name exists
     */
    Drill createDrill(Credentials credentials, DrillRequest request);

    /**
     * Replaces a drill's definition, sending the version it is based on as {@code If-Match}.
     *
     * @throws ApiError with status 412 when the drill has changed since that version, or 400 with field errors
     */
    Drill updateDrill(Credentials credentials, String drill, DrillRequest request, long version);

    /**
     * Deletes a drill with its runs and their reports, sending the version the user saw as {@code If-Match}.
     *
     * @throws ApiError with status 412 when the drill has changed since that version, or 409 while a run is in
     *     progress
     */
    void deleteDrill(Credentials credentials, String drill, long version);

    /** Returns the drill's runs, newest first, up to the given number. */
    List<DrillRun> runs(Credentials credentials, String drill, int limit);

    /** Starts a run of the drill, dry or live. */
    DrillRun startRun(Credentials credentials, String drill, boolean dryRun);

    /**
     * Returns the tenants the user may see that match the filter.
     *
     * @param filter query parameters of {@code GET /api/v1/tenants}, such as {@code tier}; empty values are left out
     */
    List<Tenant> tenants(Credentials credentials, java.util.Map<String, String> filter);

    /**
     * Returns the newest audit events that match the filter, up to the given number.
     *
     * @param filter query parameters of {@code GET /api/v1/audit-events}, such as {@code actor}; empty values are
     *     left out
     */
    List<AuditEvent> auditEvents(Credentials credentials, java.util.Map<String, String> filter, int limit);

    /** Returns one run of a drill with its steps, measurements and events. */
    DrillRun run(Credentials credentials, String drill, long run);

    /** Aborts a running run, which restores the routing and scaling from before it at once. */
    DrillRun abort(Credentials credentials, String drill, long run, String reason);

    /** Aborts every running run, and returns them as {@code <drill>/<run>}. */
    List<String> killSwitch(Credentials credentials, String reason);

    /** Returns the workloads the user may see. */
    List<Workload> workloads(Credentials credentials);

    /** Returns a workload's capacity and failover headroom per region. */
    WorkloadCapacity capacity(Credentials credentials, String workload);

    /** Creates a tenant. */
    Tenant createTenant(Credentials credentials, TenantRequest request);

    /** Suspends a ready tenant; a suspended one stays as it is. */
    Tenant suspendTenant(Credentials credentials, String tenant);

    /** Resumes a suspended tenant; a ready one stays as it is. */
    Tenant resumeTenant(Credentials credentials, String tenant);

    /** Returns the tenant's environment per region, with each cluster's state. */
    TenantEnvironments environments(Credentials credentials, String tenant);

    /** Returns the steps of the tenant's latest operation, such as its provisioning. */
    TenantProvisioning provisioning(Credentials credentials, String tenant);

    /**
     * Deletes a tenant. The API rejects this while the tenant owns workloads or a drill's scope lists it.
     *
     * @return the tenant while its deletion steps run, or null when it was removed at once
     */
    Tenant deleteTenant(Credentials credentials, String tenant);

    /** Returns the services in Consul's catalog that the user may see, with their health per region. */
    List<CatalogService> services(Credentials credentials);

    /** Returns a service's routing policy, or nothing when the service has none. */
    Optional<RoutingPolicy> routingPolicy(Credentials credentials, String service);

    /**
     * Creates or replaces a service's routing policy.
     *
     * @param version the version of the policy the change is based on, sent as {@code If-Match}; null to create one
     */
    RoutingPolicy putRoutingPolicy(Credentials credentials, String service, RoutingPolicyRequest request, Long version);

    /** Renders a routing policy as the regions would receive it, without storing it. */
    RenderedRouting previewRouting(Credentials credentials, String service, RoutingPolicyRequest request);

    /** Returns the report of a drill run. */
    DrillReport report(Credentials credentials, String drill, long run);

    /**
     * Returns the report of a drill run as a document to download.
     *
     * @param format {@code markdown} or {@code html}
     */
    String reportDocument(Credentials credentials, String drill, long run, String format);

    /** Returns a workload's scaling policy, or nothing when it has none. */
    Optional<ScalingPolicy> scalingPolicy(Credentials credentials, String workload);

    /**
     * Creates or replaces a workload's scaling policy.
     *
     * @param version the version of the policy the change is based on, sent as {@code If-Match}; null to create one
     */
    ScalingPolicy putScalingPolicy(
            Credentials credentials, String workload, ScalingPolicyRequest request, Long version);

    /** Splits a scaling policy over the workload's clusters as it would apply, without storing it. */
    ScalingPreview previewScaling(Credentials credentials, String workload, ScalingPolicyRequest request);
}
