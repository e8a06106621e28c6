package io.securewatch.testsupport.consul;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Receives every HTTP request: counts it, applies the injected latency, routes it to its endpoint and writes the
 * reply, or the error in Consul's form (plain text with the status code).
 */
final class ConsulHttpApi {

    private static final Logger LOG = Logger.getLogger(ConsulHttpApi.class);

    private static final String AGENT = "/v1/agent/";
    private static final String CATALOG = "/v1/catalog/";
    private static final String HEALTH = "/v1/health/";
    private static final String KV = "/v1/kv/";
    private static final String CONFIG = "/v1/config";
    private static final String STATUS = "/v1/status/";
    private static final String SERVER_RPC_ADDRESS = "127.0.0.1:8300";

    private final Vertx vertx;
    private final Datacenter datacenter;
    private final BlockingQueries blockingQueries;
    private final RequestCounter requestCounter;
    private final Supplier<Duration> latency;
    private final Supplier<String> requiredToken;
    private final AgentEndpoints agent;
    private final CatalogEndpoints catalog;
    private final KvEndpoints kv;
    private final ConfigEndpoints config;

    ConsulHttpApi(
            Vertx vertx,
            Datacenter datacenter,
            String nodeId,
            BlockingQueries blockingQueries,
            RequestCounter requestCounter,
            Supplier<Duration> latency,
            Supplier<String> requiredToken) {
        this.vertx = vertx;
        this.datacenter = datacenter;
        this.blockingQueries = blockingQueries;
        this.requestCounter = requestCounter;
        this.latency = latency;
        this.requiredToken = requiredToken;
        this.agent = new AgentEndpoints(datacenter, nodeId);
        this.catalog = new CatalogEndpoints(datacenter);
        this.kv = new KvEndpoints(datacenter);
        this.config = new ConfigEndpoints(datacenter);
    }

    /** Handles one request on the Vert.x event loop; nothing here blocks. */
    void handle(HttpServerRequest request) {
        requestCounter.record(request.path());
        request.body()
                .onSuccess(body -> {
                    long delayMillis = latency.get().toMillis();
                    if (delayMillis > 0) {
                        vertx.setTimer(delayMillis, id -> dispatch(new Call(request, body, aclPolicy())));
                    } else {
                        dispatch(new Call(request, body, aclPolicy()));
                    }
                })
                .onFailure(error ->
                        LOG.debugf(error, "Request body not read method=%s path=%s", request.method(), request.path()));
    }

    private void dispatch(Call call) {
        try {
            requireToken(call);
            Reply reply = route(call);
            if (reply instanceof BlockingRead read) {
                blockingQueries.serve(call, read);
            } else {
                call.send((Response) reply);
            }
        } catch (HttpError error) {
            LOG.debugf(
                    "Request rejected method=%s path=%s status=%d reason=%s",
                    call.method(), call.request().path(), error.status(), error.getMessage());
            call.sendError(error);
        } catch (RuntimeException error) {
            LOG.errorf(
                    error,
                    "Request failed in the Consul fake method=%s path=%s",
                    call.method(),
                    call.request().path());
            call.sendError(new HttpError(500, "Internal error in the Consul fake: " + error));
        }
    }

    private String aclPolicy() {
        return requiredToken.get() == null ? "allow" : "deny";
    }

    /** Rejects a request without the required token, as Consul does with ACLs on and a default policy of deny. */
    private void requireToken(Call call) {
        String required = requiredToken.get();
        if (required == null) {
            return;
        }
        String header = call.request().getHeader("X-Consul-Token");
        String bearer = call.request().getHeader("Authorization");
        String token = header != null
                ? header
                : bearer != null && bearer.startsWith("Bearer ")
                        ? bearer.substring("Bearer ".length())
                        : call.param("token").orElse(null);
        if (token == null || token.isEmpty()) {
            throw new HttpError(403, "Permission denied: anonymous token lacks permission");
        }
        if (!token.equals(required)) {
            throw new HttpError(403, "ACL not found");
        }
    }

    private Reply route(Call call) {
        String path = call.path();
        if (path.startsWith(AGENT)) {
            return routeAgent(call, path.substring(AGENT.length()));
        }
        requireOwnDatacenter(call);
        if (path.startsWith(CATALOG)) {
            return routeCatalog(call, path.substring(CATALOG.length()));
        }
        if (path.startsWith(HEALTH)) {
            return routeHealth(call, path.substring(HEALTH.length()));
        }
        if (path.startsWith(KV)) {
            String key = path.substring(KV.length());
            String method = allow(call, "GET,PUT,DELETE");
            if (method == null) {
                return Response.options("GET,PUT,DELETE");
            }
            return switch (method) {
                case "GET" -> kv.get(call, key);
                case "PUT" -> kv.put(call, key);
                default -> kv.delete(call, key);
            };
        }
        if (path.equals(CONFIG)) {
            return allow(call, "PUT") == null ? Response.options("PUT") : config.apply(call);
        }
        if (path.startsWith(CONFIG + "/")) {
            return routeConfig(call, path.substring(CONFIG.length() + 1));
        }
        if (path.equals(STATUS + "leader")) {
            return allow(call, "GET") == null ? Response.options("GET") : call.json(SERVER_RPC_ADDRESS);
        }
        if (path.equals(STATUS + "peers")) {
            return allow(call, "GET") == null
                    ? Response.options("GET")
                    : call.json(new JsonArray().add(SERVER_RPC_ADDRESS));
        }
        throw HttpError.notFound("404 page not found");
    }

