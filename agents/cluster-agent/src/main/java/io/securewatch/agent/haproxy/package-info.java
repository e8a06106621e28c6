/**
 * Applies a service's routing settings to the region's HAProxy edge through the Runtime API, without a reload.
 *
 * <p>{@link io.securewatch.agent.haproxy.EdgePlanner} is pure and computes the commands;
 * {@link io.securewatch.agent.haproxy.RuntimeApiClient} talks to the stats socket;
 * {@link io.securewatch.agent.haproxy.EdgeApplier} joins them and reports an
 * {@link io.securewatch.agent.haproxy.AppliedEdge}. Nothing in the agent calls the applier yet.
 */
package io.securewatch.agent.haproxy;
