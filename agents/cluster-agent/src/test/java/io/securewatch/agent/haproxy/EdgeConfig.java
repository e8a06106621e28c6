package io.securewatch.agent.haproxy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The haproxy.cfg of the tests. The backend section has the form that the control plane renders for a weighted
 * policy with outlier detection (every server at weight 100, checked every second, marked down after
 * {@link #ERROR_LIMIT} consecutive 5xx responses); server addresses come from {@code ADDRESS_<REGION>} environment
 * variables, as in the rendered configuration.
 */
final class EdgeConfig {

    static final String BACKEND = "be_api";
    static final int ERROR_LIMIT = 3;

    private EdgeConfig() {}

    /**
     * Renders the configuration.
     *
     * @param httpHealthCheck adds {@code option httpchk GET /healthz}, which the rendered configuration lacks; without
     *     it the health check only opens a TCP connection
     */
    static String render(
            int frontendPort,
            Path adminSocket,
            int adminTcpPort,
            Path operatorSocket,
            List<String> regions,
            boolean httpHealthCheck) {
        StringBuilder config = new StringBuilder();
        config.append(
                new HaproxyProcess.Listeners(frontendPort, adminSocket, adminTcpPort, operatorSocket).globalSection());
        config.append("defaults\n");
        config.append("    mode http\n");
        config.append("    timeout connect 1s\n");
        config.append("    timeout client 10s\n");
        config.append("    timeout server 10s\n\n");
        config.append("frontend fe_edge\n");
        config.append("    bind 127.0.0.1:").append(frontendPort).append('\n');
        config.append("    default_backend ").append(BACKEND).append("\n\n");

        config.append("backend ").append(BACKEND).append('\n');
        config.append("    mode http\n");
        config.append("    balance roundrobin\n");
        config.append("    timeout connect 1000ms\n");
        config.append("    timeout server 5000ms\n");
        if (httpHealthCheck) {
            config.append("    option httpchk GET ")
                    .append(RegionBackend.HEALTH_PATH)
                    .append('\n');
        }
        for (String region : regions) {
            config.append("    server ")
                    .append(region)
                    .append(" ${")
                    .append(addressVariable(region))
                    .append('}');
            config.append(" weight 100 check inter 1s observe layer7 error-limit ")
                    .append(ERROR_LIMIT);
            config.append(" on-error mark-down\n");
        }
        return config.toString();
    }

    /** Returns the environment variables that give HAProxy each region's server address. */
    static Map<String, String> addressVariables(List<RegionBackend> backends) {
        Map<String, String> variables = new LinkedHashMap<>();
        backends.forEach(backend -> variables.put(addressVariable(backend.region()), backend.address()));
        return variables;
    }

    private static String addressVariable(String region) {
        return "ADDRESS_" + region.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
