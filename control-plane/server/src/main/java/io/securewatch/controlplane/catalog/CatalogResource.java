package io.securewatch.controlplane.catalog;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.securewatch.api.v1.CatalogService;
import io.securewatch.api.v1.Page;
import io.securewatch.controlplane.security.Caller;
import io.securewatch.controlplane.security.Roles;
import io.securewatch.controlplane.tenantrows.TenantRows;
import io.securewatch.controlplane.web.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The global service catalog: what every region's Consul reports, with each region's freshness. */
@TenantRows
@Path("/api/v1/services")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "basic")
@Tag(name = "Services")
public class CatalogResource {

    @Inject
    CatalogQueries catalog;

    @Inject
    Caller caller;

    @GET
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN})
    @Operation(
            summary = "List the services of the global catalog",
            description = "Per region: instances, healthy instances, last update, and whether the region's Consul"
                    + " is stale. A tenant administrator sees the services tagged with its tenant.")
    @APIResponse(responseCode = "200", description = "One page, in name order")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Page<CatalogService>> list(
            @Parameter(ref = "Cursor") @QueryParam("cursor") String cursor,
            @Parameter(ref = "Limit") @QueryParam("limit") String limit) {
        return catalog.list(PageRequest.parse(cursor, limit), caller.tenantScope());
    }

    @GET
    @Path("{service}")
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN})
    @Operation(summary = "Get a service of the global catalog with its instances")
    @APIResponse(responseCode = "200", description = "The service")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<CatalogService> get(@PathParam("service") String service) {
        return catalog.get(service, caller.tenantScope());
    }
}
