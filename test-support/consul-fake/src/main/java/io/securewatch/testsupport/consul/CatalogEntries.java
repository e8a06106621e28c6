package io.securewatch.testsupport.consul;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the catalog's records with Consul's defaults: the entries a Consul server's catalog starts with, the IDs
 * and names derived for unnamed checks, the initial check status and the maintenance-mode checks.
 */
final class CatalogEntries {

    static final String SERF_HEALTH_CHECK_ID = "serfHealth";
    static final String SERVICE_MAINTENANCE_PREFIX = "_service_maintenance:";
    static final String NODE_MAINTENANCE_CHECK_ID = "_node_maintenance";
    static final String TTL_EXPIRED_OUTPUT = "TTL expired";

    private static final String CONSUL_SERVICE = "consul";
    private static final int CONSUL_SERVER_RPC_PORT = 8300;

    private CatalogEntries() {}

    /** Returns the node's passing "serfHealth" check, which the catalog lists but the agent endpoints do not. */
    static HealthCheck serfHealthCheck(long index) {
        return new HealthCheck(
                SERF_HEALTH_CHECK_ID,
                "Serf Health Status",
                CheckStatus.PASSING,
                "",
                "",
                "",
                "",
                List.of(),
                "",
                CheckDefinition.NONE,
                false,
                index,
                index);
    }

    /** Returns the "consul" service that every Consul server registers for itself on its RPC port. */
    static ServiceInstance consulService(long index) {
        return new ServiceInstance(
                CONSUL_SERVICE,
                CONSUL_SERVICE,
                "",
                List.of(),
                "",
                new JsonObject(),
                Map.of(),
                CONSUL_SERVER_RPC_PORT,
                false,
                1,
                1,
                null,
                null,
                false,
                index,
                index);
    }

    /** Fills in missing check IDs and names as Consul does: "service:ID" ("service:ID:N" for several checks). */
    static List<CheckSpec> resolveCheckIdentities(ServiceInstance service, List<CheckSpec> specs) {
        List<CheckSpec> resolved = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            CheckSpec spec = specs.get(i);
            String id = spec.id();
            if (id.isEmpty()) {
                id = "service:" + service.id() + (specs.size() > 1 ? ":" + (i + 1) : "");
            }
            String name = spec.name().isEmpty() ? "Service '" + service.name() + "' check" : spec.name();
            resolved.add(spec.withIdentity(id, name, service.id()));
        }
        return resolved;
    }

    /**
     * Builds the stored check for a registration, on the given service or on the node when it is null. A new check
     * starts with the requested status, or critical as Consul's checks do. Re-registering a check without a status
     * keeps its current status and output.
     */
    // NOTE: keeping the status of a re-registered check is the fake's choice. The agent API documentation does not
    // say whether Consul keeps it or resets the check to critical.
    static HealthCheck fromSpec(CheckSpec spec, ServiceInstance service, HealthCheck current, long index) {
        boolean keepResult = spec.initialStatus() == null && current != null;
        CheckStatus status;
        if (keepResult) {
            status = current.status();
        } else {
            status = spec.initialStatus() == null ? CheckStatus.CRITICAL : spec.initialStatus();
        }
        return new HealthCheck(
                spec.id(),
                spec.name(),
                status,
                spec.notes(),
                keepResult ? current.output() : "",
                service == null ? "" : service.id(),
                service == null ? "" : service.name(),
                service == null ? List.of() : service.tags(),
                spec.type(),
                spec.definition(),
                true,
                current == null ? index : current.createIndex(),
                index);
    }

    /** Returns the critical "_service_maintenance:ID" check; the reason becomes its notes. */
    static HealthCheck serviceMaintenanceCheck(ServiceInstance service, String reason, long index) {
        String notes = reason.isEmpty() ? "Maintenance mode is enabled for this service; no reason was given." : reason;
        return maintenanceCheck(
                SERVICE_MAINTENANCE_PREFIX + service.id(), "Service Maintenance Mode", notes, service, index);
    }

    /** Returns the critical "_node_maintenance" check; the reason becomes its notes. */
    static HealthCheck nodeMaintenanceCheck(String reason, long index) {
        String notes = reason.isEmpty() ? "Maintenance mode is enabled for this node; no reason was given." : reason;
        return maintenanceCheck(NODE_MAINTENANCE_CHECK_ID, "Node Maintenance Mode", notes, null, index);
    }

    private static HealthCheck maintenanceCheck(
            String checkId, String name, String notes, ServiceInstance service, long index) {
        return new HealthCheck(
                checkId,
                name,
                CheckStatus.CRITICAL,
                notes,
                "",
                service == null ? "" : service.id(),
                service == null ? "" : service.name(),
                service == null ? List.of() : service.tags(),
                "maintenance",
                CheckDefinition.NONE,
                true,
                index,
                index);
    }
}
