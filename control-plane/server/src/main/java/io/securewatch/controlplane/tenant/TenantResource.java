package io.securewatch.controlplane.tenant;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.securewatch.api.v1.ApiPatterns;
import io.securewatch.api.v1.Page;
import io.securewatch.api.v1.Tenant;
import io.securewatch.api.v1.TenantEnvironments;
import io.securewatch.api.v1.TenantProvisioning;
import io.securewatch.api.v1.TenantRequest;
import io.securewatch.api.v1.TenantStatus;
import io.securewatch.api.v1.TenantTier;
import io.securewatch.api.v1.ValidationGroups;
import io.securewatch.controlplane.audit.RequestOrigin;
import io.securewatch.controlplane.idempotency.IdempotentRequests;
import io.securewatch.controlplane.security.Caller;
import io.securewatch.controlplane.security.Roles;
import io.securewatch.controlplane.security.TenantScope;
import io.securewatch.controlplane.tenantrows.TenantRows;
import io.securewatch.controlplane.web.EntityTags;
import io.securewatch.controlplane.web.PageRequest;
import io.securewatch.controlplane.web.QueryParams;
import io.securewatch.controlplane.web.RequestBodies;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/tenants}: the customers of the platform. A tenant administrator sees its own tenant only; every
 * other tenant answers 404, exactly as if it did not exist.
 */
