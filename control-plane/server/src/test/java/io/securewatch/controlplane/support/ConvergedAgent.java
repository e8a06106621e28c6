package io.securewatch.controlplane.support;

import io.securewatch.agent.v1.Ack;
import io.securewatch.agent.v1.AgentMessage;
import io.securewatch.agent.v1.Bundle;
import io.securewatch.agent.v1.ClusterFacts;
import io.securewatch.agent.v1.ControlPlaneMessage;
import io.securewatch.agent.v1.Heartbeat;
import io.securewatch.agent.v1.WorkloadFacts;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An agent that registers for a cluster and acknowledges every bundle at once, with a heartbeat after each and every
 * second, so that the cluster shows as connected and up to date for as long as it runs. Its heartbeats report the
 * workloads set with {@link #report}.
 */
public final class ConvergedAgent implements AutoCloseable {

    private final TestAgentStream stream;
    private final Thread loop;
    private final AtomicLong applied = new AtomicLong();
    private final Map<String, WorkloadFacts> workloads = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    private ConvergedAgent(TestAgentStream stream) {
        this.stream = stream;
        this.loop = new Thread(this::acknowledge, "converged-agent");
        loop.setDaemon(true);
        loop.start();
    }

    /** Registers an agent for the cluster with a new registration token and starts acknowledging. */
    public static ConvergedAgent start(String cluster) {
        String credential = TestAgentStream.register(cluster);
        return new ConvergedAgent(TestAgentStream.connect(credential, cluster, 0, ""));
    }

    private void acknowledge() {
        try {
            long lastHeartbeat = 0;
            while (running) {
                ControlPlaneMessage message = stream.poll(Duration.ofMillis(200));
                if (message != null && message.hasBundle()) {
                    Bundle bundle = message.getBundle();
                    stream.send(AgentMessage.newBuilder()
                            .setAck(Ack.newBuilder()
                                    .setRevision(bundle.getRevision())
                                    .setContentHash(bundle.getContentHash()))
                            .build());
                    applied.set(bundle.getRevision());
                }
                boolean due = System.nanoTime() - lastHeartbeat > TimeUnit.SECONDS.toNanos(1);
                if (applied.get() > 0 && (message != null || due)) {
                    stream.send(AgentMessage.newBuilder()
                            .setHeartbeat(Heartbeat.newBuilder()
                                    .setAppliedRevision(applied.get())
                                    .setFacts(ClusterFacts.newBuilder()
                                            .setAllocatableCpuMillis(64_000)
                                            .setAllocatableMemoryBytes(256L << 30)
                                            .addAllWorkloads(workloads.values())))
                            .build());
                    lastHeartbeat = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Reports a workload in every heartbeat from now on, replacing what was reported for it before.
     *
     * @param ready ready replicas, which are also its replicas, each at 20 % of its CPU and memory requests
     */
    public void report(String namespace, String name, int ready, double requestsPerSecond, double errorRatePercent) {
        workloads.put(
                namespace + "/" + name,
                WorkloadFacts.newBuilder()
                        .setNamespace(namespace)
                        .setName(name)
                        .setReplicas(ready)
                        .setReadyReplicas(ready)
                        .setCpuUtilizationPercent(20)
                        .setMemoryUtilizationPercent(20)
                        .setRequestsPerSecond(requestsPerSecond)
                        .setErrorRatePercent(errorRatePercent)
                        .build());
    }

    /** Returns the revision this agent last acknowledged. */
    public long appliedRevision() {
        return applied.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        loop.join(TimeUnit.SECONDS.toMillis(5));
        stream.close();
    }
}
