package io.securewatch.controlplane.agentchannel;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.securewatch.api.v1.AgentCredential;
import io.securewatch.controlplane.audit.RequestOrigin;
import io.securewatch.controlplane.cluster.ClusterService;
import io.securewatch.controlplane.security.Roles;
import io.securewatch.controlplane.web.RequestBodies;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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

    @GET
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER})
    @Operation(summary = "List agent credentials", description = "Newest first; secrets are never returned.")
    @APIResponse(responseCode = "200", description = "The credentials")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<List<AgentCredential>> list(@PathParam("cluster") String cluster) {
        return clusters.get(cluster).chain(entity -> access.credentials(entity.id, entity.name));
    }

    @POST
    @Path("{credential}/revoke")
    @WithTransaction
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(
            summary = "Revoke an agent credential",
            description = "The stream using it is closed within seconds and the agent stops retrying with it."
                    + " Revoking a revoked credential changes nothing. Takes no body.")
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
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<AgentCredential> revoke(
            @PathParam("cluster") String cluster,
            @PathParam("credential") String credential,
            @Context HttpHeaders headers) {
        RequestBodies.requireNone(headers);
        return clusters.get(cluster)
                .chain(entity -> access.revoke(entity.id, entity.name, credential, origin.current()));
    }

    @POST
    @Path("{credential}/rotate")
    @WithTransaction
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(
            summary = "Rotate an agent credential",
            description = "Asks the connected agent to fetch a new credential and reconnect with it; the old one is"
                    + " revoked when the new one connects. Takes no body.")
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
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<AgentCredential> rotate(
            @PathParam("cluster") String cluster,
            @PathParam("credential") String credential,
            @Context HttpHeaders headers) {
        RequestBodies.requireNone(headers);
        return clusters.get(cluster)
                .chain(entity -> access.requestRotation(entity.id, entity.name, credential, origin.current()));
    }
}
