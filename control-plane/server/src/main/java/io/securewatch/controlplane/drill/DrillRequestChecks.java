package io.securewatch.controlplane.drill;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.api.v1.DrillRequest;
import io.securewatch.api.v1.DrillRequest.Guardrails;
import io.securewatch.api.v1.DrillRequest.Scope;
import io.securewatch.api.v1.DrillRequest.Type;
import io.securewatch.api.v1.Problem.FieldError;
import io.securewatch.controlplane.web.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a drill request beyond its Bean Validation constraints: the target and every listed service and tenant must
 * exist, lists must not repeat a name, observation must fit in the maximum duration and the schedule must parse. Runs
 * inside the caller's session.
 */
@ApplicationScoped
class DrillRequestChecks {

    private static final String SERVICE_RULE = "a service is a workload with a Service";

    /** Fails with 400 listing every problem of the request. */
    Uni<Void> check(DrillRequest request) {
        Scope scope = DrillService.scope(request);
        List<FieldError> errors = new ArrayList<>();
        return checkTarget(request.type(), request.target(), errors)
                .chain(() -> checkServices(scope.services(), errors))
                .chain(() -> checkTenants(scope.tenants(), errors))
                .invoke(() -> {
                    checkGuardrails(DrillService.guardrails(request), errors);
                    checkSchedule(request.schedule(), errors);
                    if (!errors.isEmpty()) {
                        throw ApiException.invalid(errors);
                    }
                });
    }

    private static Uni<Void> checkTarget(Type type, String target, List<FieldError> errors) {
        String notFound = type.targetKind() + " '" + target + "' not found";
        Uni<String> problem = switch (type) {
            case REGION_EVACUATION ->
                existing("select r.name from RegionEntity r where r.name in :names", target)
                        .map(found -> found.isEmpty() ? notFound : null);
            case CLUSTER_EVACUATION ->
                existing("select c.name from ClusterEntity c where c.name in :names", target)
                        .map(found -> found.isEmpty() ? notFound : null);
            case SERVICE_FAILOVER -> workloadsWithService(List.of(target)).map(found -> serviceProblem(target, found));
        };
        String expected = "; a " + type.wireName() + " drill targets a " + type.targetKind()
                + (type == Type.SERVICE_FAILOVER ? ", and " + SERVICE_RULE : "");
        return problem.invoke(message -> {
                    if (message != null) {
                        errors.add(new FieldError("target", message + expected));
                    }
                })
                .replaceWithVoid();
    }

    private static Uni<Void> checkServices(List<String> services, List<FieldError> errors) {
        if (services.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return workloadsWithService(services)
                .invoke(found -> {
                    Set<String> seen = new HashSet<>();
                    for (int i = 0; i < services.size(); i++) {
                        String service = services.get(i);
                        String path = "scope.services[" + i + "]";
                        String problem = serviceProblem(service, found);
                        if (!seen.add(service)) {
                            errors.add(new FieldError(path, "service '" + service + "' is listed twice"));
                        } else if (problem != null) {
                            errors.add(new FieldError(
                                    path, problem + "; list only existing services, and " + SERVICE_RULE));
                        }
                    }
                })
                .replaceWithVoid();
    }

    private static Uni<Void> checkTenants(List<String> tenants, List<FieldError> errors) {
        if (tenants.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return existing("select t.slug from TenantEntity t where t.slug in :names", tenants)
                .invoke(found -> {
                    Set<String> seen = new HashSet<>();
                    for (int i = 0; i < tenants.size(); i++) {
                        String tenant = tenants.get(i);
                        String path = "scope.tenants[" + i + "]";
                        if (!seen.add(tenant)) {
                            errors.add(new FieldError(path, "tenant '" + tenant + "' is listed twice"));
                        } else if (!found.contains(tenant)) {
                            errors.add(new FieldError(
                                    path, "tenant '" + tenant + "' not found; create it or remove it from the list"));
                        }
                    }
                })
                .replaceWithVoid();
    }

    private static void checkGuardrails(Guardrails guardrails, List<FieldError> errors) {
        if (guardrails.observationSeconds() >= guardrails.maxDurationSeconds()) {
            errors.add(new FieldError(
                    "guardrails.observationSeconds",
                    "must be less than maxDurationSeconds (" + guardrails.maxDurationSeconds()
                            + "), because observation is part of a run's duration"));
        }
    }

    private static void checkSchedule(String schedule, List<FieldError> errors) {
        if (schedule == null) {
            return;
        }
        CronSchedules.problem(schedule)
                .ifPresent(reason -> errors.add(new FieldError(
                        "schedule",
                        "must be a Quartz cron expression such as '0 0 3 ? * MON' (seconds, minutes, hours, day of"
                                + " month, month, day of week, optional year): " + reason)));
    }

    /** Returns why the name is not a service, or null when it is one. */
    private static String serviceProblem(String name, Map<String, Boolean> workloadsWithService) {
        Boolean hasService = workloadsWithService.get(name);
        if (hasService == null) {
            return "service '" + name + "' not found";
        }
        return hasService ? null : "workload '" + name + "' has no Service, so it is not a service";
    }

    /** Returns the names that exist among the given ones, by a query with the parameter {@code names}. */
    private static Uni<Set<String>> existing(String query, Collection<String> names) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(query, String.class)
                        .setParameter("names", List.copyOf(names))
                        .getResultList())
                .map(Set::copyOf);
    }

    private static Uni<Set<String>> existing(String query, String name) {
        return existing(query, List.of(name));
    }

    /** Returns, for each of the named workloads that exists, whether it has a Service. */
    private static Uni<Map<String, Boolean>> workloadsWithService(Collection<String> names) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select w.name, w.serviceName from WorkloadEntity w where w.name in :names",
                                Object[].class)
                        .setParameter("names", List.copyOf(names))
                        .getResultList())
                .map(rows -> {
                    Map<String, Boolean> found = new HashMap<>();
                    rows.forEach(row -> found.put((String) row[0], row[1] != null));
                    return found;
                });
    }
}
