package io.securewatch.controlplane.agentchannel;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.securewatch.api.v1.RegistrationToken;
import io.securewatch.controlplane.audit.RequestOrigin;
import io.securewatch.controlplane.cluster.ClusterService;
import io.securewatch.controlplane.idempotency.IdempotentRequests;
import io.securewatch.controlplane.security.Roles;
import io.securewatch.controlplane.web.ApiException;
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
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/clusters/{cluster}/registration-tokens}: one-time tokens with which agents register. */
@Path("/api/v1/clusters/{cluster}/registration-tokens")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "basic")
@Tag(name = "Agents")
public class RegistrationTokenResource {

    @Inject
    ClusterService clusters;

    @Inject
    AgentAccessService access;

    @Inject
    RequestOrigin origin;

    @POST
    @WithTransaction
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(
            summary = "Create a registration token",
            description = "The token is shown only in this response and can be exchanged for an agent credential"
                    + " once, before it expires. Takes no body. Idempotency-Key is rejected because the response"
                    + " holds a secret that must not be stored for replay.")
    @APIResponse(
            responseCode = "201",
            description = "The token",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RegistrationToken.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> create(
            @PathParam("cluster") String cluster, @Context HttpHeaders headers, @Context UriInfo uri) {
        RequestBodies.requireNone(headers);
        if (headers.getHeaderString(IdempotentRequests.HEADER) != null) {
            throw ApiException.invalid(
                    IdempotentRequests.HEADER,
                    "is not supported here, because the response holds a secret; send the request without it,"
                            + " and let unused tokens expire");
        }
        String controlPlaneUrl = uri.getBaseUri().toString().replaceAll("/$", "");
        return clusters.get(cluster)
                .chain(entity -> access.issueToken(entity.id, entity.name, controlPlaneUrl, origin.current()))
                .map(token -> Response.status(Response.Status.CREATED)
                        .entity(token)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .build());
    }
}
