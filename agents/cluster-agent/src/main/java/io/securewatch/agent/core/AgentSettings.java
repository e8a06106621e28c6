package io.securewatch.agent.core;

import java.time.Duration;
import java.util.Optional;

/**
 * Settings of one agent connection.
 *
 * @param registrationToken token to register with when no credential is stored, or after the stored one was
 *     rejected
 * @param minBackoff first reconnect delay ceiling; delays double up to {@code maxBackoff}, with full jitter
 * @param welcomeTimeout how long to wait for Welcome after Hello before reconnecting
 * @param callTimeout deadline of the unary calls (registration and rotation)
 */
public record AgentSettings(
        String cluster,
        String agentVersion,
        Optional<String> registrationToken,
        Duration minBackoff,
        Duration maxBackoff,
        Duration welcomeTimeout,
        Duration callTimeout) {

    @Override
    public String toString() {
        return "AgentSettings[cluster=" + cluster + ", agentVersion=" + agentVersion + ", registrationToken="
                + registrationToken.map(token -> "<redacted>").orElse("none") + "]";
    }
}
