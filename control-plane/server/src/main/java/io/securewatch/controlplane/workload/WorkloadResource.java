package io.securewatch.controlplane.workload;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.securewatch.api.v1.ApiPatterns;
import io.securewatch.api.v1.Page;
import io.securewatch.api.v1.PreScale;
import io.securewatch.api.v1.PreScaleRequest;
import io.securewatch.api.v1.ScalingPolicy;
import io.securewatch.api.v1.ScalingPolicyRequest;
import io.securewatch.api.v1.ScalingPreview;
import io.securewatch.api.v1.ValidationGroups;
import io.securewatch.api.v1.Workload;
import io.securewatch.api.v1.WorkloadCapacity;
import io.securewatch.api.v1.WorkloadRequest;
import io.securewatch.controlplane.audit.RequestOrigin;
import io.securewatch.controlplane.idempotency.IdempotentRequests;
import io.securewatch.controlplane.security.Caller;
import io.securewatch.controlplane.security.Roles;
import io.securewatch.controlplane.security.TenantScope;
import io.securewatch.controlplane.tenantrows.TenantRows;
import io.securewatch.controlplane.web.EntityTags;
import io.securewatch.controlplane.web.PageRequest;
import io.securewatch.controlplane.web.QueryParams;
import io.securewatch.controlplane.web.Responses;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.groups.ConvertGroup;
import jakarta.validation.groups.Default;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/workloads}: Deployments with their Services, run in a set of regions, and their scaling
 * policies. A tenant administrator manages its own tenant's workloads; every other workload answers 404.
 */
@TenantRows
@Path("/api/v1/workloads")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "basic")
@Tag(name = "Workloads")
public class WorkloadResource {

    private static final String ETAG_DESCRIPTION = "Version of the object, for If-Match";

    @Inject
    WorkloadService workloads;

    @Inject
    ScalingPolicyService policies;

    @Inject
    CapacityService capacity;

    @Inject
    IdempotentRequests idempotentRequests;

    @Inject
    RequestOrigin origin;

    @Inject
    Caller caller;

