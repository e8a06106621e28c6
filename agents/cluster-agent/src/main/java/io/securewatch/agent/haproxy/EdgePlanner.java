package io.securewatch.agent.haproxy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the Runtime API commands that bring a running backend to the desired servers. Pure: it reads nothing and
 * sends nothing.
 *
 * <p>Only settings that differ are sent, in an order that adds capacity before it removes any: weight increases,
 * then servers returning to {@code ready}, then weight decreases, then servers going to {@code drain}, then to
 * {@code maint}. After the first two steps every server that should take requests does, so traffic that moves from
 * one region to another reaches the new region before the old one stops.
 */
public final class EdgePlanner {

    private EdgePlanner() {}

    /**
     * Plans the commands for one backend.
     *
     * @param live the servers as {@code show servers state} reports them
     * @param liveBackups names of the running servers marked {@code backup}
     * @throws IllegalArgumentException when two desired servers have the same name
     */
    public static EdgePlan plan(
            String backend, List<DesiredServer> desired, List<ServerState> live, Set<String> liveBackups) {
        Map<String, ServerState> liveByName = new LinkedHashMap<>();
        live.forEach(server -> liveByName.put(server.name(), server));
        Set<String> desiredNames = new LinkedHashSet<>();

        List<RuntimeCommand> weightIncreases = new ArrayList<>();
        List<RuntimeCommand> weightDecreases = new ArrayList<>();
        List<RuntimeCommand> toReady = new ArrayList<>();
        List<RuntimeCommand> toDrain = new ArrayList<>();
        List<RuntimeCommand> toMaint = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> backupMismatches = new ArrayList<>();
        for (DesiredServer server : desired) {
            if (!desiredNames.add(server.name())) {
                throw new IllegalArgumentException(
                        "duplicate desired server " + server.name() + " in backend " + backend);
            }
            ServerState current = liveByName.get(server.name());
            if (current == null) {
                missing.add(server.name());
                continue;
            }
            if (server.backup() != liveBackups.contains(server.name())) {
                backupMismatches.add(server.name());
            }
            RuntimeCommand weight = new RuntimeCommand.SetWeight(backend, server.name(), server.weight());
            if (server.weight() > current.userWeight()) {
                weightIncreases.add(weight);
            } else if (server.weight() < current.userWeight()) {
                weightDecreases.add(weight);
            }
            if (current.adminState() != server.state()) {
                RuntimeCommand command = new RuntimeCommand.SetState(backend, server.name(), server.state());
                switch (server.state()) {
                    case READY -> toReady.add(command);
                    case DRAIN -> toDrain.add(command);
                    case MAINT -> toMaint.add(command);
                }
            }
        }

        List<RuntimeCommand> commands = new ArrayList<>(weightIncreases);
        commands.addAll(toReady);
        commands.addAll(weightDecreases);
        commands.addAll(toDrain);
        commands.addAll(toMaint);
        List<String> unexpected = new ArrayList<>(liveByName.keySet());
        unexpected.removeAll(desiredNames);
        return new EdgePlan(backend, commands, missing, unexpected, backupMismatches);
    }
}
