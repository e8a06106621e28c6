package io.securewatch.controlplane.cluster;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.securewatch.api.v1.ApiPatterns;
import io.securewatch.api.v1.Cluster;
import io.securewatch.api.v1.ClusterRequest;
import io.securewatch.api.v1.Page;
import io.securewatch.api.v1.Problem;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/clusters}: the Kubernetes clusters of every region. Tenant administrators have no access:
 * clusters are shared infrastructure.
 */
@Path("/api/v1/clusters")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Clusters")
public class ClusterResource {

    @Inject
    ClusterService clusters;

    @Inject
    IdempotentRequests idempotentRequests;

    @Inject
    RequestOrigin origin;

    @GET
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER})
    @Operation(
            summary = "List clusters",
            description = "In name order, filtered by region and by label (repeat label=key=value to AND them).")
    public Uni<Page<Cluster>> list(
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit,
            @QueryParam("region") String region,
            @QueryParam("label") List<String> labels) {
        PageRequest page = PageRequest.parse(cursor, limit);
        return clusters.list(
                page,
                QueryParams.matching("region", region, ApiPatterns.DNS_LABEL, "must be a region name (a DNS label)"),
                LabelSelector.parseAll(labels));
    }

    @POST
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(summary = "Register a cluster", description = "Accepts an Idempotency-Key header.")
    public Uni<Response> create(
            @NotNull(message = "request body is required")
                    @Valid
                    @ConvertGroup(from = Default.class, to = ValidationGroups.Create.class)
                    ClusterRequest request,
            @Context HttpHeaders headers,
            @Context UriInfo uri) {
        return idempotentRequests.execute(
                headers,
                request,
                () -> clusters.create(request, origin.current())
                        .map(cluster -> Responses.created(
                                uri.getAbsolutePathBuilder().path(cluster.name).build(),
                                ClusterMapper.toApi(cluster),
                                cluster.version)));
    }

    @GET
    @Path("{cluster}")
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER})
    @Operation(summary = "Get a cluster", description = "The ETag header carries the version for If-Match.")
    public Uni<Response> get(@PathParam("cluster") String name) {
        return clusters.get(name).map(cluster -> Responses.ok(ClusterMapper.toApi(cluster), cluster.version));
    }

    @PUT
    @Path("{cluster}")
    @WithTransaction
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(summary = "Replace a cluster", description = "Requires If-Match with the ETag of the last GET.")
    public Uni<Response> update(
            @PathParam("cluster") String name,
            @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
            @NotNull(message = "request body is required") @Valid ClusterRequest request) {
        EntityTags.IfMatch precondition = EntityTags.requireIfMatch(ifMatch);
        return clusters.update(name, request, precondition, origin.current())
                .map(cluster -> Responses.ok(ClusterMapper.toApi(cluster), cluster.version));
    }

    @DELETE
    @Path("{cluster}")
    @WithTransaction
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Delete a cluster", description = "If-Match is optional.")
    public Uni<Response> delete(@PathParam("cluster") String name, @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        EntityTags.IfMatch precondition = EntityTags.optionalIfMatch(ifMatch);
        return clusters.delete(name, precondition, origin.current())
                .replaceWith(Response.noContent().build());
    }
}
