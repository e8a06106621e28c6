package io.securewatch.controlplane.audit;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.securewatch.api.v1.ApiPatterns;
import io.securewatch.api.v1.AuditEvent;
import io.securewatch.api.v1.Page;
import io.securewatch.controlplane.audit.AuditEventRepository.AuditCursor;
import io.securewatch.controlplane.audit.AuditEventRepository.AuditFilter;
import io.securewatch.controlplane.security.Caller;
import io.securewatch.controlplane.security.Roles;
import io.securewatch.controlplane.security.TenantScope;
import io.securewatch.controlplane.tenantrows.TenantRows;
import io.securewatch.controlplane.web.ApiException;
import io.securewatch.controlplane.web.PageRequest;
import io.securewatch.controlplane.web.QueryParams;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/audit-events}: who changed what, newest first. A tenant administrator gets the events of its own
 * tenant only.
 */
@TenantRows
@Path("/api/v1/audit-events")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "basic")
@Tag(name = "Audit")
public class AuditResource {

    /** An object's name, or {@code <drill>/<run>} for the runs of a drill. */
    static final String OBJECT_ID_PATTERN = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(/[1-9][0-9]{0,17})?$";

    private static final String ACTOR_PATTERN = "^[\\x21-\\x7e]{1,255}$";

    @Inject
    AuditEventRepository events;

    @Inject
    Caller caller;

    @GET
    @WithSession
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN})
    @Operation(
            summary = "List audit events",
            description = "Newest first; since is inclusive and until exclusive (RFC 3339 timestamps).")
    @APIResponse(responseCode = "200", description = "One page, in name order")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Page<AuditEvent>> list(
            @Parameter(ref = "Cursor") @QueryParam("cursor") String cursor,
            @Parameter(ref = "Limit") @QueryParam("limit") String limit,
            @QueryParam("objectKind") String objectKind,
            @QueryParam("objectId") String objectId,
            @QueryParam("actor") String actor,
            @QueryParam("action") String action,
            @QueryParam("tenant") String tenant,
            @QueryParam("since") String since,
            @QueryParam("until") String until) {
        TenantScope scope = caller.tenantScope();
        PageRequest page = PageRequest.parse(cursor, limit);
        Optional<AuditCursor> after = page.after().map(AuditResource::parseCursor);
        Optional<String> tenantFilter =
                QueryParams.matching("tenant", tenant, ApiPatterns.DNS_LABEL, "must be a tenant slug (a DNS label)");
        if (scope.tenant().isPresent() && tenantFilter.isPresent() && !scope.includes(tenantFilter.get())) {
            return Uni.createFrom().item(new Page<>(List.of(), null));
        }
        AuditFilter filter = new AuditFilter(
                QueryParams.enumValue("objectKind", objectKind, ObjectKind.class)
                        .map(ObjectKind::wireName),
                QueryParams.matching(
                        "objectId",
                        objectId,
                        OBJECT_ID_PATTERN,
                        "must be an object name (a DNS label), or <drill>/<run> for a drill run"),
                QueryParams.matching("actor", actor, ACTOR_PATTERN, "must be a user name of visible ASCII characters"),
                QueryParams.enumValue("action", action, AuditAction.class).map(AuditAction::wireName),
                scope.tenant().or(() -> tenantFilter),
                QueryParams.instant("since", since),
                QueryParams.instant("until", until));
        return events.page(after, page.rowsToFetch(), filter)
                .map(rows ->
                        page.toPage(rows, AuditEventMapper::toApi, event -> event.occurredAt() + "|" + event.id()));
    }

    private static AuditCursor parseCursor(String position) {
        int separator = position.indexOf('|');
        AuditCursor cursor;
        try {
            cursor = new AuditCursor(
                    Instant.parse(position.substring(0, separator)), Long.parseLong(position.substring(separator + 1)));
        } catch (RuntimeException e) {
            cursor = null;
        }
        if (cursor == null || !QueryParams.isInTimestampRange(cursor.occurredAt())) {
            throw ApiException.invalid(
                    "cursor", "is not a cursor of this list; pass the nextCursor of the previous page");
        }
        return cursor;
    }
}
