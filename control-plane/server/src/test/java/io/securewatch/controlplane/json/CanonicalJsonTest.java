package io.securewatch.controlplane.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void keyOrderDoesNotChangeTheDigest() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("b", 2);
        first.put("a", Map.of("y", 1, "x", 2));
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("a", Map.of("x", 2, "y", 1));
        second.put("b", 2);

        assertThat(CanonicalJson.sha256(first)).isEqualTo(CanonicalJson.sha256(second));
        assertThat(CanonicalJson.write(first)).isEqualTo("{\"a\":{\"x\":2,\"y\":1},\"b\":2}");
    }

    @Test
    void digestIsLowercaseHexSha256() {
        assertThat(CanonicalJson.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
