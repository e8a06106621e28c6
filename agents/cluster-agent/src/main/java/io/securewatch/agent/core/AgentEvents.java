package io.securewatch.agent.core;

/** Callbacks for code that watches an agent, such as tests and load harnesses. All default to doing nothing. */
public interface AgentEvents {

    AgentEvents NONE = new AgentEvents() {};

    /** The agent applied a revision completely and acknowledged it. */
    default void applied(String cluster, long revision) {}

    /** The agent connected and received Welcome. */
    default void connected(String cluster) {}
}