    private Reply routeAgent(Call call, String rest) {
        if (rest.equals("self")) {
            return get(call, () -> agent.self(call));
        }
        if (rest.equals("services")) {
            return get(call, () -> agent.services(call));
        }
        if (rest.equals("checks")) {
            return get(call, () -> agent.checks(call));
        }

        if (rest.equals("service/register")) {
            return put(call, () -> agent.registerService(call));
        }
        if (rest.startsWith("service/deregister/")) {
            return put(call, () -> agent.deregisterService(call, after(rest, "service/deregister/")));
        }
        if (rest.startsWith("service/maintenance/")) {
            return put(call, () -> agent.serviceMaintenance(call, after(rest, "service/maintenance/")));
        }
        if (rest.equals("maintenance")) {
            return put(call, () -> agent.nodeMaintenance(call));
        }

        if (rest.equals("check/register")) {
            return put(call, () -> agent.registerCheck(call));
        }
        if (rest.startsWith("check/deregister/")) {
            return put(call, () -> agent.deregisterCheck(call, after(rest, "check/deregister/")));
        }

        if (rest.startsWith("check/pass/")) {
            return put(call, () -> agent.ttlCheck(call, after(rest, "check/pass/"), CheckStatus.PASSING));
        }
        if (rest.startsWith("check/warn/")) {
            return put(call, () -> agent.ttlCheck(call, after(rest, "check/warn/"), CheckStatus.WARNING));
        }
        if (rest.startsWith("check/fail/")) {
            return put(call, () -> agent.ttlCheck(call, after(rest, "check/fail/"), CheckStatus.CRITICAL));
        }
        if (rest.startsWith("check/update/")) {
            return put(call, () -> agent.updateCheck(call, after(rest, "check/update/")));
        }

        throw HttpError.notFound("404 page not found");
    }

    private Reply routeCatalog(Call call, String rest) {
        if (rest.equals("datacenters")) {
            return get(call, () -> catalog.datacenters(call));
        }
        if (rest.equals("nodes")) {
            return get(call, () -> catalog.nodes(call));
        }
        if (rest.equals("services")) {
            return get(call, () -> catalog.services(call));
        }
        if (rest.startsWith("service/")) {
            return get(call, () -> catalog.service(call, requireName(after(rest, "service/"), "service name")));
        }
        throw HttpError.notFound("404 page not found");
    }

    private Reply routeHealth(Call call, String rest) {
        if (rest.startsWith("service/")) {
            return get(call, () -> catalog.healthService(call, requireName(after(rest, "service/"), "service name")));
        }
        if (rest.startsWith("checks/")) {
            return get(call, () -> catalog.healthChecks(call, requireName(after(rest, "checks/"), "service name")));
        }
        if (rest.startsWith("node/")) {
            return get(call, () -> catalog.healthNode(call, requireName(after(rest, "node/"), "node name")));
        }
        throw HttpError.notFound("404 page not found");
    }

    private Reply routeConfig(Call call, String rest) {
        int slash = rest.indexOf('/');
        String kind = slash < 0 ? rest : rest.substring(0, slash);
        String name = slash < 0 ? "" : rest.substring(slash + 1);
        String method = allow(call, "GET,DELETE");
        if (method == null) {
            return Response.options("GET,DELETE");
        }
        if (method.equals("GET")) {
            return name.isEmpty() ? config.list(call, kind) : config.get(call, kind, name);
        }
        return config.delete(call, kind, requireName(name, "config entry name"));
    }

    private static Reply get(Call call, Supplier<Reply> endpoint) {
        return allow(call, "GET") == null ? Response.options("GET") : endpoint.get();
    }

    private static Reply put(Call call, Supplier<Reply> endpoint) {
        return allow(call, "PUT") == null ? Response.options("PUT") : endpoint.get();
    }

    /**
     * Returns the request's method when the path accepts it, or null for an OPTIONS request, for which the caller
     * returns the accepted methods. Any other method is rejected with a 405.
     */
    private static String allow(Call call, String allowedMethods) {
        String method = call.method();
        if (method.equals("OPTIONS")) {
            return null;
        }
        for (String allowed : allowedMethods.split(",")) {
            if (allowed.equals(method)) {
                return method;
            }
        }
        throw HttpError.methodNotAllowed(method, allowedMethods);
    }

    /** Rejects a {@code ?dc=} naming another datacenter with the 500 of a Consul server that has no route to it. */
    private void requireOwnDatacenter(Call call) {
        String requested = call.param("dc").orElse("");
        if (!requested.isEmpty() && !requested.equals(datacenter.name())) {
            throw new HttpError(500, "No path to datacenter");
        }
    }

    private static String after(String text, String prefix) {
        return text.substring(prefix.length());
    }

    private static String requireName(String name, String nameKind) {
        if (name.isEmpty()) {
            throw HttpError.badRequest("Missing " + nameKind + " in the request path");
        }
        return name;
    }
}
