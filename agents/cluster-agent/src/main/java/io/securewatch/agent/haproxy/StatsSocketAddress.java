package io.securewatch.agent.haproxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Address of HAProxy's stats socket, written as in HAProxy's {@code stats socket} line: {@code unix@/path} or an
 * absolute path for a UNIX socket, {@code ipv4@ADDRESS:PORT} for TCP.
 *
 * @param text the address as given, for messages
 */
public record StatsSocketAddress(String text, SocketAddress socketAddress, ProtocolFamily protocolFamily) {

    private static final Pattern IPV4 = Pattern.compile("ipv4@(\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d{1,5})");

    /**
     * Parses an address. Only IPv4 literals are accepted for TCP, so parsing never looks up a host name.
     *
     * @throws IllegalArgumentException when the address has none of the accepted forms
     */
    public static StatsSocketAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("missing HAProxy stats socket address: expected unix@/path, an absolute"
                    + " path or ipv4@ADDRESS:PORT");
        }
        if (text.startsWith("unix@") || text.startsWith("/")) {
            Path path = Path.of(text.startsWith("unix@") ? text.substring("unix@".length()) : text);
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException(
                        "invalid HAProxy stats socket address '" + text + "': the UNIX socket path must be absolute");
            }
            return new StatsSocketAddress(text, UnixDomainSocketAddress.of(path), StandardProtocolFamily.UNIX);
        }
        Matcher ipv4 = IPV4.matcher(text);
        if (ipv4.matches()) {
            return new StatsSocketAddress(
                    text,
                    new InetSocketAddress(ipv4Literal(text, ipv4.group(1)), port(text, ipv4.group(2))),
                    StandardProtocolFamily.INET);
        }
        throw new IllegalArgumentException("invalid HAProxy stats socket address '" + text
                + "': expected unix@/path, an absolute path or ipv4@ADDRESS:PORT");
    }

    private static InetAddress ipv4Literal(String text, String address) {
        for (String part : address.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                throw new IllegalArgumentException(
                        "invalid HAProxy stats socket address '" + text + "': " + address + " is not an IPv4 address");
            }
        }
        try {
            // A dotted-quad literal is converted without a name lookup.
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid HAProxy stats socket address '" + text + "'", e);
        }
    }

    private static int port(String text, String digits) {
        int port = Integer.parseInt(digits);
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(
                    "invalid HAProxy stats socket address '" + text + "': port " + port + " is not 1 to 65535");
        }
        return port;
    }

    @Override
    public String toString() {
        return text;
    }
}
