package io.securewatch.agent.haproxy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads the Runtime API's responses. The formats are those of the HAProxy 2.6 management guide (section 9.3,
 * "Unix Socket commands"); the success and error texts were checked against HAProxy 2.6.12.
 */
final class RuntimeApiResponses {

    /** The {@code show servers state} format version that this class reads. */
    static final String SERVERS_STATE_VERSION = "1";

    /**
     * Columns of {@code show servers state} that {@link #serversState} reads, found by their names in the header line
     * so that columns added by later versions do not shift them.
     */
    private static final List<String> SERVERS_STATE_COLUMNS = List.of(
            "be_name",
            "srv_id",
            "srv_name",
            "srv_addr",
            "srv_op_state",
            "srv_admin_state",
            "srv_uweight",
            "srv_iweight",
            "srv_port");

    private RuntimeApiResponses() {}

    /**
     * Checks the response of a command that prints nothing when it succeeds, such as {@code set server}. HAProxy
     * ends every response with an empty line, so a response with any other text is its error message.
     */
    static void requireEmpty(String command, String response) {
        String message = response.strip();
        if (!message.isEmpty()) {
            throw new RuntimeApiException(command, message);
        }
    }

    /**
     * Parses {@code show servers state <backend>}: a line with the format version, a header line starting with
     * {@code #} that names the space-separated columns, then one line per server.
     */
    static List<ServerState> serversState(String command, String backend, String response) {
        List<String> lines = nonBlankLines(response);
        if (lines.isEmpty()) {
            throw new RuntimeApiException(command, "empty response");
        }
        String first = lines.get(0);
        if (!first.chars().allMatch(Character::isDigit)) {
            // For an unknown backend HAProxy returns a message such as "Can't find backend."
            throw new RuntimeApiException(command, String.join(" ", lines));
        }
        if (!first.equals(SERVERS_STATE_VERSION)) {
            throw new RuntimeApiException(
                    command, "unsupported format version " + first + "; this client reads version 1");
        }
        if (lines.size() < 2 || !lines.get(1).startsWith("#")) {
            throw new RuntimeApiException(command, "missing header line after the format version");
        }
        List<String> header = Arrays.asList(lines.get(1).substring(1).trim().split("\\s+"));
        Map<String, Integer> columns = new HashMap<>();
        for (String column : SERVERS_STATE_COLUMNS) {
            columns.put(column, requireColumn(command, header, column));
        }

        List<ServerState> servers = new ArrayList<>();
        for (String line : lines.subList(2, lines.size())) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] fields = line.trim().split("\\s+");
            if (fields.length < header.size()) {
                throw new RuntimeApiException(
                        command,
                        "server line has " + fields.length + " fields, the header " + header.size() + ": " + line);
            }
            if (fields[columns.get("be_name")].equals(backend)) {
                servers.add(serverState(command, line, column -> fields[columns.get(column)]));
            }
        }
        return List.copyOf(servers);
    }

    private static ServerState serverState(String command, String line, UnaryOperator<String> field) {
        try {
            return new ServerState(
                    Integer.parseInt(field.apply("srv_id")),
                    field.apply("srv_name"),
                    field.apply("srv_addr"),
                    Integer.parseInt(field.apply("srv_port")),
                    OperationalState.fromCode(Integer.parseInt(field.apply("srv_op_state"))),
                    Integer.parseInt(field.apply("srv_admin_state")),
                    Integer.parseInt(field.apply("srv_uweight")),
                    Integer.parseInt(field.apply("srv_iweight")));
        } catch (IllegalArgumentException e) {
            throw new RuntimeApiException(command, "invalid server line '" + line + "': " + e.getMessage(), e);
        }
    }

    /**
     * Parses {@code show stat <backend> 4 -1}, CSV with a header line starting with {@code # }, and returns the
     * names of the servers whose {@code bck} column is 1. {@code show servers state} does not report whether a
     * server is a backup server.
     */
    static Set<String> backupServers(String command, String backend, String response) {
        List<String> lines = nonBlankLines(response);
        if (lines.isEmpty() || !lines.get(0).startsWith("#")) {
            // For an unknown backend HAProxy returns "No such proxy."
            throw new RuntimeApiException(command, lines.isEmpty() ? "empty response" : String.join(" ", lines));
        }
        List<String> header = Arrays.asList(lines.get(0).substring(1).trim().split(","));
        int proxyColumn = requireColumn(command, header, "pxname");
        int serverColumn = requireColumn(command, header, "svname");
        int backupColumn = requireColumn(command, header, "bck");

        Set<String> backups = new LinkedHashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            if (fields.length <= backupColumn) {
                throw new RuntimeApiException(command, "stat line has too few fields: " + line);
            }
            if (fields[proxyColumn].equals(backend) && fields[backupColumn].equals("1")) {
                backups.add(fields[serverColumn]);
            }
        }
        return Set.copyOf(backups);
    }

    private static int requireColumn(String command, List<String> header, String column) {
        int index = header.indexOf(column);
        if (index < 0) {
            throw new RuntimeApiException(command, "missing column " + column);
        }
        return index;
    }

    private static List<String> nonBlankLines(String response) {
        List<String> lines = new ArrayList<>();
        for (String line : response.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.stripTrailing());
            }
        }
        return lines;
    }
}
