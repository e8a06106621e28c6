package io.securewatch.testsupport.consul;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * One registered service instance on the node.
 *
 * @param kind empty for a typical service, or a Connect kind such as "connect-proxy", stored but not interpreted
 * @param taggedAddresses the service's tagged addresses as registered, empty when none
 * @param proxy the registered {@code Proxy} object, or null; stored and returned but not interpreted
 * @param connect the registered {@code Connect} object, or null; stored and returned but not interpreted
 * @param registeredThroughAgent false only for the "consul" service that a Consul server lists in its catalog
 */
record ServiceInstance(
        String id,
        String name,
        String kind,
        List<String> tags,
        String address,
        JsonObject taggedAddresses,
        Map<String, String> meta,
        int port,
        boolean enableTagOverride,
        int passingWeight,
        int warningWeight,
        JsonObject proxy,
        JsonObject connect,
        boolean registeredThroughAgent,
        long createIndex,
        long modifyIndex) {

    ServiceInstance withIndexes(long createIndex, long modifyIndex) {
        return new ServiceInstance(
                id,
                name,
                kind,
                tags,
                address,
                taggedAddresses,
                meta,
                port,
                enableTagOverride,
                passingWeight,
                warningWeight,
                proxy,
                connect,
                registeredThroughAgent,
                createIndex,
                modifyIndex);
    }

    /** Compares everything but the indexes, to skip writes that change nothing as Consul's catalog does. */
    boolean sameDefinitionAs(ServiceInstance other) {
        return other != null && withIndexes(0, 0).equals(other.withIndexes(0, 0));
    }
}
