package io.securewatch.testsupport.consul;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Renders the state as the JSON objects of Consul's HTTP API, with the field names, casing and types of the response
 * samples in the Consul HTTP API documentation pages "Catalog - HTTP API", "Health - HTTP API", "Service - Agent -
 * HTTP API", "Check - Agent - HTTP API", "KV Store - HTTP API" and "Config - HTTP API".
 *
 * <p>Enterprise-only fields ({@code Namespace}, {@code Partition}) are left out, as Consul's community edition does.
 * Tag lists are never null: Consul returns empty lists in their place.
 */
final class ConsulJson {

    private ConsulJson() {}

    /** Renders a node as the catalog's node list and the health endpoint's {@code Node} object show it. */
    static JsonObject node(Node node) {
        return new JsonObject()
                .put("ID", node.id())
                .put("Node", node.name())
                .put("Address", node.address())
                .put("Datacenter", node.datacenter())
                .put("TaggedAddresses", nodeTaggedAddresses(node))
                .put("Meta", new JsonObject())
                .put("CreateIndex", node.createIndex())
                .put("ModifyIndex", node.modifyIndex());
    }

    /** Renders one entry of {@code GET /v1/catalog/service/:service_name}. */
    static JsonObject catalogService(Node node, ServiceInstance service) {
        JsonObject entry = new JsonObject()
                .put("ID", node.id())
                .put("Node", node.name())
                .put("Address", node.address())
                .put("Datacenter", node.datacenter())
                .put("TaggedAddresses", nodeTaggedAddresses(node))
                .put("NodeMeta", new JsonObject())
                .put("ServiceKind", service.kind())
                .put("ServiceID", service.id())
                .put("ServiceName", service.name())
                .put("ServiceTags", new JsonArray(service.tags()))
                .put("ServiceAddress", service.address());
        if (!service.taggedAddresses().isEmpty()) {
            entry.put("ServiceTaggedAddresses", service.taggedAddresses().copy());
        }
        return entry.put("ServiceWeights", weights(service))
                .put("ServiceMeta", stringMap(service.meta()))
                .put("ServicePort", service.port())
                .put("ServiceEnableTagOverride", service.enableTagOverride())
                .put("ServiceProxy", service.proxy() != null ? service.proxy().copy() : emptyProxy())
                .put(
                        "ServiceConnect",
                        service.connect() != null ? service.connect().copy() : emptyConnect())
                .put("CreateIndex", service.createIndex())
                .put("ModifyIndex", service.modifyIndex());
    }

    /** Renders one entry of {@code GET /v1/health/service/:service}. */
    static JsonObject healthService(Node node, ServiceInstance service, List<HealthCheck> checks) {
        JsonArray renderedChecks = new JsonArray();
        checks.forEach(check -> renderedChecks.add(check(node, check)));
        return new JsonObject()
                .put("Node", node(node))
                .put("Service", service(service))
                .put("Checks", renderedChecks);
    }

    /** Renders a service instance as the health endpoint's {@code Service} object. */
    static JsonObject service(ServiceInstance service) {
        JsonObject json = new JsonObject();
        if (!service.kind().isEmpty()) {
            json.put("Kind", service.kind());
        }
        json.put("ID", service.id())
                .put("Service", service.name())
                .put("Tags", new JsonArray(service.tags()))
                .put("Address", service.address());
        if (!service.taggedAddresses().isEmpty()) {
            json.put("TaggedAddresses", service.taggedAddresses().copy());
        }
        json.put("Meta", stringMap(service.meta()))
                .put("Port", service.port())
                .put("Weights", weights(service))
                .put("EnableTagOverride", service.enableTagOverride());
        putConnectFields(json, service);
        return json.put("CreateIndex", service.createIndex()).put("ModifyIndex", service.modifyIndex());
    }

