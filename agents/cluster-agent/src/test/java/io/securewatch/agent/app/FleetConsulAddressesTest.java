package io.securewatch.agent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetConsulAddressesTest {

    @Test
    void entriesMapRegionsToAddresses() {
        assertThat(AgentRuntime.regionAddresses(
                        List.of("eu-west-1=http://127.0.0.1:18500", " us-east-1 = http://127.0.0.1:18502 ")))
                .containsEntry("eu-west-1", URI.create("http://127.0.0.1:18500"))
                .containsEntry("us-east-1", URI.create("http://127.0.0.1:18502"));
    }

    @Test
    void entryWithoutRegionIsRejected() {
        assertThatThrownBy(() -> AgentRuntime.regionAddresses(List.of("http://127.0.0.1:18500")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("<region>=<url>");
    }
}
