package io.securewatch.api.v1;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A routing policy as the regions receive it: Consul config entries per datacenter and HAProxy settings per
 * region's edge. Computed from the stored policy, for preview and for the agents.
 *
 * @param consul datacenter name to its config entries, in Consul's JSON (service-defaults, service-resolver,
 *     service-splitter, service-router)
 * @param haproxy region name to the settings of that region's edge
 */
@Schema(name = "RenderedRouting")
public record RenderedRouting(
        String service, Map<String, List<Map<String, Object>>> consul, Map<String, HaproxyBackend> haproxy) {

    /**
     * One region's HAProxy backend for the service.
     *
     * @param servers one server per region the edge may send traffic to
     * @param runtimeCommands the HAProxy Runtime API commands that bring a running edge to these settings without a
     *     reload
     * @param config the backend section for a new HAProxy configuration file
     */
    @Schema(name = "HaproxyBackend")
    public record HaproxyBackend(
            String backend, List<HaproxyServer> servers, List<String> runtimeCommands, String config) {}

    /**
     * A server line of the backend: the service's instances in one region.
     *
     * @param weight 0 to 256, as HAProxy reads it
     * @param state {@code ready}, or {@code drain} for a region that gets no new traffic
     * @param backup whether the server only serves when every non-backup server is down
     */
    @Schema(name = "HaproxyServer")
    public record HaproxyServer(String name, String region, int weight, String state, boolean backup) {}
}
