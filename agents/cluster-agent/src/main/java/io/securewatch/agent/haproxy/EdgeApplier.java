package io.securewatch.agent.haproxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Brings a backend of the running HAProxy to the desired servers through the Runtime API, without a reload: it reads
 * the servers, sends the commands that {@link EdgePlanner} computes, reads the servers again and reports the result.
 *
 * <p>The Runtime API cannot add servers or change their {@code backup} flag, and this applier removes none. When the
 * running configuration lacks a desired server, has one that is not desired, or has a wrong flag, the applier still
 * sends the other commands, and {@link AppliedEdge#needsNewConfiguration()} in the report is true: the
 * configuration file must be regenerated.
 */
public final class EdgeApplier {

    private static final Logger LOG = Logger.getLogger(EdgeApplier.class);

    private final RuntimeApiClient client;

    public EdgeApplier(RuntimeApiClient client) {
        this.client = client;
    }

    /**
     * Applies the desired servers to one backend. When HAProxy rejects a command, the commands after it are not
     * sent and the report names the failure.
     *
     * @throws RuntimeApiException when reading the servers fails, before or after the commands
     * @throws IllegalArgumentException when two desired servers have the same name
     */
    public AppliedEdge apply(String backend, List<DesiredServer> desired) {
        List<ServerState> before = client.showServers(backend);
        Set<String> backups = client.showBackupServers(backend);
        EdgePlan plan = EdgePlanner.plan(backend, desired, before, backups);

        List<String> commandsRun = new ArrayList<>();
        Optional<AppliedEdge.CommandFailure> failure = send(plan, commandsRun);

        List<ServerState> after = client.showServers(backend);
        AppliedEdge report = AppliedEdge.of(plan, desired, after, commandsRun, failure);
        logOutcome(report);
        return report;
    }

    private Optional<AppliedEdge.CommandFailure> send(EdgePlan plan, List<String> commandsRun) {
        for (RuntimeCommand command : plan.commands()) {
            try {
                client.send(command);
            } catch (RuntimeApiException e) {
                log(
                        Logger.Level.ERROR,
                        e,
                        "HAProxy rejected a Runtime API command; later commands not sent",
                        "backend",
                        plan.backend(),
                        "command",
                        e.command(),
                        "socket",
                        client.address());
                return Optional.of(new AppliedEdge.CommandFailure(e.command(), e.reason()));
            }
            commandsRun.add(command.text());
        }
        return Optional.empty();
    }

    private void logOutcome(AppliedEdge report) {
        if (report.needsNewConfiguration()) {
            log(
                    Logger.Level.WARN,
                    null,
                    "HAProxy configuration does not match the desired servers; regenerate it and reload",
                    "backend",
                    report.backend(),
                    "missingServers",
                    String.join(",", report.missingServers()),
                    "unexpectedServers",
                    String.join(",", report.unexpectedServers()),
                    "backupMismatches",
                    String.join(",", report.backupMismatches()));
        }
        log(
                Logger.Level.INFO,
                null,
                "Applied HAProxy runtime settings",
                "backend",
                report.backend(),
                "commands",
                report.commandsRun().size(),
                "converged",
                report.converged());
    }

    /** Logs a constant message with key-value fields in the logging context, as the rest of the agent does. */
    private static void log(Logger.Level level, Throwable error, String message, Object... keyValues) {
        if (!LOG.isEnabled(level)) {
            return;
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            String key = (String) keyValues[i];
            MDC.put(key, String.valueOf(keyValues[i + 1]));
            keys.add(key);
        }
        try {
            LOG.log(level, message, error);
        } finally {
            keys.forEach(MDC::remove);
        }
    }
}
