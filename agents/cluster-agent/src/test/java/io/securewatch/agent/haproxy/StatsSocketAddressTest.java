package io.securewatch.agent.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatsSocketAddressTest {

    @Test
    void unixPrefixSelectsUnixSocket() {
        StatsSocketAddress address = StatsSocketAddress.parse("unix@/run/haproxy/admin.sock");

        assertThat(address.protocolFamily()).isEqualTo(StandardProtocolFamily.UNIX);
        assertThat(address.socketAddress()).isEqualTo(UnixDomainSocketAddress.of(Path.of("/run/haproxy/admin.sock")));
    }

    @Test
    void absolutePathSelectsUnixSocket() {
        StatsSocketAddress address = StatsSocketAddress.parse("/run/haproxy/admin.sock");

        assertThat(address.socketAddress()).isEqualTo(UnixDomainSocketAddress.of(Path.of("/run/haproxy/admin.sock")));
    }

    @Test
    void ipv4PrefixSelectsTcp() {
        StatsSocketAddress address = StatsSocketAddress.parse("ipv4@127.0.0.1:9999");

        assertThat(address.protocolFamily()).isEqualTo(StandardProtocolFamily.INET);
        assertThat(address.socketAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 9999));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "admin.sock",
                "unix@admin.sock",
                "ipv4@localhost:9999",
                "ipv4@127.0.0.1",
                "ipv4@127.0.0.1:0",
                "ipv4@127.0.0.1:70000",
                "ipv4@300.0.0.1:9999",
                "ipv6@[::1]:9999"
            })
    void invalidAddressIsRejected(String text) {
        assertThatThrownBy(() -> StatsSocketAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HAProxy stats socket address");
    }
}
