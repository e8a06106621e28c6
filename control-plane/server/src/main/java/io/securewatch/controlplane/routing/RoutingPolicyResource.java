package io.securewatch.controlplane.routing;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.securewatch.api.v1.RenderedRouting;
import io.securewatch.api.v1.RoutingPolicy;
import io.securewatch.api.v1.RoutingPolicyRequest;
import io.securewatch.controlplane.audit.RequestOrigin;
import io.securewatch.controlplane.security.Caller;
import io.securewatch.controlplane.security.Roles;
import io.securewatch.controlplane.tenantrows.TenantRows;
import io.securewatch.controlplane.web.EntityTags;
import io.securewatch.controlplane.web.Responses;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Routing policies of services: a service is a workload with a Service, named after the workload. */
@TenantRows
@Path("/api/v1/services/{service}/routing-policy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "basic")
@Tag(name = "Services")
public class RoutingPolicyResource {

    private static final String ETAG_DESCRIPTION = "Version of the object, for If-Match";

    @Inject
    RoutingPolicyService policies;

    @Inject
    RequestOrigin origin;

    @Inject
    Caller caller;

    @GET
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN})
    @Operation(summary = "Get a service's routing policy")
    @APIResponse(
            responseCode = "200",
            description = "The policy",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RoutingPolicy.class)),
            headers = {@Header(name = "ETag", description = ETAG_DESCRIPTION)})
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> get(@PathParam("service") String service) {
        return policies.get(service, caller.tenantScope())
                .map(found -> Responses.ok(RoutingMapper.toApi(service, found.policy()), found.policy().version));
    }

    @GET
    @Path("rendered")
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN})
    @Operation(
            summary = "Preview a service's routing policy as the regions receive it",
            description = "Consul config entries per datacenter (service-defaults, service-resolver,"
                    + " service-splitter, service-router) and HAProxy settings per region's edge (backend servers,"
                    + " weights, Runtime API commands and the backend section).")
    @APIResponse(
            responseCode = "200",
            description = "The rendered policy",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RenderedRouting.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<RenderedRouting> rendered(@PathParam("service") String service) {
        return policies.render(service, caller.tenantScope());
    }

    @POST
    @Path("preview")
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN})
    @Operation(
            summary = "Preview a routing policy before setting it",
            description = "Checks the policy as PUT does and renders it as the regions would receive it, without"
                    + " storing anything or notifying any agent. Needs no If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The policy as it would be rendered",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RenderedRouting.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<RenderedRouting> preview(
            @PathParam("service") String service,
            @NotNull(message = "request body is required") @Valid RoutingPolicyRequest request) {
        return policies.preview(service, request, caller.tenantScope());
    }

    @PUT
    @WithTransaction
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.TENANT_ADMIN})
    @Operation(
            summary = "Set a service's routing policy",
            description = "Creates the policy when the service has none; replacing one requires If-Match with its"
                    + " ETag. Weights also split the service's replica bounds over its regions.")
    @APIResponse(
            responseCode = "200",
            description = "The policy after the change",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RoutingPolicy.class)),
            headers = {@Header(name = "ETag", description = ETAG_DESCRIPTION)})
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> put(
            @PathParam("service") String service,
            @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
            @NotNull(message = "request body is required") @Valid RoutingPolicyRequest request) {
        return policies.put(service, request, ifMatch, caller.tenantScope(), origin.current())
                .map(found -> Responses.ok(RoutingMapper.toApi(service, found.policy()), found.policy().version));
    }

    @DELETE
    @WithTransaction
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.TENANT_ADMIN})
    @Operation(
            summary = "Remove a service's routing policy",
            description = "The service's regions weigh the same again. If-Match is optional.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> delete(
            @PathParam("service") String service, @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        return policies.delete(service, EntityTags.optionalIfMatch(ifMatch), caller.tenantScope(), origin.current())
                .replaceWith(Response.noContent().build());
    }
}