@TenantRows
@Path("/api/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "basic")
@Tag(name = "Tenants")
public class TenantResource {

    @Inject
    TenantService tenants;

    @Inject
    IdempotentRequests idempotentRequests;

    @Inject
    RequestOrigin origin;

    @Inject
    Caller caller;

    @Inject
    TenantEnvironmentService environments;

    @GET
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN})
    @Operation(summary = "List tenants", description = "In slug order, filtered by tier, status, zone and region.")
    @APIResponse(responseCode = "200", description = "One page, in name order")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Page<Tenant>> list(
            @Parameter(ref = "Cursor") @QueryParam("cursor") String cursor,
            @Parameter(ref = "Limit") @QueryParam("limit") String limit,
            @QueryParam("tier") String tier,
            @QueryParam("status") String status,
            @QueryParam("residencyZone") String residencyZone,
            @QueryParam("region") String region) {
        TenantScope scope = caller.tenantScope();
        PageRequest page = PageRequest.parse(cursor, limit);
        TenantRepository.TenantFilter filter = new TenantRepository.TenantFilter(
                scope.tenant(),
                QueryParams.enumValue("tier", tier, TenantTier.class),
                QueryParams.enumValue("status", status, TenantStatus.class),
                QueryParams.matching(
                        "residencyZone",
                        residencyZone,
                        ApiPatterns.RESIDENCY_ZONE,
                        "must be a residency zone code: 2 to 16 uppercase letters, digits or '-', such as EU"),
                QueryParams.matching("region", region, ApiPatterns.DNS_LABEL, "must be a region name (a DNS label)"));
        return tenants.list(page, filter);
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Create a tenant", description = "Accepts an Idempotency-Key header.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Tenant.class)),
            headers = {
                @Header(name = "Location", description = "URL of the new object"),
                @Header(name = "ETag", description = "Version of the object, for If-Match")
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
                    TenantRequest request,
            @Context HttpHeaders headers,
            @Context UriInfo uri) {
        return idempotentRequests.execute(
                headers,
                request,
                () -> tenants.create(request, origin.current())
                        .map(tenant -> Responses.created(
                                uri.getAbsolutePathBuilder().path(tenant.slug).build(),
                                TenantMapper.toApi(tenant),
                                tenant.version)));
    }

    @GET
    @Path("{tenant}")
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN})
    @Operation(summary = "Get a tenant", description = "The ETag header carries the version for If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The object",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Tenant.class)),
            headers = {@Header(name = "ETag", description = "Version of the object, for If-Match")})
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> get(@PathParam("tenant") String slug) {
        TenantScope scope = caller.tenantScope();
        return tenants.get(slug, scope).map(tenant -> Responses.ok(TenantMapper.toApi(tenant), tenant.version));
    }

    @GET
    @Path("{tenant}/environments")
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN})
    @Operation(
            summary = "Get a tenant's environment per region",
            description = "For each region of the tenant, the state of its environment in every cluster there, as"
                    + " the agents report it: failed, disconnected, pending, drifted or applied, and the region's"
                    + " worst. Drift counts only objects in the tenant's namespace.")
    @APIResponse(
            responseCode = "200",
            description = "The environments",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TenantEnvironments.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<TenantEnvironments> environments(@PathParam("tenant") String slug) {
        return environments.environments(slug, caller.tenantScope());
    }

    @GET
    @Path("{tenant}/provisioning")
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN})
    @Operation(
            summary = "Get the steps of a tenant's latest operation",
            description = "Its provisioning, a change, a suspension, a resumption or its deletion: each step (the"
                    + " identity in Keycloak, the environment in each region) with its state, failures, latest error"
                    + " and next attempt. A provisioning tenant becomes ready when every step is done.")
    @APIResponse(
            responseCode = "200",
            description = "The steps",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TenantProvisioning.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<TenantProvisioning> provisioning(@PathParam("tenant") String slug) {
        return tenants.provisioning(slug, caller.tenantScope());
    }

    @PUT
    @Path("{tenant}")
    @WithTransaction
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(summary = "Replace a tenant", description = "Requires If-Match with the ETag of the last GET.")
    @APIResponse(
            responseCode = "200",
            description = "The object after the change",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Tenant.class)),
            headers = {@Header(name = "ETag", description = "Version of the object, for If-Match")})
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
            @PathParam("tenant") String slug,
            @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
            @NotNull(message = "request body is required") @Valid TenantRequest request) {
        TenantScope scope = caller.tenantScope();
        EntityTags.IfMatch precondition = EntityTags.requireIfMatch(ifMatch);
        return tenants.update(slug, request, precondition, scope, origin.current())
                .map(tenant -> Responses.ok(TenantMapper.toApi(tenant), tenant.version));
    }

    @POST
    @Path("{tenant}/suspend")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(
            summary = "Suspend a tenant",
            description = "Ready to suspended; no change when already suspended. Takes no body; If-Match is optional.")
    @APIResponse(
            responseCode = "200",
            description = "The tenant after the change",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Tenant.class)),
            headers = {@Header(name = "ETag", description = "Version of the object, for If-Match")})
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "IdempotencyKeyReused")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    @Parameter(ref = "IdempotencyKey")
    public Uni<Response> suspend(
            @PathParam("tenant") String slug,
            @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
            @Context HttpHeaders headers) {
        TenantScope scope = caller.tenantScope();
        RequestBodies.requireNone(headers);
        EntityTags.IfMatch precondition = EntityTags.optionalIfMatch(ifMatch);
        return idempotentRequests.execute(
                headers,
                slug,
                () -> tenants.suspend(slug, precondition, scope, origin.current())
                        .map(tenant -> Responses.ok(TenantMapper.toApi(tenant), tenant.version)));
    }

    @POST
    @Path("{tenant}/resume")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(
            summary = "Resume a tenant",
            description = "Suspended to ready; no change when already ready. Takes no body; If-Match is optional.")
    @APIResponse(
            responseCode = "200",
            description = "The tenant after the change",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Tenant.class)),
            headers = {@Header(name = "ETag", description = "Version of the object, for If-Match")})
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "IdempotencyKeyReused")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    @Parameter(ref = "IdempotencyKey")
    public Uni<Response> resume(
            @PathParam("tenant") String slug,
            @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
            @Context HttpHeaders headers) {
        TenantScope scope = caller.tenantScope();
        RequestBodies.requireNone(headers);
        EntityTags.IfMatch precondition = EntityTags.optionalIfMatch(ifMatch);
        return idempotentRequests.execute(
                headers,
                slug,
                () -> tenants.resume(slug, precondition, scope, origin.current())
                        .map(tenant -> Responses.ok(TenantMapper.toApi(tenant), tenant.version)));
    }

    @DELETE
    @Path("{tenant}")
    @WithTransaction
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(
            summary = "Delete a tenant",
            description = "Fails with 409 while the tenant owns workloads or a drill's scope lists it. Disables the"
                    + " tenant's identity and removes its namespaces; the tenant is removed when that is done."
                    + " If-Match is optional.")
    @APIResponse(responseCode = "204", description = "Deleted at once: no step had to wait")
    @APIResponse(
            responseCode = "202",
            description = "Deletion started: the tenant is deleting until its steps are done",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Tenant.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> delete(@PathParam("tenant") String slug, @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        TenantScope scope = caller.tenantScope();
        EntityTags.IfMatch precondition = EntityTags.optionalIfMatch(ifMatch);
        return tenants.delete(slug, precondition, scope, origin.current())
                .map(tenant -> tenant == null
                        ? Response.noContent().build()
                        : Responses.accepted(TenantMapper.toApi(tenant), tenant.version));
    }
}
