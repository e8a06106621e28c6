package io.securewatch.controlplane.catalog;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.securewatch.testsupport.consul.ConsulFake;
import java.util.Map;

/**
 * Starts a Consul fake for two of the demo's regions, eu-west-1 and us-east-1, and points the catalog watch at them
 * with short blocking waits. eu-central-1 has no Consul, so its services never appear.
 */
public class ConsulFakes implements QuarkusTestResourceLifecycleManager {

    static ConsulFake euWest;
    static ConsulFake usEast;

    @Override
    public Map<String, String> start() {
        euWest = ConsulFake.start("eu-west-1");
        usEast = ConsulFake.start("us-east-1");
        return Map.of(
                "securewatch.catalog.register-in",
                "eu-west-1",
                "securewatch.catalog.consul-addresses",
                "eu-west-1=" + euWest.baseUrl() + ",us-east-1=" + usEast.baseUrl(),
                "securewatch.catalog.blocking-wait",
                "2s",
                "securewatch.catalog.stale-after",
                "3s",
                "securewatch.catalog.retry-delay",
                "200ms",
                "securewatch.catalog.circuit-open-for",
                "1s",
                "securewatch.catalog.max-retry-delay",
                "1s");
    }

    @Override
    public void stop() {
        if (euWest != null) {
            euWest.close();
        }
        if (usEast != null) {
            usEast.close();
        }
    }
}
