package io.securewatch.console.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpControlPlaneTest {

    @Test
    void queryLeavesOutBlankValues() {
        // given
        Map<String, String> filter = new HashMap<>();
        filter.put("tier", "shared");
        filter.put("status", null);
        filter.put("residencyZone", " ");

        // when / then
        assertThat(HttpControlPlane.query(filter)).isEqualTo("?tier=shared");
        assertThat(HttpControlPlane.query(Map.of())).isEmpty();
    }

    @Test
    void queryEncodesValues() {
        // when / then
        assertThat(HttpControlPlane.query(Map.of("actor", "system:drill", "objectId", "evacuate-eu-west-1/2")))
                .isEqualTo("?actor=system%3Adrill&objectId=evacuate-eu-west-1%2F2");
    }

    @Test
    void credentialsMakeBasicHeader() {
        // when / then
        assertThat(new Credentials("admin", "admin").authorization()).isEqualTo("Basic YWRtaW46YWRtaW4=");
    }
}
