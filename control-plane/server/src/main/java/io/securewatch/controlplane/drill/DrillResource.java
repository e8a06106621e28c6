package io.securewatch.controlplane.drill;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.securewatch.api.v1.ApiPatterns;
import io.securewatch.api.v1.Drill;
import io.securewatch.api.v1.DrillAbortRequest;
import io.securewatch.api.v1.DrillRequest;
import io.securewatch.api.v1.KillSwitchResult;
import io.securewatch.api.v1.Page;
import io.securewatch.api.v1.ValidationGroups;
import io.securewatch.controlplane.audit.RequestOrigin;
import io.securewatch.controlplane.idempotency.IdempotentRequests;
import io.securewatch.controlplane.security.Roles;
import io.securewatch.controlplane.web.ApiException;
import io.securewatch.controlplane.web.EntityTags;
import io.securewatch.controlplane.web.PageRequest;
import io.securewatch.controlplane.web.ProblemType;
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

/**
 * {@code /api/v1/drills}: definitions of failover drills, which act on the platform's regions, clusters and
 * services. Platform administrators and operators manage them, viewers read them, and tenant administrators are
 * forbidden.
 */
@Path("/api/v1/drills")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "basic")
@Tag(name = "Drills")
public class DrillResource {

    private static final String ETAG_DESCRIPTION = "Version of the object, for If-Match";

    @Inject
    DrillService drills;

    @Inject
    DrillRunService runs;

    @Inject
    IdempotentRequests idempotentRequests;

    @Inject
    RequestOrigin origin;

    @GET
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER})
    @Operation(summary = "List drills", description = "In name order, filtered by type and target.")
    @APIResponse(responseCode = "200", description = "One page, in name order")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Page<Drill>> list(
            @Parameter(ref = "Cursor") @QueryParam("cursor") String cursor,
            @Parameter(ref = "Limit") @QueryParam("limit") String limit,
            @Parameter(description = "region-evacuation, cluster-evacuation or service-failover") @QueryParam("type")
                    String type,
            @Parameter(description = "Name of the region, cluster or service the drills target") @QueryParam("target")
                    String target) {
        PageRequest page = PageRequest.parse(cursor, limit);
        return drills.list(
                page,
                QueryParams.enumValue("type", type, DrillRequest.Type.class),
                QueryParams.matching(
                        "target", target, ApiPatterns.DNS_LABEL, "must be a region, cluster or service name"));
    }

    @POST
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(
            summary = "Create a drill",
            description = "The target and every service and tenant of the scope must exist. With a schedule, the"
                    + " control plane starts a run in the drill's mode at each fire of the Quartz cron expression"
                    + " (UTC). Accepts an Idempotency-Key header.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Drill.class)),
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
                    DrillRequest request,
            @Context HttpHeaders headers,
            @Context UriInfo uri) {
        return idempotentRequests.execute(
                headers,
                request,
                () -> drills.create(request, origin.current())
                        .map(drill -> Responses.created(
                                uri.getAbsolutePathBuilder().path(drill.name).build(),
                                DrillMapper.toApi(drill),
                                drill.version)));
    }

    @GET
    @Path("{drill}")
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER})
    @Operation(summary = "Get a drill", description = "The ETag header carries the version for If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The object",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Drill.class)),
            headers = {@Header(name = "ETag", description = ETAG_DESCRIPTION)})
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> get(@PathParam("drill") String name) {
        return drills.get(name).map(drill -> Responses.ok(DrillMapper.toApi(drill), drill.version));
    }

    @PUT
    @Path("{drill}")
    @WithTransaction
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(
            summary = "Replace a drill",
            description = "Requires If-Match with the ETag of the last GET. Omitted optional fields take their"
                    + " defaults, as on create.")
    @APIResponse(
            responseCode = "200",
            description = "The object after the change",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Drill.class)),
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
            @PathParam("drill") String name,
            @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
            @NotNull(message = "request body is required") @Valid DrillRequest request) {
        EntityTags.IfMatch precondition = EntityTags.requireIfMatch(ifMatch);
        return drills.update(name, request, precondition, origin.current())
                .map(drill -> Responses.ok(DrillMapper.toApi(drill), drill.version));
    }

    @DELETE
    @Path("{drill}")
    @WithTransaction
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(summary = "Delete a drill", description = "If-Match is optional.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> delete(@PathParam("drill") String name, @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        EntityTags.IfMatch precondition = EntityTags.optionalIfMatch(ifMatch);
        return drills.delete(name, precondition, origin.current())
                .replaceWith(Response.noContent().build());
    }

    @POST
    @Path("kill-switch")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(
            summary = "Abort every running drill run",
            description = "Restores the routing and scaling from before each running drill at once, in one"
                    + " transaction. The body, with a reason, is optional.")
    @APIResponse(
            responseCode = "200",
            description = "The runs it aborted",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = KillSwitchResult.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<KillSwitchResult> killSwitch(@Valid DrillAbortRequest request) {
        return Panache.withTransaction(() -> runs.killSwitch(request, origin.current()));
    }

    /** Pulls the kill switch for a POST without a body or Content-Type; a body of another type is rejected. */
    @POST
    @Path("kill-switch")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(hidden = true)
    public Uni<KillSwitchResult> killSwitchWithoutBody(String body) {
        if (body != null && !body.isBlank()) {
            return Uni.createFrom()
                    .failure(new ApiException(
                            ProblemType.UNSUPPORTED_MEDIA_TYPE,
                            "send the body as application/json, or no body to abort without a reason"));
        }
        return killSwitch(null);
    }
}
