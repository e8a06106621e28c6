package io.securewatch.controlplane.web;

import io.securewatch.api.v1.Problem.FieldError;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Rejects query parameters that the matched endpoint does not declare, and repeats of those it reads once, so
 * that a misspelled filter such as {@code teir=dedicated} fails instead of silently returning everything.
 */
public class QueryParameterFilter {

    private final Map<Method, Declared> declaredByMethod = new ConcurrentHashMap<>();

    @ServerRequestFilter
    void rejectUndeclared(ContainerRequestContext request, SimpleResourceInfo resource) {
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        if (query.isEmpty()) {
            return;
        }
        Declared declared = declaredByMethod.computeIfAbsent(method(resource), QueryParameterFilter::declared);
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            if (!declared.single().contains(name) && !declared.repeatable().contains(name)) {
                String accepted =
                        declared.all().isEmpty() ? "this endpoint takes none" : "accepted are " + declared.all();
                errors.add(new FieldError(FieldPaths.printable(name), "unknown query parameter; " + accepted));
            } else if (declared.single().contains(name) && parameter.getValue().size() > 1) {
                errors.add(new FieldError(name, "send this query parameter once"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    private static Method method(SimpleResourceInfo resource) {
        try {
            return resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("resource method not found: " + resource.getMethodName(), e);
        }
    }

    private static Declared declared(Method method) {
        Set<String> single = new TreeSet<>();
        Set<String> repeatable = new TreeSet<>();
        for (Parameter parameter : method.getParameters()) {
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            if (query != null) {
                (Collection.class.isAssignableFrom(parameter.getType()) ? repeatable : single).add(query.value());
            }
        }
        Set<String> all = new TreeSet<>(single);
        all.addAll(repeatable);
        return new Declared(Set.copyOf(single), Set.copyOf(repeatable), all);
    }

    /** Query parameters of one endpoint: read once, repeatable, and both in name order. */
    private record Declared(Set<String> single, Set<String> repeatable, Set<String> all) {}
}
