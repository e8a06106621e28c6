package io.securewatch.testsupport.consul;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The catalog and health read endpoints, as the Consul HTTP API documentation, "Catalog - HTTP API" and "Health -
 * HTTP API", describes them. All support blocking queries.
 */
final class CatalogEndpoints {

    private final Datacenter datacenter;

    CatalogEndpoints(Datacenter datacenter) {
        this.datacenter = datacenter;
    }

    /** {@code GET /v1/catalog/datacenters}: only this fake's datacenter. */
    Reply datacenters(Call call) {
        return call.json(new JsonArray().add(datacenter.name()));
    }

    /** {@code GET /v1/catalog/nodes}. */
    Reply nodes(Call call) {
        rejectUnsupportedFilters(call);
        return new BlockingRead(QueryOptions.from(call), state -> {
            JsonArray nodes =
                    new JsonArray().add(ConsulJson.node(state.catalog().node()));
            return new QueryResult(state.index().maxOf(RaftIndex.NODES), call.json(nodes));
        });
    }

    /** {@code GET /v1/catalog/services}: a map from service name to the union of its instances' tags. */
    Reply services(Call call) {
        rejectUnsupportedFilters(call);
        return new BlockingRead(QueryOptions.from(call), state -> {
            JsonObject services = new JsonObject();
            state.catalog().serviceNamesWithTags().forEach((name, tags) -> services.put(name, new JsonArray(tags)));
            return new QueryResult(state.index().maxOf(RaftIndex.NODES, RaftIndex.SERVICES), call.json(services));
        });
    }

    /** {@code GET /v1/catalog/service/:service_name}, with the deprecated {@code ?tag} filter. */
    Reply service(Call call, String serviceName) {
        rejectUnsupportedFilters(call);
        List<String> tags = call.request().params().getAll("tag");
        return new BlockingRead(QueryOptions.from(call), state -> {
            Node node = state.catalog().node();
            JsonArray entries = new JsonArray();
            for (ServiceInstance service : state.catalog().instancesOf(serviceName)) {
                if (hasAllTags(service, tags)) {
                    entries.add(ConsulJson.catalogService(node, service));
                }
            }
            return new QueryResult(state.catalog().serviceNameIndex(serviceName, false), call.json(entries));
        });
    }

    /** {@code GET /v1/health/service/:service}, with {@code ?passing} and the deprecated {@code ?tag}. */
    Reply healthService(Call call, String serviceName) {
        rejectUnsupportedFilters(call);
        boolean passingOnly = call.bool("passing", false);
        List<String> tags = call.request().params().getAll("tag");
        return new BlockingRead(QueryOptions.from(call), state -> {
            Node node = state.catalog().node();
            JsonArray entries = new JsonArray();
            for (ServiceInstance service : state.catalog().instancesOf(serviceName)) {
                List<HealthCheck> checks = state.catalog().checksApplyingTo(service);
                boolean passing = checks.stream().allMatch(check -> check.status() == CheckStatus.PASSING);
                if (hasAllTags(service, tags) && (passing || !passingOnly)) {
                    entries.add(ConsulJson.healthService(node, service, checks));
                }
            }
            return new QueryResult(state.catalog().serviceNameIndex(serviceName, true), call.json(entries));
        });
    }

    /** {@code GET /v1/health/checks/:service}: the service-level checks of every instance of the service. */
    Reply healthChecks(Call call, String serviceName) {
        rejectUnsupportedFilters(call);
        return new BlockingRead(QueryOptions.from(call), state -> {
            Node node = state.catalog().node();
            JsonArray checks = new JsonArray();
            state.catalog()
                    .checksOfServiceName(serviceName)
                    .forEach(check -> checks.add(ConsulJson.check(node, check)));
            return new QueryResult(state.catalog().serviceNameIndex(serviceName, true), call.json(checks));
        });
    }

    /** {@code GET /v1/health/node/:node}, by node name or ID; an unknown node has no checks. */
    Reply healthNode(Call call, String nodeName) {
        rejectUnsupportedFilters(call);
        return new BlockingRead(QueryOptions.from(call), state -> {
            Node node = state.catalog().node();
            JsonArray checks = new JsonArray();
            if (node.name().equals(nodeName) || node.id().equals(nodeName)) {
                state.catalog().checks().forEach(check -> checks.add(ConsulJson.check(node, check)));
            }
            return new QueryResult(state.index().maxOf(RaftIndex.NODES, RaftIndex.CHECKS), call.json(checks));
        });
    }

    private static boolean hasAllTags(ServiceInstance service, List<String> wanted) {
        return wanted.stream()
                .allMatch(tag -> service.tags().stream().anyMatch(present -> present.equalsIgnoreCase(tag)));
    }

    /** Rejects the filtering parameters the fake does not evaluate, so that no test passes on unfiltered data. */
    static void rejectUnsupportedFilters(Call call) {
        for (String parameter : List.of("filter", "near", "node-meta")) {
            if (call.has(parameter)) {
                throw HttpError.notImplemented("The ?" + parameter + " parameter");
            }
        }
    }
}
