package io.securewatch.agent.haproxy;

/**
 * A server of an edge backend as the control plane wants it: one per region, named after the region.
 *
 * @param weight 0 to 256; the control plane sends percentages, 0 to 100
 * @param backup whether the configuration must mark the server {@code backup}, so that it serves only when every
 *     other server is down. The Runtime API cannot change this; only a new configuration file can.
 */
public record DesiredServer(String name, int weight, AdminState state, boolean backup) {

    public DesiredServer {
        Names.requireValid("server", name);
        if (weight < 0 || weight > RuntimeCommand.MAX_WEIGHT) {
            throw new IllegalArgumentException("invalid weight " + weight + " for server " + name + ": expected 0 to "
                    + RuntimeCommand.MAX_WEIGHT);
        }
        if (state == null) {
            throw new IllegalArgumentException("missing state for server " + name + ": expected ready, drain or maint");
        }
    }
}
