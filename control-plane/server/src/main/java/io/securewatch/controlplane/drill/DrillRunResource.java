package io.securewatch.controlplane.drill;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.securewatch.api.v1.DrillAbortRequest;
import io.securewatch.api.v1.DrillReport;
import io.securewatch.api.v1.DrillRun;
import io.securewatch.api.v1.DrillRunRequest;
import io.securewatch.api.v1.Page;
import io.securewatch.controlplane.audit.RequestOrigin;
import io.securewatch.controlplane.idempotency.IdempotentRequests;
import io.securewatch.controlplane.security.Roles;
import io.securewatch.controlplane.web.ApiException;
import io.securewatch.controlplane.web.PageRequest;
import io.securewatch.controlplane.web.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
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
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Runs of a drill. Starting one runs its pre-flight checks, and a live one then evacuates, observes and fails back.
 * Each run keeps its checks, steps and measurements, and can be aborted and reported on.
 */
@Path("/api/v1/drills/{drill}/runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "basic")
@Tag(name = "Drills")
public class DrillRunResource {

    static final String MARKDOWN = "text/markdown";

    @Inject
    DrillRunService runs;

    @Inject
    RequestOrigin origin;

    @Inject
    IdempotentRequests idempotentRequests;

    @POST
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(
            summary = "Start a drill run",
            description = "Takes a snapshot of the agents, capacity, residency and catalog that the drill affects and"
                    + " runs the pre-flight checks on it: agents connected and up to date, survivors' maximum"
                    + " replicas for the whole load plus headroom, residency zones kept, survivors healthy in the"
                    + " catalog, no overlapping run. The body is optional; dryRun defaults to the drill's mode. A"
                    + " dry run, or a live run whose checks fail, ends there; a live run that passes is returned as"
                    + " running and moves through its steps on the control plane. A service-failover run evacuates"
                    + " the service's heaviest region for that service alone; a cluster-evacuation run moves the"
                    + " cluster's replicas to the other clusters of its region. Accepts an Idempotency-Key"
                    + " header.")
    @APIResponse(
            responseCode = "201",
            description = "The run, passed or failed, with its checks",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrillRun.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", description = "A service-failover drill whose service has no primary region")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    @Parameter(ref = "IdempotencyKey")
    public Uni<Response> start(
            @PathParam("drill") String drill,
            DrillRunRequest request,
            @Context HttpHeaders headers,
            @Context UriInfo uri) {
        DrillRunRequest body = request == null ? new DrillRunRequest(null) : request;
        return idempotentRequests.execute(
                headers,
                body,
                () -> runs.start(drill, body, origin.current())
                        .map(run -> Response.created(uri.getAbsolutePathBuilder()
                                        .path(Long.toString(run.run()))
                                        .build())
                                .entity(run)
                                .build()));
    }

    /**
     * Starts a run in the drill's mode, for a POST without a body or Content-Type, such as {@code curl -X POST}; a
     * body of another type is rejected.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(hidden = true)
    public Uni<Response> startWithoutBody(
            @PathParam("drill") String drill, String body, @Context HttpHeaders headers, @Context UriInfo uri) {
        if (body != null && !body.isBlank()) {
            return Uni.createFrom()
                    .failure(new ApiException(
                            ProblemType.UNSUPPORTED_MEDIA_TYPE,
                            "send the body as application/json, or no body to start a run in the drill's mode"));
        }
        return start(drill, null, headers, uri);
    }

    @GET
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER})
    @Operation(summary = "List a drill's runs", description = "Newest first.")
    @APIResponse(responseCode = "200", description = "One page, newest first")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Page<DrillRun>> list(
            @PathParam("drill") String drill,
            @Parameter(ref = "Cursor") @QueryParam("cursor") String cursor,
            @Parameter(ref = "Limit") @QueryParam("limit") String limit) {
        return runs.list(drill, PageRequest.parse(cursor, limit));
    }

    @GET
    @Path("{run}")
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER})
    @Operation(summary = "Get a drill run", description = "Its status and pre-flight checks with their numbers.")
    @APIResponse(
            responseCode = "200",
            description = "The run",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrillRun.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<DrillRun> get(@PathParam("drill") String drill, @PathParam("run") String run) {
        return runs.get(drill, number(drill, run));
    }

    @POST
    @Path("{run}/abort")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(
            summary = "Abort a running drill run",
            description = "Restores the routing and scaling from before the drill at once, in the same transaction,"
                    + " and returns the run as aborting; it turns aborted when every affected agent acknowledged the"
                    + " restored state. The body, with a reason, is optional.")
    @APIResponse(
            responseCode = "200",
            description = "The run, aborting",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrillRun.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<DrillRun> abort(
            @PathParam("drill") String drill, @PathParam("run") String run, @Valid DrillAbortRequest request) {
        return Panache.withTransaction(() -> runs.abort(drill, number(drill, run), request, origin.current()));
    }

    /** Aborts for a POST without a body or Content-Type; a body of another type is rejected. */
    @POST
    @Path("{run}/abort")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR})
    @Operation(hidden = true)
    public Uni<DrillRun> abortWithoutBody(@PathParam("drill") String drill, @PathParam("run") String run, String body) {
        if (body != null && !body.isBlank()) {
            return Uni.createFrom()
                    .failure(new ApiException(
                            ProblemType.UNSUPPORTED_MEDIA_TYPE,
                            "send the body as application/json, or no body to abort without a reason"));
        }
        return abort(drill, run, null);
    }

    @GET
    @Path("{run}/report")
    @WithSession
    @Produces({MediaType.APPLICATION_JSON, MARKDOWN, MediaType.TEXT_HTML})
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER})
    @Operation(
            summary = "Get a drill run's report",
            description = "Timeline, pre-flight checks with their numbers, measurements, guardrail events, who"
                    + " started and who aborted. format is json (the default), markdown or html.")
    @APIResponse(
            responseCode = "200",
            description = "The report",
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrillReport.class)),
                @Content(mediaType = MARKDOWN),
                @Content(mediaType = MediaType.TEXT_HTML)
            })
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> report(
            @PathParam("drill") String drill,
            @PathParam("run") String run,
            @Parameter(description = "json, markdown or html") @QueryParam("format") String format,
            @Context UriInfo uri) {
        // An empty value, as in ?format= or ?format, is a mistake rather than a request for the default.
        boolean given = uri.getQueryParameters().containsKey("format");
        String chosen = format == null && !given ? "json" : String.valueOf(format);
        if (!List.of("json", "markdown", "html").contains(chosen)) {
            return Uni.createFrom().failure(ApiException.invalid("format", "must be json, markdown or html"));
        }
        return runs.report(drill, number(drill, run)).map(report -> switch (chosen) {
            case "markdown" ->
                Response.ok(DrillReports.markdown(report), MARKDOWN + ";charset=UTF-8")
                        .build();
            case "html" ->
                Response.ok(DrillReports.html(report), MediaType.TEXT_HTML + ";charset=UTF-8")
                        .build();
            default -> Response.ok(report, MediaType.APPLICATION_JSON).build();
        });
    }

    private static long number(String drill, String run) {
        try {
            return Long.parseLong(run);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("run", drill + "/" + run);
        }
    }
}