    /** Renders a service instance as {@code GET /v1/agent/services} shows it. */
    static JsonObject agentService(ServiceInstance service, String datacenter) {
        JsonObject json = new JsonObject();
        if (!service.kind().isEmpty()) {
            json.put("Kind", service.kind());
        }
        json.put("ID", service.id()).put("Service", service.name()).put("Tags", new JsonArray(service.tags()));
        if (!service.taggedAddresses().isEmpty()) {
            json.put("TaggedAddresses", service.taggedAddresses().copy());
        }
        json.put("Meta", stringMap(service.meta()))
                .put("Port", service.port())
                .put("Address", service.address())
                .put("EnableTagOverride", service.enableTagOverride())
                .put("Datacenter", datacenter)
                .put("Weights", weights(service));
        putConnectFields(json, service);
        return json;
    }

    /** Renders a health check as the health and agent endpoints show it. */
    static JsonObject check(Node node, HealthCheck check) {
        CheckDefinition definition = check.definition();
        JsonObject renderedDefinition = new JsonObject()
                .put("Interval", GoDuration.format(definition.interval()))
                .put("Timeout", GoDuration.format(definition.timeout()))
                .put("DeregisterCriticalServiceAfter", GoDuration.format(definition.deregisterCriticalServiceAfter()))
                .put("HTTP", definition.http())
                .put(
                        "Header",
                        definition.header() == null ? null : definition.header().copy())
                .put("Method", definition.method())
                .put("Body", definition.body())
                .put("TLSServerName", definition.tlsServerName())
                .put("TLSSkipVerify", definition.tlsSkipVerify())
                .put("TCP", definition.tcp());
        return new JsonObject()
                .put("Node", node.name())
                .put("CheckID", check.id())
                .put("Name", check.name())
                .put("Status", check.status().json())
                .put("Notes", check.notes())
                .put("Output", check.output())
                .put("ServiceID", check.serviceId())
                .put("ServiceName", check.serviceName())
                .put("ServiceTags", new JsonArray(check.serviceTags()))
                .put("Type", check.type())
                .put("Definition", renderedDefinition)
                .put("CreateIndex", check.createIndex())
                .put("ModifyIndex", check.modifyIndex());
    }

    /** Renders a KV entry with its value in base64, or a null {@code Value} for an empty value. */
    static JsonObject keyValue(KvEntry entry) {
        Object flags =
                entry.flags() >= 0 ? (Object) entry.flags() : new BigInteger(Long.toUnsignedString(entry.flags()));
        return new JsonObject()
                .put("LockIndex", 0)
                .put("Key", entry.key())
                .put("Flags", flags)
                .put("Value", entry.value() == null ? null : Base64.getEncoder().encodeToString(entry.value()))
                .put("CreateIndex", entry.createIndex())
                .put("ModifyIndex", entry.modifyIndex());
    }

    /** Renders a config entry: its fields as applied, then {@code CreateIndex} and {@code ModifyIndex}. */
    static JsonObject configEntry(ConfigEntry entry) {
        return entry.body().copy().put("CreateIndex", entry.createIndex()).put("ModifyIndex", entry.modifyIndex());
    }

    private static JsonObject nodeTaggedAddresses(Node node) {
        return new JsonObject().put("lan", node.address()).put("wan", node.address());
    }

    private static JsonObject weights(ServiceInstance service) {
        return new JsonObject().put("Passing", service.passingWeight()).put("Warning", service.warningWeight());
    }

    private static JsonObject stringMap(Map<String, String> values) {
        JsonObject json = new JsonObject();
        values.forEach(json::put);
        return json;
    }

    private static void putConnectFields(JsonObject json, ServiceInstance service) {
        if (service.proxy() != null) {
            json.put("Proxy", service.proxy().copy());
        }
        if (service.connect() != null) {
            json.put("Connect", service.connect().copy());
        }
    }

    /** Returns the {@code ServiceProxy} of a service registered without a proxy, as the catalog sample shows it. */
    private static JsonObject emptyProxy() {
        return new JsonObject()
                .put("DestinationServiceName", "")
                .put("DestinationServiceID", "")
                .put("LocalServiceAddress", "")
                .put("LocalServicePort", 0)
                .putNull("Config")
                .putNull("Upstreams");
    }

    private static JsonObject emptyConnect() {
        return new JsonObject().put("Native", false).putNull("Proxy");
    }
}
