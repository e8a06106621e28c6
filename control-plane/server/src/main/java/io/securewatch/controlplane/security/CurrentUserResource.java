package io.securewatch.controlplane.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.securewatch.api.v1.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own identity, so that clients such as the console can shape what they offer to the roles. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "basic")
@Tag(name = "Users")
public class CurrentUserResource {

    private static final Set<String> ROLES =
            Set.of(Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.TENANT_ADMIN, Roles.VIEWER);

    @Inject
    SecurityIdentity identity;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN})
    @Operation(
            summary = "Get the caller's user name, roles and tenant",
            description = "Only SecureWatch roles are listed. The tenant is set for a tenant admin only.")
    @APIResponse(
            responseCode = "200",
            description = "The caller",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CurrentUser.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public CurrentUser get() {
        List<String> roles =
                identity.getRoles().stream().filter(ROLES::contains).sorted().toList();
        return new CurrentUser(
                caller.name(), roles, caller.tenantScope().tenant().orElse(null));
    }
}
