package io.securewatch.agent.core;

/**
 * Callbacks for code that follows an agent, such as the Consul registrar, tests and load harnesses. All default to
 * doing nothing, and run on the agent's worker thread, so they must not block.
 */
public interface AgentEvents {

    AgentEvents NONE = new AgentEvents() {};

    /** The agent applied a revision completely and acknowledged it. */
    default void applied(String cluster, long revision) {}

    /** The agent connected and received Welcome. */
    default void connected(String cluster) {}

    /** The agent applied a revision; the objects are every object the cluster now holds from the control plane. */
    default void appliedObjects(String cluster, java.util.List<DesiredObject> objects) {}

    /** The agent read the cluster's facts for a heartbeat. */
    default void factsRead(String cluster, ClusterDriver.ClusterFacts facts) {}
}
