package io.securewatch.controlplane.agentchannel;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.securewatch.api.v1.AgentCredential;
import io.securewatch.api.v1.Page;
import io.securewatch.controlplane.audit.RequestOrigin;
import io.securewatch.controlplane.cluster.ClusterService;
import io.securewatch.controlplane.idempotency.IdempotentRequests;
import io.securewatch.controlplane.security.Roles;
import io.securewatch.controlplane.web.PageRequest;
import io.securewatch.controlplane.web.RequestBodies;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/clusters/{cluster}/agent-credentials}: the credentials of a cluster's agents. */
@Path("/api/v1/clusters/{cluster}/agent-credentials")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "basic")
@Tag(name = "Agents")
public class AgentCredentialResource {

    @Inject
    ClusterService clusters;

    @Inject
    AgentAccessService access;

    @Inject
    RequestOrigin origin;

    @Inject
    IdempotentRequests idempotentRequests;

    @GET
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER})
    @Operation(summary = "List agent credentials", description = "Newest first; secrets are never returned.")
    @APIResponse(responseCode = "200", description = "One page, newest first")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Page<AgentCredential>> list(
            @PathParam("cluster") String cluster,
            @Parameter(ref = "Cursor") @QueryParam("cursor") String cursor,
            @Parameter(ref = "Limit") @QueryParam("limit") String limit) {
        PageRequest page = PageRequest.parse(cursor, limit);
        return clusters.get(cluster).chain(entity -> access.credentials(entity.id, entity.name, page));
    }

    @POST
    @Path("{credential}/revoke")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(
            summary = "Revoke an agent credential",
            description =
                    "The stream using it is closed within seconds and the agent stops retrying with it."
                            + " Revoking a revoked credential changes nothing. Takes no body; accepts an Idempotency-Key header.")
    @APIResponse(
            responseCode = "200",
            description = "The credential",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AgentCredential.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "IdempotencyKeyReused")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    @Parameter(ref = "IdempotencyKey")
    public Uni<Response> revoke(
            @PathParam("cluster") String cluster,
            @PathParam("credential") String credential,
            @Context HttpHeaders headers) {
        RequestBodies.requireNone(headers);
        return idempotentRequests.execute(
                headers,
                credential,
                () -> clusters.get(cluster)
                        .chain(entity -> access.revoke(entity.id, entity.name, credential, origin.current()))
                        .map(Response::ok)
                        .map(Response.ResponseBuilder::build));
    }

    @POST
    @Path("{credential}/rotate")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(
            summary = "Rotate an agent credential",
            description = "Asks the connected agent to fetch a new credential and reconnect with it; the old one is"
                    + " revoked when the new one connects. An agent that is offline receives the request when it next"
                    + " connects. Takes no body; accepts an Idempotency-Key header.")
    @APIResponse(
            responseCode = "200",
            description = "The credential, with the rotation requested",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AgentCredential.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "IdempotencyKeyReused")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    @Parameter(ref = "IdempotencyKey")
    public Uni<Response> rotate(
            @PathParam("cluster") String cluster,
            @PathParam("credential") String credential,
            @Context HttpHeaders headers) {
        RequestBodies.requireNone(headers);
        return idempotentRequests.execute(
                headers,
                credential,
                () -> clusters.get(cluster)
                        .chain(entity -> access.requestRotation(entity.id, entity.name, credential, origin.current()))
                        .map(Response::ok)
                        .map(Response.ResponseBuilder::build));
    }
}
