package io.securewatch.controlplane.workload;

import io.securewatch.api.v1.ApiPatterns;
import io.securewatch.api.v1.ImportResult;
import io.securewatch.controlplane.audit.RequestOrigin;
import io.securewatch.controlplane.idempotency.IdempotentRequests;
import io.securewatch.controlplane.security.Caller;
import io.securewatch.controlplane.security.Roles;
import io.securewatch.controlplane.tenantrows.TenantRows;
import io.securewatch.controlplane.web.ApiException;
import io.securewatch.controlplane.web.QueryParams;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Imports Kubernetes manifests as workloads and scaling policies. */
@TenantRows
@Path("/api/v1/imports/kubernetes")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "basic")
@Tag(name = "Workloads")
public class ImportResource {

    @Inject
    ImportService imports;

    @Inject
    IdempotentRequests idempotentRequests;

    @Inject
    RequestOrigin origin;

    @Inject
    Caller caller;

    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml"})
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.TENANT_ADMIN})
    @Operation(
            summary = "Import Kubernetes manifests",
            description = "Takes multi-document YAML. Each apps/v1 Deployment becomes a workload with the v1 Service"
                    + " that selects its pods; each HorizontalPodAutoscaler (autoscaling/v2, or autoscaling/v1"
                    + " converted) becomes the scaling policy of the Deployment it targets. Other documents are"
                    + " listed under unhandled with the reason. All or nothing: an error in any document stores"
                    + " nothing. Errors name documents[i] and the field path, counting documents from 0. Accepts an"
                    + " Idempotency-Key header; a dry run is never stored under it.")
    @APIResponse(
            responseCode = "201",
            description = "Imported",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(
            responseCode = "200",
            description = "Dry run: what the import would create; nothing was stored",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "IdempotencyKeyReused")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    @Parameter(ref = "IdempotencyKey")
    public Uni<Response> importManifests(
            @Parameter(description = "true to check and report without storing anything", example = "true")
                    @QueryParam("dryRun")
                    String dryRun,
            @Parameter(description = "Slug of the tenant that will own the workloads; absent for platform workloads")
                    @QueryParam("tenant")
                    String tenant,
            @Parameter(
                            description = "Comma-separated regions the workloads run in; default: the tenant's"
                                    + " regions, or every region for platform workloads",
                            example = "eu-west-1,eu-central-1")
                    @QueryParam("regions")
                    String regions,
            byte[] body,
            @Context HttpHeaders headers,
            @Context UriInfo uri) {
        // An empty value is ambiguous (a flag without value, or an unset shell variable), so it is rejected.
        requireValue(uri, "dryRun", "must be true or false");
        requireValue(uri, "tenant", "must be a tenant slug; leave the parameter out for platform workloads");
        requireValue(uri, "regions", "must be a comma-separated list of region names; leave it out for the default");
        boolean dry = flag(dryRun);
        String owner = QueryParams.matching("tenant", tenant, ApiPatterns.DNS_LABEL, "must be a tenant slug")
                .orElse(null);
        ImportService.Options options = new ImportService.Options(dry, owner, regionList(regions));
        String manifests = text(body);
        // What identifies a retry of the same import: the manifests and every option.
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("manifests", manifests);
        request.put("dryRun", dry);
        request.put("tenant", owner);
        request.put("regions", options.regions());
        return idempotentRequests.execute(
                headers,
                request,
                () -> imports.run(manifests, options, caller.tenantScope(), origin.current())
                        .map(result -> Response.status(dry ? Response.Status.OK : Response.Status.CREATED)
                                .entity(result)
                                .build()));
    }

    private static void requireValue(UriInfo uri, String parameter, String expectation) {
        List<String> values = uri.getQueryParameters().get(parameter);
        if (values != null && values.stream().anyMatch(String::isEmpty)) {
            throw ApiException.invalid(parameter, "is empty; it " + expectation);
        }
    }

    private static boolean flag(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiException.invalid("dryRun", "must be true or false");
    }

    private static List<String> regionList(String value) {
        if (value == null) {
            return null;
        }
        List<String> regions = new ArrayList<>();
        for (String region : value.split(",", -1)) {
            String name = region.strip();
            if (!name.matches(ApiPatterns.DNS_LABEL)) {
                throw ApiException.invalid(
                        "regions", "must be a comma-separated list of region names, such as eu-west-1,eu-central-1");
            }
            if (regions.contains(name)) {
                throw ApiException.invalid("regions", "lists region '" + name + "' twice");
            }
            regions.add(name);
        }
        if (regions.size() > 64) {
            throw ApiException.invalid("regions", "must hold at most 64 regions");
        }
        return regions;
    }

    /** Decodes the body as UTF-8 and drops a leading byte order mark. */
    private static String text(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.invalid("body", "is empty; send Kubernetes manifests as YAML");
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw ApiException.invalid("body", "is not UTF-8 text; save the manifests as UTF-8");
        }
    }
}
