package io.securewatch.controlplane.agentchannel;

import io.securewatch.api.v1.ClusterStatus;
import io.securewatch.controlplane.audit.RequestOrigin;
import io.securewatch.controlplane.idempotency.IdempotentRequests;
import io.securewatch.controlplane.security.Roles;
import io.securewatch.controlplane.web.RequestBodies;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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

/**
 * {@code /api/v1/clusters/{cluster}/confirm-rollback}: an operator's consent to roll back a cluster whose agent
 * applied a revision the control plane does not have.
 */
@Path("/api/v1/clusters/{cluster}/confirm-rollback")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "basic")
@Tag(name = "Agents")
public class AgentRollbackResource {

    @Inject
    AgentRollbackService rollbacks;

    @Inject
    RequestOrigin origin;

    @Inject
    IdempotentRequests idempotentRequests;

    @POST
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(
            summary = "Confirm the rollback of a cluster whose agent is ahead",
            description = "For a cluster whose status shows ahead: true, as after a restore of the control plane's"
                    + " database from a backup. Stores the desired state under a revision above the agent's and lets"
                    + " the agent's stream send it as a complete bundle, which removes what the agent applied beyond"
                    + " it. 409 when the cluster is not ahead. Takes no body; accepts an Idempotency-Key header.")
    @APIResponse(
            responseCode = "200",
            description = "The cluster's status after the change",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ClusterStatus.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "IdempotencyKeyReused")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    @Parameter(ref = "IdempotencyKey")
    public Uni<Response> confirm(@PathParam("cluster") String cluster, @Context HttpHeaders headers) {
        RequestBodies.requireNone(headers);
        return idempotentRequests.execute(
                headers,
                cluster,
                () -> rollbacks
                        .confirm(cluster, origin.current())
                        .map(Response::ok)
                        .map(Response.ResponseBuilder::build));
    }
}
