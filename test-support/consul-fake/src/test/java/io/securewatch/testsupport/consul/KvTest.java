package io.securewatch.testsupport.consul;

import static io.securewatch.testsupport.consul.JsonShapes.JsonType.NUMBER;
import static io.securewatch.testsupport.consul.JsonShapes.JsonType.STRING;
import static io.securewatch.testsupport.consul.JsonShapes.assertShape;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The KV store, pinned against the Consul HTTP API documentation page "KV Store - HTTP API". */
class KvTest {

    private ConsulFake fake;
    private ConsulHttp http;

    @BeforeEach
    void startFake() {
        fake = ConsulFake.start("eu-west-1");
        http = new ConsulHttp(fake);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void readReturnsDocumentedEntry() {
        // given
        assertThat(http.put("/v1/kv/zip?flags=42", "test").body()).isEqualTo("true");

        // when
        ConsulHttp.Reply reply = http.get("/v1/kv/zip");

        // then
        assertThat(reply.status()).isEqualTo(200);
        JsonObject entry = reply.array().getJsonObject(0);
        assertShape(
                entry,
                Map.of(
                        "CreateIndex", NUMBER,
                        "ModifyIndex", NUMBER,
                        "LockIndex", NUMBER,
                        "Key", STRING,
                        "Flags", NUMBER,
                        "Value", STRING));
        assertThat(entry.getString("Key")).isEqualTo("zip");
        assertThat(entry.getString("Value")).isEqualTo("dGVzdA==");
        assertThat(entry.getLong("Flags")).isEqualTo(42);
        assertThat(reply.index()).isEqualTo(entry.getLong("ModifyIndex"));
    }

    @Test
    void updateMovesOnlyModifyIndex() {
        // given
        http.put("/v1/kv/app/mode", "blue");
        JsonObject first = http.get("/v1/kv/app/mode").array().getJsonObject(0);

        // when
        http.put("/v1/kv/app/mode", "green");

        // then
        JsonObject second = http.get("/v1/kv/app/mode").array().getJsonObject(0);
        assertThat(second.getLong("CreateIndex")).isEqualTo(first.getLong("CreateIndex"));
        assertThat(second.getLong("ModifyIndex")).isGreaterThan(first.getLong("ModifyIndex"));
        assertThat(decode(second.getString("Value"))).isEqualTo("green");
    }

    @Test
    void missingKeyIsNotFoundWithAnIndex() {
        // when
        ConsulHttp.Reply reply = http.get("/v1/kv/absent");

        // then
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).isEmpty();
        assertThat(reply.index()).isPositive();
    }

    @Test
    void emptyValueIsNull() {
        // given
        http.put("/v1/kv/flag", "");

        // when
        JsonObject entry = http.get("/v1/kv/flag").array().getJsonObject(0);

        // then
        assertThat(entry.containsKey("Value")).isTrue();
        assertThat(entry.getValue("Value")).isNull();
    }

    @Test
    void recurseReturnsEntriesUnderPrefixInKeyOrder() {
        // given
        http.put("/v1/kv/web/foo", "1");
        http.put("/v1/kv/web/bar", "2");
        http.put("/v1/kv/web/subdir/x", "3");
        http.put("/v1/kv/webby", "4");

        // when
        JsonArray entries = http.get("/v1/kv/web/?recurse").array();

        // then
        assertThat(entries)
                .extracting(entry -> ((JsonObject) entry).getString("Key"))
                .containsExactly("web/bar", "web/foo", "web/subdir/x");
    }

    @Test
    void keysWithSeparatorListOneLevel() {
        // given
        http.put("/v1/kv/web/foo", "1");
        http.put("/v1/kv/web/bar", "2");
        http.put("/v1/kv/web/subdir/x", "3");
        http.put("/v1/kv/web/subdir/y", "4");

        // when
        JsonArray keys = http.get("/v1/kv/web/?keys&separator=/").array();
        JsonArray allKeys = http.get("/v1/kv/web/?keys").array();

        // then
        assertThat(keys).containsExactly("web/bar", "web/foo", "web/subdir/");
        assertThat(allKeys).containsExactly("web/bar", "web/foo", "web/subdir/x", "web/subdir/y");
    }

    @Test
    void emptyPrefixIsNotFound() {
        // when
        ConsulHttp.Reply recurse = http.get("/v1/kv/nothing/?recurse");
        ConsulHttp.Reply keys = http.get("/v1/kv/nothing/?keys");

        // then
        assertThat(recurse.status()).isEqualTo(404);
        assertThat(keys.status()).isEqualTo(404);
    }

    @Test
    void rawReturnsTheBytes() {
        // given
        http.put("/v1/kv/raw-key", "plain value");

        // when
        ConsulHttp.Reply reply = http.get("/v1/kv/raw-key?raw");

        // then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("plain value");
        assertThat(reply.header("Content-Type")).startsWith("text/plain");
    }

