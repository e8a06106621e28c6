package io.securewatch.testsupport.consul;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and validates the bodies of the agent's service and check registration endpoints, with the fields and
 * defaults of the Consul HTTP API documentation, "Service - Agent - HTTP API" and "Check - Agent - HTTP API".
 */
final class RegistrationRequests {

    /** A service registration: the instance (indexes 0) and the checks given with it. */
    record ServiceRegistration(ServiceInstance service, List<CheckSpec> checks) {}

    private static final List<String> PROBED_TYPES =
            List.of("http", "tcp", "grpc", "script", "h2ping", "udp", "docker");

    private RegistrationRequests() {}

    static ServiceRegistration service(JsonObject body) {
        String name = JsonInput.string(body, "Name", "");
        if (name.isEmpty()) {
            throw HttpError.badRequest("Missing service name");
        }
        String id = JsonInput.string(body, "ID", "");
        int port = JsonInput.integer(body, "Port", 0);
        if (port < 0 || port > 65_535) {
            throw HttpError.badRequest("Invalid Port " + port + ": must be between 0 and 65535");
        }
        JsonObject weights = JsonInput.object(body, "Weights");
        int passingWeight = weights == null ? 1 : JsonInput.integer(weights, "Passing", 1);
        int warningWeight = weights == null ? 1 : JsonInput.integer(weights, "Warning", 1);
        if (passingWeight < 1 || warningWeight < 0) {
            throw HttpError.badRequest("Invalid Weights: Passing must be at least 1 and Warning at least 0");
        }
        JsonObject taggedAddresses = JsonInput.object(body, "TaggedAddresses");

        ServiceInstance service = new ServiceInstance(
                id.isEmpty() ? name : id,
                name,
                JsonInput.string(body, "Kind", ""),
                JsonInput.strings(body, "Tags"),
                JsonInput.string(body, "Address", ""),
                taggedAddresses == null ? new JsonObject() : taggedAddresses.copy(),
                JsonInput.stringMap(body, "Meta"),
                port,
                JsonInput.bool(body, "EnableTagOverride", false),
                passingWeight,
                warningWeight,
                copyOrNull(JsonInput.object(body, "Proxy")),
                copyOrNull(JsonInput.object(body, "Connect")),
                true,
                0,
                0);

        List<CheckSpec> checks = new ArrayList<>();
        JsonObject single = JsonInput.object(body, "Check");
        if (single != null) {
            checks.add(serviceCheck(single));
        }
        JsonArray several = JsonInput.array(body, "Checks");
        if (several != null) {
            for (Object item : several) {
                if (!(item instanceof JsonObject check)) {
                    throw HttpError.badRequest("Request decode failed: field \"Checks\" must be an array of objects");
                }
                checks.add(serviceCheck(check));
            }
        }
        return new ServiceRegistration(service, checks);
    }

    /** Reads the body of {@code /v1/agent/check/register}: the name is required and the ID defaults to it. */
    static CheckSpec standaloneCheck(JsonObject body) {
        String name = JsonInput.string(body, "Name", "");
        if (name.isEmpty()) {
            throw HttpError.badRequest("Missing check name");
        }
        String id = firstNonEmpty(JsonInput.string(body, "ID", ""), JsonInput.string(body, "CheckID", ""));
        CheckSpec spec = check(body);
        return spec.withIdentity(id.isEmpty() ? name : id, name, JsonInput.string(body, "ServiceID", ""));
    }

    static CheckStatus status(String value) {
        return CheckStatus.fromJson(value)
                .orElseThrow(() -> HttpError.badRequest(
                        "Invalid check status \"" + value + "\": use passing, warning or critical"));
    }

    /** Reads a check given inside a service registration; a missing ID or name is derived later. */
    private static CheckSpec serviceCheck(JsonObject json) {
        String id = firstNonEmpty(JsonInput.string(json, "CheckID", ""), JsonInput.string(json, "ID", ""));
        return check(json).withIdentity(id, JsonInput.string(json, "Name", ""), "");
    }

    private static CheckSpec check(JsonObject json) {
        String type = checkType(json);
        Duration ttl = JsonInput.duration(json, "TTL", null);
        if (type.equals("ttl") && (ttl == null || ttl.isZero() || ttl.isNegative())) {
            throw HttpError.badRequest("Invalid check: TTL must be a positive duration such as \"15s\"");
        }
        Duration interval = JsonInput.duration(json, "Interval", Duration.ZERO);
        if (PROBED_TYPES.contains(type) && (interval.isZero() || interval.isNegative())) {
            throw HttpError.badRequest("Invalid check: Interval is required for " + type + " checks");
        }
        int outputMaxSize = JsonInput.integer(json, "OutputMaxSize", CheckDefinition.DEFAULT_OUTPUT_MAX_SIZE);
        if (outputMaxSize < 1) {
            throw HttpError.badRequest("Invalid check: OutputMaxSize must be greater than 0");
        }
        String status = JsonInput.string(json, "Status", "");
        CheckDefinition definition = new CheckDefinition(
                type.equals("ttl") ? ttl : null,
                interval,
                JsonInput.duration(json, "Timeout", Duration.ZERO),
                JsonInput.duration(json, "DeregisterCriticalServiceAfter", Duration.ZERO),
                JsonInput.string(json, "HTTP", ""),
                copyOrNull(JsonInput.object(json, "Header")),
                JsonInput.string(json, "Method", ""),
                JsonInput.string(json, "Body", ""),
                JsonInput.string(json, "TLSServerName", ""),
                JsonInput.bool(json, "TLSSkipVerify", false),
                JsonInput.string(json, "TCP", ""),
                outputMaxSize);
        return new CheckSpec(
                "",
                "",
                status.isEmpty() ? null : status(status),
                JsonInput.string(json, "Notes", ""),
                "",
                type,
                definition);
    }

    private static String checkType(JsonObject json) {
        if (JsonInput.has(json, "TTL")) {
            return "ttl";
        }
        if (JsonInput.has(json, "HTTP")) {
            return "http";
        }
        if (JsonInput.has(json, "TCP")) {
            return "tcp";
        }
        if (JsonInput.has(json, "GRPC")) {
            return "grpc";
        }
        if (JsonInput.has(json, "H2PING")) {
            return "h2ping";
        }
        if (JsonInput.has(json, "UDP")) {
            return "udp";
        }
        if (JsonInput.has(json, "DockerContainerID")) {
            return "docker";
        }
        if (JsonInput.has(json, "Args") || JsonInput.has(json, "ScriptArgs")) {
            return "script";
        }
        if (JsonInput.has(json, "AliasService") || JsonInput.has(json, "AliasNode")) {
            return "alias";
        }
        throw HttpError.badRequest("Invalid check: give one of TTL, HTTP, TCP, GRPC, H2PING, UDP, DockerContainerID,"
                + " Args, AliasService or AliasNode");
    }

    private static String firstNonEmpty(String first, String second) {
        return first.isEmpty() ? second : first;
    }

    private static JsonObject copyOrNull(JsonObject object) {
        return object == null ? null : object.copy();
    }
}
