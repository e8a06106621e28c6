package io.securewatch.it.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged cluster agent as a process inside a {@link NetworkNamespace}, in single mode with the simulated driver,
 * so that the namespace's partition cuts exactly this agent off. {@code ip netns exec} replaces itself with the
 * Java process, so the process handle's id is the agent's own. Its output goes to {@code target/it-logs}.
 */
final class NamespacedAgent implements AutoCloseable {

    private static final Path JAR = Path.of(
            System.getProperty("cluster-agent.jar", "../agents/cluster-agent/target/quarkus-app/quarkus-run.jar"));

    private final Process process;
    private final Path stateDirectory;
    private final Path log;

    private NamespacedAgent(Process process, Path stateDirectory, Path log) {
        this.process = process;
        this.stateDirectory = stateDirectory;
        this.log = log;
    }

    /**
     * Starts the agent of the cluster in the namespace.
     *
     * @param controlPlaneUrl where the agent reaches the control plane from inside the namespace
     * @param token a registration token of the cluster
     */
    static NamespacedAgent start(NetworkNamespace namespace, String cluster, String controlPlaneUrl, String token)
            throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing; build the agent first (./mvnw package)");
        }
        Path stateDirectory = Files.createTempDirectory("namespaced-agent");
        Path log = Files.createDirectories(Path.of("target", "it-logs")).resolve("agent-" + cluster + ".log");
        List<String> java = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m",
                "-jar",
                JAR.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(namespace.command(java))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("SECUREWATCH_AGENT_MODE", "single");
        environment.put("SECUREWATCH_AGENT_DRIVER", "simulated");
        environment.put("SECUREWATCH_AGENT_CLUSTER", cluster);
        environment.put("SECUREWATCH_AGENT_CONTROL_PLANE_URL", controlPlaneUrl);
        environment.put("SECUREWATCH_AGENT_REGISTRATION_TOKEN", token);
        environment.put("SECUREWATCH_AGENT_STATE_DIRECTORY", stateDirectory.toString());
        // Reconnects soon after a partition heals, rather than after up to a minute of backoff.
        environment.put("SECUREWATCH_AGENT_MIN_BACKOFF", "200ms");
        environment.put("SECUREWATCH_AGENT_MAX_BACKOFF", "2s");
        // The demo's load level, at which any one region can be evacuated.
        environment.put("SECUREWATCH_AGENT_SIMULATED_LOAD_SCALE", "0.2");
        // The health endpoint listens on the namespace's own loopback interface.
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        return new NamespacedAgent(builder.start(), stateDirectory, log);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Returns the agent's output so far. */
    String log() throws IOException {
        return Files.readString(log);
    }

    /** Stops the agent with SIGTERM by its process handle, with SIGKILL after 20 s, and deletes its state. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> paths = Files.walk(stateDirectory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