    @Test
    void casWritesOnlyAtModifyIndex() {
        // given
        assertThat(http.put("/v1/kv/lock?cas=0", "first").body()).isEqualTo("true");
        long modifyIndex = http.get("/v1/kv/lock").array().getJsonObject(0).getLong("ModifyIndex");

        // when
        String createAgain = http.put("/v1/kv/lock?cas=0", "second").body();
        String staleIndex =
                http.put("/v1/kv/lock?cas=" + (modifyIndex - 1), "third").body();
        String currentIndex =
                http.put("/v1/kv/lock?cas=" + modifyIndex, "fourth").body();

        // then
        assertThat(createAgain).isEqualTo("false");
        assertThat(staleIndex).isEqualTo("false");
        assertThat(currentIndex).isEqualTo("true");
        assertThat(decode(http.get("/v1/kv/lock").array().getJsonObject(0).getString("Value")))
                .isEqualTo("fourth");
    }

    @Test
    void casDeleteNeedsModifyIndex() {
        // given
        http.put("/v1/kv/doomed", "x");
        long modifyIndex = http.get("/v1/kv/doomed").array().getJsonObject(0).getLong("ModifyIndex");

        // when
        String zeroIndex = http.delete("/v1/kv/doomed?cas=0").body();
        String currentIndex = http.delete("/v1/kv/doomed?cas=" + modifyIndex).body();

        // then
        assertThat(zeroIndex).isEqualTo("false");
        assertThat(currentIndex).isEqualTo("true");
        assertThat(http.get("/v1/kv/doomed").status()).isEqualTo(404);
    }

    @Test
    void deleteRecurseRemovesThePrefix() {
        // given
        http.put("/v1/kv/tenant/a", "1");
        http.put("/v1/kv/tenant/b", "2");
        http.put("/v1/kv/other", "3");

        // when
        ConsulHttp.Reply reply = http.delete("/v1/kv/tenant/?recurse");

        // then
        assertThat(reply.body()).isEqualTo("true");
        assertThat(http.get("/v1/kv/tenant/?recurse").status()).isEqualTo(404);
        assertThat(http.get("/v1/kv/other").status()).isEqualTo(200);
    }

    @Test
    void prefixIndexSurvivesNewestKeyDelete() {
        // given
        http.put("/v1/kv/cfg/a", "1");
        http.put("/v1/kv/cfg/b", "2");
        long beforeDelete = http.get("/v1/kv/cfg/?recurse").index();

        // when
        http.delete("/v1/kv/cfg/b");

        // then
        assertThat(http.get("/v1/kv/cfg/?recurse").index()).isGreaterThan(beforeDelete);
    }

    @Test
    void keyPathIsPercentDecoded() {
        // given
        http.put("/v1/kv/with%20space", "v");

        // when
        JsonObject entry = http.get("/v1/kv/with%20space").array().getJsonObject(0);

        // then
        assertThat(entry.getString("Key")).isEqualTo("with space");
    }

    @Test
    void oversizedValueIsRejected() {
        // given
        String value = "x".repeat(KvEndpoints.MAX_VALUE_BYTES + 1);

        // when
        ConsulHttp.Reply reply = http.put("/v1/kv/big", value);

        // then
        assertThat(reply.status()).isEqualTo(413);
        assertThat(http.get("/v1/kv/big").status()).isEqualTo(404);
    }

    @Test
    void sessionLocksAreNotSupported() {
        // when
        ConsulHttp.Reply reply = http.put("/v1/kv/leader?acquire=adf4238a-882b-9ddc-4a9d-5b6758e4159e", "me");

        // then
        assertThat(reply.status()).isEqualTo(501);
        assertThat(reply.body()).contains("acquire");
    }

    @Test
    void invalidCasIsBadRequest() {
        // when
        ConsulHttp.Reply reply = http.put("/v1/kv/k?cas=-1", "v");

        // then
        assertThat(reply.status()).isEqualTo(400);
    }

    @Test
    void concurrentWritesGetDistinctIndexes() {
        // given
        long before = fake.currentIndex();
        List<CompletableFuture<ConsulHttp.Reply>> writes = new ArrayList<>();

        // when
        for (int i = 0; i < 100; i++) {
            writes.add(http.sendAsync("PUT", "/v1/kv/parallel/" + i, "v" + i));
        }
        writes.forEach(CompletableFuture::join);

        // then
        JsonArray entries = http.get("/v1/kv/parallel/?recurse").array();
        assertThat(entries).hasSize(100);
        Set<Long> modifyIndexes = new HashSet<>();
        entries.forEach(entry -> modifyIndexes.add(((JsonObject) entry).getLong("ModifyIndex")));
        assertThat(modifyIndexes).hasSize(100).allMatch(index -> index > before);
        assertThat(fake.currentIndex()).isEqualTo(before + 100);
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
