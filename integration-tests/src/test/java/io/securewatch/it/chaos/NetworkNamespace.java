package io.securewatch.it.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A Linux network namespace that a test creates and removes, joined to the root namespace by a veth pair whose two
 * ends get the two usable addresses of a /30 in 10.213.0.0/16. A partition is an nftables table inside the
 * namespace that drops all traffic to and from the root namespace's end. No rule is ever added in the root
 * namespace, and removing the namespace removes its rules and both ends of the veth pair. Needs root,
 * {@code ip} from iproute2 and {@code nft} from Debian's nftables package.
 */
final class NetworkNamespace implements AutoCloseable {

    private static final String PARTITION_TABLE = "chaos";
    private static final long COMMAND_TIMEOUT_SECONDS = 30;

    final String name;

    /** The address of the veth end in the root namespace, where processes in the namespace reach the host. */
    final String hostAddress;

    /** The address of the veth end inside the namespace. */
    final String namespaceAddress;

    private final String hostInterface;

    private NetworkNamespace(String name, String hostAddress, String namespaceAddress, String hostInterface) {
        this.name = name;
        this.hostAddress = hostAddress;
        this.namespaceAddress = namespaceAddress;
        this.hostInterface = hostInterface;
    }

    /**
     * Creates the namespace {@code <prefix>-<random>}, the veth pair and their addresses, and brings both ends and
     * the namespace's loopback interface up.
     */
    static NetworkNamespace create(String prefix) throws IOException, InterruptedException {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        List<String> pair = unusedAddressPair();
        NetworkNamespace namespace =
                new NetworkNamespace(prefix + "-" + suffix, pair.get(0), pair.get(1), "swh" + suffix);
        String namespaceInterface = "swn" + suffix;
        run(List.of("ip", "netns", "add", namespace.name), null);
        try {
            run(
                    List.of(
                            "ip",
                            "link",
                            "add",
                            namespace.hostInterface,
                            "type",
                            "veth",
                            "peer",
                            "name",
                            namespaceInterface,
                            "netns",
                            namespace.name),
                    null);
            run(List.of("ip", "address", "add", namespace.hostAddress + "/30", "dev", namespace.hostInterface), null);
            run(List.of("ip", "link", "set", namespace.hostInterface, "up"), null);
            namespace.exec(
                    List.of("ip", "address", "add", namespace.namespaceAddress + "/30", "dev", namespaceInterface));
            namespace.exec(List.of("ip", "link", "set", namespaceInterface, "up"));
            namespace.exec(List.of("ip", "link", "set", "lo", "up"));
        } catch (IOException | RuntimeException e) {
            namespace.close();
            throw e;
        }
        return namespace;
    }

    /** Returns the command that runs the program inside the namespace. */
    List<String> command(List<String> program) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name));
        command.addAll(program);
        return command;
    }

    /** Cuts the namespace off from the root namespace: every packet to or from the host's end is dropped. */
    void partition() throws IOException, InterruptedException {
        String rules = String.join(
                "\n",
                "table inet " + PARTITION_TABLE + " {",
                "  chain input {",
                "    type filter hook input priority filter; policy accept;",
                "    ip saddr " + hostAddress + " drop",
                "  }",
                "  chain output {",
                "    type filter hook output priority filter; policy accept;",
                "    ip daddr " + hostAddress + " drop",
                "  }",
                "}",
                "");
        run(command(List.of("nft", "-f", "-")), rules);
    }

    /** Ends a partition by deleting its nftables table. */
    void heal() throws IOException, InterruptedException {
        exec(List.of("nft", "delete", "table", "inet", PARTITION_TABLE));
    }

    /** Returns the namespace's nftables rules, as {@code nft list ruleset} prints them. */
    String ruleset() throws IOException, InterruptedException {
        return run(command(List.of("nft", "list", "ruleset")), null);
    }

    /** Deletes the namespace, which takes its nftables rules and both ends of the veth pair with it. */
    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("ip", "netns", "delete", name), null);
    }

    private void exec(List<String> program) throws IOException, InterruptedException {
        run(command(program), null);
    }

    /**
     * Picks a /30 in 10.213.0.0/16 in which no interface of the root namespace has an address, and returns its two
     * usable addresses.
     */
    private static List<String> unusedAddressPair() throws IOException, InterruptedException {
        String addresses = run(List.of("ip", "-4", "-o", "address", "show"), null);
        for (int attempt = 0; attempt < 20; attempt++) {
            String network = "10.213." + ThreadLocalRandom.current().nextInt(256) + ".";
            int base = 4 * ThreadLocalRandom.current().nextInt(64);
            List<String> subnet =
                    List.of(network + base, network + (base + 1), network + (base + 2), network + (base + 3));
            if (subnet.stream().noneMatch(address -> addresses.contains(" " + address + "/"))) {
                return List.of(subnet.get(1), subnet.get(2));
            }
        }
        throw new IllegalStateException("no unused /30 found in 10.213.0.0/16 after 20 attempts");
    }

    /** Runs a command, with {@code input} on its standard input when not null, and returns its output. */
    private static String run(List<String> command, String input) throws IOException, InterruptedException {
        Path output = Files.createTempFile("network-namespace-", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            try (var stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException(
                        String.join(" ", command) + " timed out after " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            String printed = Files.readString(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with exit code "
                        + process.exitValue() + ": " + printed.strip());
            }
            return printed;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
