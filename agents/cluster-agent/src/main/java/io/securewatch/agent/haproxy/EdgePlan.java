package io.securewatch.agent.haproxy;

import java.util.List;

/**
 * Plan that brings a running backend to the desired servers: the commands to send, and what only a new
 * configuration file can fix.
 *
 * @param commands the Runtime API commands to send, in order; empty when the backend already matches
 * @param missingServers desired servers that the running configuration lacks. The Runtime API cannot add them, so
 *     the configuration file must be regenerated and HAProxy reloaded.
 * @param unexpectedServers running servers that no desired server names. They are left as they are and keep taking
 *     requests until a new configuration file drops them.
 * @param backupMismatches desired servers whose {@code backup} flag differs from the running configuration's
 */
public record EdgePlan(
        String backend,
        List<RuntimeCommand> commands,
        List<String> missingServers,
        List<String> unexpectedServers,
        List<String> backupMismatches) {

    public EdgePlan {
        commands = List.copyOf(commands);
        missingServers = List.copyOf(missingServers);
        unexpectedServers = List.copyOf(unexpectedServers);
        backupMismatches = List.copyOf(backupMismatches);
    }

    /** Returns whether only a new configuration file, not the Runtime API, can bring the backend to the desired servers. */
    public boolean needsNewConfiguration() {
        return !missingServers.isEmpty() || !unexpectedServers.isEmpty() || !backupMismatches.isEmpty();
    }
}
