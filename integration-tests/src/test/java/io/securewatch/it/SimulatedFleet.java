package io.securewatch.it;

import io.securewatch.agent.core.AgentConnection;
import io.securewatch.agent.core.AgentEvents;
import io.securewatch.agent.routing.RoutingDriver;
import io.securewatch.agent.simulated.SimulatedClusterDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A simulated agent for each cluster of the demo inventory, in the test JVM, whose traffic follows the routing in
 * its bundles: the fleet that live drills evacuate.
 */
public final class SimulatedFleet implements AutoCloseable {

    public static final List<String> CLUSTERS =
            List.of("eu-west-1-a", "eu-west-1-b", "eu-central-1-a", "eu-central-1-b", "us-east-1-a", "us-east-1-b");
    public static final String NAMESPACE = "securewatch";
    public static final String SERVICE = "securewatch-api";

    private final Agents agents;
    private final Map<String, SimulatedClusterDriver> drivers = new LinkedHashMap<>();
    private final List<AgentConnection> connections = new ArrayList<>();

    private SimulatedFleet(Agents agents) {
        this.agents = agents;
    }

    /**
     * Registers and starts the agents.
     *
     * @param apiUrl where the registration tokens come from
     * @param agentPort where the agents connect: a control plane's port or a load balancer's
     */
    public static SimulatedFleet start(String apiUrl, int agentPort) throws IOException {
        return start(apiUrl, agentPort, CLUSTERS);
    }

    /**
     * Registers and starts the agents of some of the demo's clusters, such as all but one whose agent a test runs
     * elsewhere.
     *
     * @param apiUrl where the registration tokens come from
     * @param agentPort where the agents connect: a control plane's port or a load balancer's
     */
    public static SimulatedFleet start(String apiUrl, int agentPort, List<String> clusters) throws IOException {
        SimulatedFleet fleet = new SimulatedFleet(new Agents(agentPort));
        Path state = Files.createTempDirectory("simulated-fleet");
        for (String cluster : clusters) {
            SimulatedClusterDriver driver = new SimulatedClusterDriver(64000, 274877906944L);
            // One replica's worth of CPU and memory per cluster, so that capacity does not follow the sine wave;
            // requests follow the routing weights.
            driver.setDemand(NAMESPACE, SERVICE, 350, 512L * 1024 * 1024 * 8 / 10);
            driver.setRequestRate(NAMESPACE, SERVICE, 100);
            fleet.drivers.put(cluster, driver);
            String token = ItApi.asAdmin(apiUrl)
                    .post("/api/v1/clusters/" + cluster + "/registration-tokens")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("token");
            fleet.connections.add(fleet.agents.start(
                    cluster,
                    token,
                    RoutingDriver.wrap(driver, Optional.empty(), Optional.empty()),
                    state.resolve(cluster),
                    AgentEvents.NONE));
        }
        return fleet;
    }

    public SimulatedClusterDriver driver(String cluster) {
        return drivers.get(cluster);
    }

    @Override
    public void close() throws InterruptedException {
        connections.forEach(AgentConnection::close);
        agents.close();
    }
}
