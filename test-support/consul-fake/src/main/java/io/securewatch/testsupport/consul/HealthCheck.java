package io.securewatch.testsupport.consul;

import java.util.List;

/**
 * One health check in the catalog, on the node (empty {@code serviceId}) or on a service instance.
 *
 * @param type Consul's check type: "ttl", "http", "tcp", "grpc", "script", "alias", "maintenance" or empty
 * @param serviceTags a copy of the service's tags, kept current as Consul does
 * @param registeredThroughAgent false only for the node's "serfHealth" check, which a Consul agent does not list
 */
record HealthCheck(
        String id,
        String name,
        CheckStatus status,
        String notes,
        String output,
        String serviceId,
        String serviceName,
        List<String> serviceTags,
        String type,
        CheckDefinition definition,
        boolean registeredThroughAgent,
        long createIndex,
        long modifyIndex) {

    boolean isNodeCheck() {
        return serviceId.isEmpty();
    }

    HealthCheck withIndexes(long createIndex, long modifyIndex) {
        return new HealthCheck(
                id,
                name,
                status,
                notes,
                output,
                serviceId,
                serviceName,
                serviceTags,
                type,
                definition,
                registeredThroughAgent,
                createIndex,
                modifyIndex);
    }

    HealthCheck withResult(CheckStatus newStatus, String newOutput, long index) {
        String limited = newOutput.length() > definition.outputMaxSize()
                ? newOutput.substring(0, definition.outputMaxSize())
                : newOutput;
        return new HealthCheck(
                id,
                name,
                newStatus,
                notes,
                limited,
                serviceId,
                serviceName,
                serviceTags,
                type,
                definition,
                registeredThroughAgent,
                createIndex,
                index);
    }

    HealthCheck withServiceTags(List<String> tags, long index) {
        return new HealthCheck(
                id,
                name,
                status,
                notes,
                output,
                serviceId,
                serviceName,
                tags,
                type,
                definition,
                registeredThroughAgent,
                createIndex,
                index);
    }

    boolean sameDefinitionAs(HealthCheck other) {
        return other != null && withIndexes(0, 0).equals(other.withIndexes(0, 0));
    }
}