    @GET
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN})
    @Operation(
            summary = "List workloads",
            description = "In name order, filtered by owning tenant (platform for platform workloads) and region.")
    @APIResponse(responseCode = "200", description = "One page, in name order")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Page<Workload>> list(
            @Parameter(ref = "Cursor") @QueryParam("cursor") String cursor,
            @Parameter(ref = "Limit") @QueryParam("limit") String limit,
            @Parameter(description = "A tenant's slug, or platform for the platform's own workloads")
                    @QueryParam("tenant")
                    String tenant,
            @QueryParam("region") String region) {
        TenantScope scope = caller.tenantScope();
        PageRequest page = PageRequest.parse(cursor, limit);
        boolean platformOnly = "platform".equals(tenant);
        Optional<String> owner = platformOnly
                ? Optional.empty()
                : QueryParams.matching("tenant", tenant, ApiPatterns.DNS_LABEL, "must be a tenant slug or platform");
        if (scope.tenant().isPresent()) {
            if (platformOnly
                    || owner.isPresent() && !owner.get().equals(scope.tenant().get())) {
                return Uni.createFrom().item(new Page<>(List.of(), null));
            }
            owner = scope.tenant();
        }
        WorkloadRepository.WorkloadFilter filter = new WorkloadRepository.WorkloadFilter(
                owner,
                platformOnly,
                QueryParams.matching("region", region, ApiPatterns.DNS_LABEL, "must be a region name (a DNS label)"));
        return workloads.list(page, filter);
    }

    @POST
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.TENANT_ADMIN})
    @Operation(
            summary = "Create a workload",
            description = "A tenant administrator creates workloads of its own tenant. Accepts an Idempotency-Key"
                    + " header.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Workload.class)),
            headers = {
                @Header(name = "Location", description = "URL of the new object"),
                @Header(name = "ETag", description = ETAG_DESCRIPTION)
            })
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "IdempotencyKeyReused")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    @Parameter(ref = "IdempotencyKey")
    public Uni<Response> create(
            @NotNull(message = "request body is required")
                    @Valid
                    @ConvertGroup(from = Default.class, to = ValidationGroups.Create.class)
                    WorkloadRequest request,
            @Context HttpHeaders headers,
            @Context UriInfo uri) {
        TenantScope scope = caller.tenantScope();
        return idempotentRequests.execute(
                headers,
                request,
                () -> workloads
                        .create(request, scope, origin.current())
                        .map(workload -> Responses.created(
                                uri.getAbsolutePathBuilder().path(workload.name).build(),
                                WorkloadMapper.toApi(workload),
                                workload.version)));
    }

    @GET
    @Path("{workload}")
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN})
    @Operation(summary = "Get a workload", description = "The ETag header carries the version for If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The object",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Workload.class)),
            headers = {@Header(name = "ETag", description = ETAG_DESCRIPTION)})
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> get(@PathParam("workload") String name) {
        return workloads
                .get(name, caller.tenantScope())
                .map(workload -> Responses.ok(WorkloadMapper.toApi(workload), workload.version));
    }

    @PUT
    @Path("{workload}")
    @WithTransaction
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.TENANT_ADMIN})
    @Operation(summary = "Replace a workload", description = "Requires If-Match with the ETag of the last GET.")
    @APIResponse(
            responseCode = "200",
            description = "The object after the change",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Workload.class)),
            headers = {@Header(name = "ETag", description = ETAG_DESCRIPTION)})
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> update(
            @PathParam("workload") String name,
            @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
            @NotNull(message = "request body is required") @Valid WorkloadRequest request) {
        TenantScope scope = caller.tenantScope();
        EntityTags.IfMatch precondition = EntityTags.requireIfMatch(ifMatch);
        return workloads
                .update(name, request, precondition, scope, origin.current())
                .map(workload -> Responses.ok(WorkloadMapper.toApi(workload), workload.version));
    }

    @DELETE
    @Path("{workload}")
    @WithTransaction
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.TENANT_ADMIN})
    @Operation(
            summary = "Delete a workload",
            description = "Its objects, scaling policy included, leave every cluster. Fails with 409 while a drill"
                    + " targets the workload's service or lists it in its scope. If-Match is optional.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> delete(@PathParam("workload") String name, @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        EntityTags.IfMatch precondition = EntityTags.optionalIfMatch(ifMatch);
        return workloads
                .delete(name, precondition, caller.tenantScope(), origin.current())
                .replaceWith(Response.noContent().build());
    }

    @GET
    @Path("{workload}/scaling-policy")
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN})
    @Operation(summary = "Get a workload's scaling policy", description = "404 when the workload has none.")
    @APIResponse(
            responseCode = "200",
            description = "The policy",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ScalingPolicy.class)),
            headers = {@Header(name = "ETag", description = ETAG_DESCRIPTION)})
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> getPolicy(@PathParam("workload") String name) {
        return policies.get(name, caller.tenantScope())
                .map(found -> Responses.ok(WorkloadMapper.toApi(name, found.policy()), found.policy().version));
    }

    @POST
    @Path("{workload}/scaling-policy/preview")
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN})
    @Operation(
            summary = "Preview a scaling policy before setting it",
            description = "Checks the policy as PUT does and splits it over the clusters of the workload's regions:"
                    + " each cluster's replica bounds and the HorizontalPodAutoscaler its agent would apply."
                    + " Stores nothing and notifies no agent; needs no If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The policy per cluster",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ScalingPreview.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<ScalingPreview> previewPolicy(
            @PathParam("workload") String name,
            @NotNull(message = "request body is required") @Valid ScalingPolicyRequest request) {
        return policies.preview(name, request, caller.tenantScope());
    }

    @PUT
    @Path("{workload}/scaling-policy")
    @WithTransaction
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.TENANT_ADMIN})
    @Operation(
            summary = "Set a workload's scaling policy",
            description = "Creates the policy when the workload has none; replacing one requires If-Match with its"
                    + " ETag. Every cluster of the workload's regions gets a HorizontalPodAutoscaler with its share"
                    + " of the bounds.")
    @APIResponse(
            responseCode = "200",
            description = "The policy after the change",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ScalingPolicy.class)),
            headers = {@Header(name = "ETag", description = ETAG_DESCRIPTION)})
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> putPolicy(
            @PathParam("workload") String name,
            @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
            @NotNull(message = "request body is required") @Valid ScalingPolicyRequest request) {
        return policies.put(name, request, ifMatch, caller.tenantScope(), origin.current())
                .map(found -> Responses.ok(WorkloadMapper.toApi(name, found.policy()), found.policy().version));
    }

    @DELETE
    @Path("{workload}/scaling-policy")
    @WithTransaction
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.TENANT_ADMIN})
    @Operation(
            summary = "Remove a workload's scaling policy",
            description = "The clusters' autoscalers are removed and the Deployment's replicas are split again."
                    + " If-Match is optional.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> deletePolicy(
            @PathParam("workload") String name, @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        EntityTags.IfMatch precondition = EntityTags.optionalIfMatch(ifMatch);
        return policies.delete(name, precondition, caller.tenantScope(), origin.current())
                .replaceWith(Response.noContent().build());
    }

    @GET
    @Path("{workload}/capacity")
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN})
    @Operation(
            summary = "Get a workload's capacity and failover headroom",
            description = "Per region: current replicas and utilization from the connected agents' last"
                    + " heartbeats, the region's share of the bounds, its load in replicas at the target"
                    + " utilization, and whether the other regions can carry the whole load, with the policy's"
                    + " headroom, if this region fails.")
    @APIResponse(
            responseCode = "200",
            description = "The capacity, computed now",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = WorkloadCapacity.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<WorkloadCapacity> capacity(@PathParam("workload") String name) {
        return capacity.capacity(name, caller.tenantScope());
    }

    @GET
    @Path("{workload}/pre-scale")
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN})
    @Operation(summary = "Get the pre-scaling in force for a workload")
    @APIResponse(
            responseCode = "200",
            description = "The pre-scaling",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PreScale.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<PreScale> getPreScale(@PathParam("workload") String name) {
        return capacity.getPreScale(name, caller.tenantScope());
    }

    @POST
    @Path("{workload}/pre-scale")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(
            summary = "Pre-scale a workload before regions lose their traffic",
            description = "Raises the minimum replicas of the regions that stay, so that together they can carry"
                    + " the whole current load with the policy's headroom, in proportion to the traffic they will"
                    + " receive and never above their maximum. The scaling policy itself is unchanged; DELETE"
                    + " restores its bounds. 409 while another pre-scaling is in force or without a scaling"
                    + " policy. Accepts an Idempotency-Key header.")
    @APIResponse(
            responseCode = "201",
            description = "Pre-scaled",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PreScale.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "IdempotencyKeyReused")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    @Parameter(ref = "IdempotencyKey")
    public Uni<Response> preScale(
            @PathParam("workload") String name,
            @NotNull(message = "request body is required") @Valid PreScaleRequest request,
            @Context HttpHeaders headers) {
        TenantScope scope = caller.tenantScope();
        return idempotentRequests.execute(
                headers,
                request,
                () -> capacity.preScale(name, request, scope, origin.current())
                        .map(created -> Response.status(Response.Status.CREATED)
                                .entity(created)
                                .build()));
    }

    @DELETE
    @Path("{workload}/pre-scale")
    @WithTransaction
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(
            summary = "Restore a pre-scaled workload",
            description = "Deletes the pre-scaling, so the scaling policy's own bounds apply again.")
    @APIResponse(responseCode = "204", description = "Restored")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> restore(@PathParam("workload") String name) {
        return capacity.restore(name, caller.tenantScope(), origin.current())
                .replaceWith(Response.noContent().build());
    }
}
