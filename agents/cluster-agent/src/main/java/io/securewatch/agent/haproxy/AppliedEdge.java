package io.securewatch.agent.haproxy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Report of one apply to a running backend, built from the state that HAProxy reports after the commands ran.
 *
 * @param servers every desired server that the running backend has, with its desired and its applied settings
 * @param commandsRun the commands that HAProxy accepted, in the order sent
 * @param missingServers desired servers that the running configuration lacks; see {@link #needsNewConfiguration()}
 * @param unexpectedServers running servers that no desired server names; left as they were, so they keep taking
 *     requests
 * @param backupMismatches desired servers whose {@code backup} flag differs from the running configuration's
 * @param failure the command that HAProxy rejected, if any; the commands after it were not sent
 */
public record AppliedEdge(
        String backend,
        List<ServerOutcome> servers,
        List<String> commandsRun,
        List<String> missingServers,
        List<String> unexpectedServers,
        List<String> backupMismatches,
        Optional<CommandFailure> failure) {

    public AppliedEdge {
        servers = List.copyOf(servers);
        commandsRun = List.copyOf(commandsRun);
        missingServers = List.copyOf(missingServers);
        unexpectedServers = List.copyOf(unexpectedServers);
        backupMismatches = List.copyOf(backupMismatches);
    }

    /**
     * One desired server after the apply.
     *
     * @param operationalState whether health checks and {@code observe layer7} consider the server up; the applier
     *     does not change it
     */
    public record ServerOutcome(
            String name,
            int desiredWeight,
            int appliedWeight,
            AdminState desiredState,
            AdminState appliedState,
            OperationalState operationalState) {

        /** Returns whether the running server has the desired weight and administrative state. */
        public boolean matches() {
            return desiredWeight == appliedWeight && desiredState == appliedState;
        }
    }

    /** A command that HAProxy rejected, with HAProxy's message. */
    public record CommandFailure(String command, String reason) {}

    /**
     * Returns whether the configuration file must be regenerated and HAProxy reloaded, because the Runtime API used here can
     * neither add nor remove servers nor change their {@code backup} flag.
     */
    public boolean needsNewConfiguration() {
        return !missingServers.isEmpty() || !unexpectedServers.isEmpty() || !backupMismatches.isEmpty();
    }

    /**
     * Returns whether the running backend now has exactly the desired servers, each with its desired weight, state and backup
     * flag.
     */
    public boolean converged() {
        return failure.isEmpty() && !needsNewConfiguration() && servers.stream().allMatch(ServerOutcome::matches);
    }

    /**
     * Builds the report from the plan and the servers that HAProxy reports after the commands ran. A desired server
     * that the second read lacks counts as missing.
     */
    static AppliedEdge of(
            EdgePlan plan,
            List<DesiredServer> desired,
            List<ServerState> after,
            List<String> commandsRun,
            Optional<CommandFailure> failure) {
        Map<String, ServerState> afterByName = new LinkedHashMap<>();
        after.forEach(server -> afterByName.put(server.name(), server));

        List<ServerOutcome> outcomes = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (DesiredServer server : desired) {
            ServerState applied = afterByName.get(server.name());
            if (applied == null) {
                missing.add(server.name());
                continue;
            }
            outcomes.add(new ServerOutcome(
                    server.name(),
                    server.weight(),
                    applied.userWeight(),
                    server.state(),
                    applied.adminState(),
                    applied.operationalState()));
        }
        return new AppliedEdge(
                plan.backend(),
                outcomes,
                commandsRun,
                missing,
                plan.unexpectedServers(),
                plan.backupMismatches(),
                failure);
    }
}
