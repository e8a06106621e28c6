package io.securewatch.controlplane.cluster;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.securewatch.api.v1.ApiPatterns;
import io.securewatch.api.v1.Cluster;
import io.securewatch.api.v1.ClusterRequest;
import io.securewatch.api.v1.ClusterStatus;
import io.securewatch.api.v1.DesiredState;
import io.securewatch.api.v1.Page;
import io.securewatch.api.v1.ValidationGroups;
import io.securewatch.controlplane.audit.RequestOrigin;
import io.securewatch.controlplane.clusterstate.ClusterStatusService;
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
import jakarta.ws.rs.core.EntityTag;
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
 * {@code /api/v1/clusters}: the Kubernetes clusters of every region. Tenant administrators have no access:
 * clusters are shared infrastructure.
 */
@Path("/api/v1/clusters")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "basic")
@Tag(name = "Clusters")
public class ClusterResource {

    /** Media type of the desired-state endpoint. */
    static final String YAML = "application/yaml";

    /** Older names for YAML that tools still send; the response uses the name the client asked for. */
    private static final List<String> YAML_TYPES = List.of(YAML, "application/x-yaml", "text/yaml");

    static final String DESIRED_REVISION_HEADER = "X-Desired-Revision";

    @Inject
    ClusterService clusters;

    @Inject
    ClusterStatusService clusterStatus;

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
    @APIResponse(responseCode = "200", description = "One page, in name order")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Page<Cluster>> list(
            @Parameter(ref = "Cursor") @QueryParam("cursor") String cursor,
            @Parameter(ref = "Limit") @QueryParam("limit") String limit,
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
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Cluster.class)),
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
    @APIResponse(
            responseCode = "200",
            description = "The object",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Cluster.class)),
            headers = {@Header(name = "ETag", description = "Version of the object, for If-Match")})
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> get(@PathParam("cluster") String name) {
        return clusters.get(name).map(cluster -> Responses.ok(ClusterMapper.toApi(cluster), cluster.version));
    }

    @GET
    @Path("{cluster}/status")
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER})
    @Operation(
            summary = "Get a cluster's agent status",
            description = "Connection, desired and applied revision, lag, drift, the last rejected revision and the"
                    + " health of the region's Consul as the catalog watch last recorded it.")
    @APIResponse(
            responseCode = "200",
            description = "The status",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ClusterStatus.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<ClusterStatus> status(@PathParam("cluster") String name) {
        return clusters.get(name).chain(cluster -> clusterStatus.status(cluster.name));
    }

    @GET
    @Path("{cluster}/desired-state")
    @WithSession
    @Produces({YAML, "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON})
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER})
    @Operation(
            summary = "Get a cluster's desired state",
            description = "Every object the cluster should hold at its current revision: multi-document YAML for"
                    + " Accept: application/yaml (or application/x-yaml, text/yaml), otherwise JSON with the revision"
                    + " and the objects. Before the first revision the YAML is empty and the revision 0. Answers"
                    + " 304 when If-None-Match names the current ETag.")
    @APIResponse(
            responseCode = "200",
            description = "The manifests",
            content = {
                @Content(mediaType = YAML),
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DesiredState.class))
            },
            headers = {
                @Header(name = "X-Desired-Revision", description = "Revision of this desired state"),
                @Header(name = "ETag", description = "Content hash of this desired state")
            })
    @APIResponse(responseCode = "304", description = "Not modified since the ETag named in If-None-Match")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> desiredState(
            @PathParam("cluster") String name,
            @HeaderParam(EntityTags.IF_NONE_MATCH) String ifNoneMatch,
            @Context HttpHeaders headers) {
        Optional<String> yaml = yamlType(headers);
        return clusters.get(name)
                .chain(cluster -> clusterStatus.desiredState(cluster.name))
                .map(rendered -> {
                    long revision = rendered == null ? 0 : rendered.revision();
                    // The two representations differ, so their strong validators differ too.
                    String tag = rendered == null ? null : rendered.contentHash() + (yaml.isPresent() ? "" : "-json");
                    if (EntityTags.noneMatchHits(ifNoneMatch, tag)) {
                        return Response.notModified(new EntityTag(tag))
                                .header(DESIRED_REVISION_HEADER, revision)
                                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                                .build();
                    }
                    Response.ResponseBuilder response = yaml.isPresent()
                            ? Response.ok(rendered == null ? "" : rendered.yaml(), yaml.get())
                            : Response.ok(
                                    new DesiredState(
                                            revision,
                                            rendered == null ? null : rendered.contentHash(),
                                            rendered == null ? List.of() : rendered.manifests()),
                                    MediaType.APPLICATION_JSON);
                    if (tag != null) {
                        response.tag(new EntityTag(tag));
                    }
                    return response.header(DESIRED_REVISION_HEADER, revision)
                            .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                            .build();
                });
    }

    /** Returns the YAML type the client asked for before JSON, if any; JSON is the default. */
    private static Optional<String> yamlType(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                continue;
            }
            for (String yaml : YAML_TYPES) {
                if (type.isCompatible(MediaType.valueOf(yaml))) {
                    return Optional.of(yaml);
                }
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @PUT
    @Path("{cluster}")
    @WithTransaction
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(summary = "Replace a cluster", description = "Requires If-Match with the ETag of the last GET.")
    @APIResponse(
            responseCode = "200",
            description = "The object after the change",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Cluster.class)),
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
    @Operation(
            summary = "Delete a cluster",
            description = "Fails with 409 while a drill targets the cluster. If-Match is optional.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> delete(@PathParam("cluster") String name, @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        EntityTags.IfMatch precondition = EntityTags.optionalIfMatch(ifMatch);
        return clusters.delete(name, precondition, origin.current())
                .replaceWith(Response.noContent().build());
    }
}
