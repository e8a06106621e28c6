package io.securewatch.testsupport.consul;

import io.vertx.core.json.JsonObject;

/**
 * The agent endpoints of the node, as the Consul HTTP API documentation, "Service - Agent - HTTP API" and "Check -
 * Agent - HTTP API", describes them. The agent and the catalog are one here: a registration shows in the catalog and
 * health endpoints at once, without Consul's anti-entropy delay.
 */
final class AgentEndpoints {

    private final Datacenter datacenter;
    private final String nodeId;

    AgentEndpoints(Datacenter datacenter, String nodeId) {
        this.datacenter = datacenter;
        this.nodeId = nodeId;
    }

    /** {@code GET /v1/agent/self}: only the node's identity under {@code Config}. */
    Reply self(Call call) {
        JsonObject config = datacenter.read(state -> new JsonObject()
                .put("Datacenter", datacenter.name())
                .put("NodeName", state.catalog().node().name())
                .put("NodeID", nodeId)
                .put("Server", true));
        return call.json(new JsonObject().put("Config", config));
    }

    /** {@code GET /v1/agent/services}: a map from service ID to service. */
    Reply services(Call call) {
        JsonObject services = datacenter.read(state -> {
            JsonObject result = new JsonObject();
            state.catalog()
                    .agentServices()
                    .forEach(service -> result.put(service.id(), ConsulJson.agentService(service, datacenter.name())));
            return result;
        });
        return call.json(services);
    }

    /** {@code GET /v1/agent/checks}: a map from check ID to check. */
    Reply checks(Call call) {
        JsonObject checks = datacenter.read(state -> {
            JsonObject result = new JsonObject();
            Node node = state.catalog().node();
            state.catalog().agentChecks().forEach(check -> result.put(check.id(), ConsulJson.check(node, check)));
            return result;
        });
        return call.json(checks);
    }

    /** {@code PUT /v1/agent/service/register}, with {@code ?replace-existing-checks}. */
    Reply registerService(Call call) {
        RegistrationRequests.ServiceRegistration registration = RegistrationRequests.service(call.jsonBody());
        boolean replaceExistingChecks = call.has("replace-existing-checks");
        datacenter.update(state ->
                state.catalog().registerService(registration.service(), registration.checks(), replaceExistingChecks));
        return Response.empty(200);
    }

    /** {@code PUT /v1/agent/service/deregister/:service_id}. */
    Reply deregisterService(Call call, String serviceId) {
        requireId(serviceId, "service ID");
        datacenter.update(state -> state.catalog().deregisterService(serviceId));
        return Response.empty(200);
    }

    /** {@code PUT /v1/agent/service/maintenance/:service_id?enable=true|false&reason=...}. */
    Reply serviceMaintenance(Call call, String serviceId) {
        requireId(serviceId, "service ID");
        boolean enable = requiredEnable(call);
        String reason = call.param("reason").orElse("");
        datacenter.update(state -> state.catalog().setServiceMaintenance(serviceId, enable, reason));
        return Response.empty(200);
    }

    /** {@code PUT /v1/agent/maintenance?enable=true|false&reason=...}: node maintenance mode. */
    Reply nodeMaintenance(Call call) {
        boolean enable = requiredEnable(call);
        String reason = call.param("reason").orElse("");
        datacenter.update(state -> state.catalog().setNodeMaintenance(enable, reason));
        return Response.empty(200);
    }

    /** {@code PUT /v1/agent/check/register}. */
    Reply registerCheck(Call call) {
        CheckSpec spec = RegistrationRequests.standaloneCheck(call.jsonBody());
        datacenter.update(state -> state.catalog().registerCheck(spec));
        return Response.empty(200);
    }

    /** {@code PUT /v1/agent/check/deregister/:check_id}. */
    Reply deregisterCheck(Call call, String checkId) {
        requireId(checkId, "check ID");
        datacenter.update(state -> state.catalog().deregisterCheck(checkId));
        return Response.empty(200);
    }

    /** {@code PUT /v1/agent/check/pass|warn|fail/:check_id?note=...}: the note becomes the check's output. */
    Reply ttlCheck(Call call, String checkId, CheckStatus status) {
        requireId(checkId, "check ID");
        String note = call.param("note").orElse("");
        datacenter.update(state -> state.catalog().updateTtlCheck(checkId, status, note));
        return Response.empty(200);
    }

    /** {@code PUT /v1/agent/check/update/:check_id} with a JSON body of {@code Status} and {@code Output}. */
    Reply updateCheck(Call call, String checkId) {
        requireId(checkId, "check ID");
        JsonObject body = call.jsonBody();
        CheckStatus status = RegistrationRequests.status(JsonInput.string(body, "Status", ""));
        String output = JsonInput.string(body, "Output", "");
        datacenter.update(state -> state.catalog().updateTtlCheck(checkId, status, output));
        return Response.empty(200);
    }

    private static boolean requiredEnable(Call call) {
        if (!call.has("enable")) {
            throw HttpError.badRequest("Missing value for enable: add ?enable=true or ?enable=false");
        }
        return call.bool("enable", false);
    }

    private static void requireId(String id, String idName) {
        if (id.isEmpty()) {
            throw HttpError.badRequest("Missing " + idName + " in the request path");
        }
    }
}
