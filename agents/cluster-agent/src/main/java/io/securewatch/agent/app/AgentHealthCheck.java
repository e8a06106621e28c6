package io.securewatch.agent.app;

import io.securewatch.agent.core.AgentConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Reports each agent's connection and applied revision. Always up: an agent that lost its control plane keeps its
 * cluster as it is and must not be restarted for that.
 */
@Liveness
@ApplicationScoped
public class AgentHealthCheck implements HealthCheck {

    @Inject
    AgentRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("securewatch-agent").up();
        for (AgentConnection connection : runtime.connections()) {
            response.withData(connection.cluster() + ".connected", connection.connected());
            response.withData(connection.cluster() + ".appliedRevision", connection.appliedRevision());
            if (connection.lastError() != null) {
                response.withData(connection.cluster() + ".lastError", connection.lastError());
            }
        }
        return response.build();
    }
}
