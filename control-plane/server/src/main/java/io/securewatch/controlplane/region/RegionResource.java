package io.securewatch.controlplane.region;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.securewatch.api.v1.ApiPatterns;
import io.securewatch.api.v1.Page;
import io.securewatch.api.v1.Region;
import io.securewatch.api.v1.RegionHealth;
import io.securewatch.api.v1.RegionRequest;
import io.securewatch.api.v1.RegionStatus;
import io.securewatch.api.v1.ValidationGroups;
import io.securewatch.controlplane.audit.RequestOrigin;
import io.securewatch.controlplane.idempotency.IdempotentRequests;
import io.securewatch.controlplane.security.Roles;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/regions}: the regions the platform runs in. Any role may read them. */
@Path("/api/v1/regions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "basic")
@Tag(name = "Regions")
public class RegionResource {

    @Inject
    RegionService regions;

    @Inject
    RegionHealthService regionHealth;

    @Inject
    IdempotentRequests idempotentRequests;

    @Inject
    RequestOrigin origin;

    @GET
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN})
    @Operation(summary = "List regions", description = "In name order, filtered by residency zone and status.")
    @APIResponse(responseCode = "200", description = "One page, in name order")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Page<Region>> list(
            @Parameter(ref = "Cursor") @QueryParam("cursor") String cursor,
            @Parameter(ref = "Limit") @QueryParam("limit") String limit,
            @QueryParam("residencyZone") String residencyZone,
            @QueryParam("status") String status) {
        PageRequest page = PageRequest.parse(cursor, limit);
        return regions.list(
                page,
                QueryParams.matching(
                        "residencyZone",
                        residencyZone,
                        ApiPatterns.RESIDENCY_ZONE,
                        "must be a residency zone code: 2 to 16 uppercase letters, digits or '-', such as EU"),
                QueryParams.enumValue("status", status, RegionStatus.class));
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Create a region", description = "Accepts an Idempotency-Key header.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Region.class)),
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
                    RegionRequest request,
            @Context HttpHeaders headers,
            @Context UriInfo uri) {
        return idempotentRequests.execute(
                headers,
                request,
                () -> regions.create(request, origin.current())
                        .map(region -> Responses.created(
                                uri.getAbsolutePathBuilder().path(region.name).build(),
                                RegionMapper.toApi(region),
                                region.version)));
    }

    @GET
    @Path("{region}")
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN})
    @Operation(summary = "Get a region", description = "The ETag header carries the version for If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The object",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Region.class)),
            headers = {@Header(name = "ETag", description = "Version of the object, for If-Match")})
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> get(@PathParam("region") String name) {
        return regions.get(name).map(region -> Responses.ok(RegionMapper.toApi(region), region.version));
    }

    @GET
    @Path("{region}/status")
    @WithSession
    // Cluster counts and Consul addresses are infrastructure detail, hidden from tenant admins like clusters are.
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER})
    @Operation(
            summary = "Get a region's status",
            description = "Its clusters, how many of their agents are connected, and the health of its Consul as the"
                    + " catalog watch last recorded it: circuit breaker, last contact and whether the region's catalog"
                    + " entries are stale. Reads only the database, never Consul.")
    @APIResponse(
            responseCode = "200",
            description = "The status",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RegionHealth.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<RegionHealth> status(@PathParam("region") String name) {
        return regionHealth.get(name);
    }

    @PUT
    @Path("{region}")
    @WithTransaction
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(summary = "Replace a region", description = "Requires If-Match with the ETag of the last GET.")
    @APIResponse(
            responseCode = "200",
            description = "The object after the change",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Region.class)),
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
            @PathParam("region") String name,
            @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
            @NotNull(message = "request body is required") @Valid RegionRequest request) {
        EntityTags.IfMatch precondition = EntityTags.requireIfMatch(ifMatch);
        return regions.update(name, request, precondition, origin.current())
                .map(region -> Responses.ok(RegionMapper.toApi(region), region.version));
    }

    @DELETE
    @Path("{region}")
    @WithTransaction
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(
            summary = "Delete a region",
            description = "Fails with 409 while clusters, tenants or workloads use the region or a drill targets it."
                    + " If-Match is optional.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> delete(@PathParam("region") String name, @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        EntityTags.IfMatch precondition = EntityTags.optionalIfMatch(ifMatch);
        return regions.delete(name, precondition, origin.current())
                .replaceWith(Response.noContent().build());
    }
}
