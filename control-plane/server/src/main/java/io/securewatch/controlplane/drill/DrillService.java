package io.securewatch.controlplane.drill;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.api.v1.ApiPatterns;
import io.securewatch.api.v1.Drill;
import io.securewatch.api.v1.DrillRequest;
import io.securewatch.api.v1.DrillRequest.Guardrails;
import io.securewatch.api.v1.DrillRequest.Mode;
import io.securewatch.api.v1.DrillRequest.Scope;
import io.securewatch.api.v1.DrillRequest.Type;
import io.securewatch.api.v1.Page;
import io.securewatch.controlplane.audit.AuditAction;
import io.securewatch.controlplane.audit.AuditLog;
import io.securewatch.controlplane.audit.ChangeOrigin;
import io.securewatch.controlplane.audit.ObjectKind;
import io.securewatch.controlplane.web.ApiException;
import io.securewatch.controlplane.web.EntityTags.IfMatch;
import io.securewatch.controlplane.web.PageRequest;
import io.securewatch.controlplane.web.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Creates, changes and deletes drill definitions. Every method runs inside the caller's session. The writing ones
 * expect a transaction and record their audit event in it. Drills act on the platform, so they belong to no tenant.
 */
@ApplicationScoped
public class DrillService {

    static final String KIND = ObjectKind.DRILL.wireName();
    private static final Pattern NAME = Pattern.compile(ApiPatterns.DNS_LABEL);

    @Inject
    DrillRepository drills;

    @Inject
    DrillRequestChecks checks;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** Returns the drill, or fails with 404. */
    public Uni<DrillEntity> get(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Uni.createFrom().failure(ApiException.notFound(KIND, String.valueOf(name)));
        }
        return drills.findByName(name).onItem().ifNull().failWith(() -> ApiException.notFound(KIND, name));
    }

    public Uni<Page<Drill>> list(PageRequest page, Optional<Type> type, Optional<String> target) {
        return drills.page(page.after(), page.rowsToFetch(), type, target)
                .map(rows -> page.toPage(rows, DrillMapper::toApi, Drill::name));
    }

    /** Creates the drill and records the origin's actor as its creator. */
    public Uni<DrillEntity> create(DrillRequest request, ChangeOrigin origin) {
        return drills.findByName(request.name())
                .invoke(existing -> {
                    if (existing != null) {
                        throw ApiException.alreadyExists(KIND, request.name());
                    }
                })
                .chain(() -> checks.check(request))
                .chain(() -> {
                    DrillEntity drill = new DrillEntity();
                    drill.name = request.name();
                    drill.createdBy = origin.actor();
                    apply(drill, request);
                    drill.createdAt = drill.updatedAt;
                    return drills.persistAndFlush(drill);
                })
                .call(drill -> audit.record(
                        origin,
                        AuditAction.CREATE,
                        ObjectKind.DRILL,
                        drill.name,
                        null,
                        null,
                        DrillMapper.toApi(drill)));
    }

    public Uni<DrillEntity> update(String name, DrillRequest request, IfMatch ifMatch, ChangeOrigin origin) {
        return get(name).chain(drill -> {
            ifMatch.check(drill.version, KIND + " '" + name + "'");
            if (request.name() != null && !request.name().equals(name)) {
                throw ApiException.invalid(
                        "name", "must match the name in the path (" + name + "); drills cannot be renamed");
            }
            return checks.check(request).chain(() -> {
                if (isUnchanged(drill, request)) {
                    return Uni.createFrom().item(drill);
                }
                Drill before = DrillMapper.toApi(drill);
                apply(drill, request);
                return drills.flush()
                        .chain(() -> audit.record(
                                origin,
                                AuditAction.UPDATE,
                                ObjectKind.DRILL,
                                name,
                                null,
                                before,
                                DrillMapper.toApi(drill)))
                        .replaceWith(drill);
            });
        });
    }

    public Uni<Void> delete(String name, IfMatch ifMatch, ChangeOrigin origin) {
        return get(name).chain(drill -> {
            ifMatch.check(drill.version, KIND + " '" + name + "'");
            Drill before = DrillMapper.toApi(drill);
            return Panache.getSession()
                    .chain(session -> session.createNativeQuery(
                                    "select count(*) from drill_run where drill_id = :drill"
                                            + " and status in ('RUNNING', 'ABORTING')",
                                    Long.class)
                            .setParameter("drill", drill.id)
                            .getSingleResult())
                    .invoke(active -> {
                        if (active > 0) {
                            throw new ApiException(
                                    ProblemType.CONFLICT,
                                    "drill '" + name + "' has a run in progress; abort it, or wait for it to end,"
                                            + " before deleting the drill");
                        }
                    })
                    .chain(() -> drills.delete(drill))
                    .chain(() -> drills.flush())
                    .chain(() -> audit.record(origin, AuditAction.DELETE, ObjectKind.DRILL, name, null, before, null));
        });
    }

    private void apply(DrillEntity drill, DrillRequest request) {
        drill.type = request.type();
        drill.target = request.target();
        drill.scope = scope(request);
        drill.guardrails = guardrails(request);
        drill.mode = mode(request);
        drill.schedule = request.schedule();
        drill.updatedAt = clock.instant();
    }

    private static boolean isUnchanged(DrillEntity drill, DrillRequest request) {
        return drill.type == request.type()
                && drill.target.equals(request.target())
                && drill.scope.equals(scope(request))
                && drill.guardrails.equals(guardrails(request))
                && drill.mode == mode(request)
                && Objects.equals(drill.schedule, request.schedule());
    }

    /** Returns the request's scope with absent lists empty. */
    static Scope scope(DrillRequest request) {
        return request.scope() == null ? Scope.EVERYTHING : request.scope().withDefaults();
    }

    /** Returns the request's guardrails with the defaults filled in. */
    static Guardrails guardrails(DrillRequest request) {
        return request.guardrails() == null
                ? Guardrails.DEFAULTS
                : request.guardrails().withDefaults();
    }

    private static Mode mode(DrillRequest request) {
        return Objects.requireNonNullElse(request.mode(), Mode.DRY_RUN);
    }
}
