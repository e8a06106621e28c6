package io.securewatch.testsupport.consul;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Config entries, pinned against the Consul HTTP API documentation page "Config - HTTP API". */
class ConfigEntriesTest {

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
    void appliedEntryReadsBackWithIndexes() {
        // given
        ConsulHttp.Reply applied = http.put("/v1/config", serviceDefaults("web", "http"));

        // when
        ConsulHttp.Reply reply = http.get("/v1/config/service-defaults/web");

        // then
        assertThat(applied.status()).isEqualTo(200);
        assertThat(applied.body()).isEqualTo("true");
        JsonObject entry = reply.object();
        assertThat(entry.fieldNames()).containsExactly("Kind", "Name", "Protocol", "CreateIndex", "ModifyIndex");
        assertThat(entry.getString("Kind")).isEqualTo("service-defaults");
        assertThat(entry.getString("Name")).isEqualTo("web");
        assertThat(entry.getString("Protocol")).isEqualTo("http");
        assertThat(entry.getLong("CreateIndex")).isPositive();
        assertThat(entry.getLong("ModifyIndex")).isEqualTo(entry.getLong("CreateIndex"));
        assertThat(reply.index()).isEqualTo(entry.getLong("ModifyIndex"));
    }

    @Test
    void listReturnsEntriesOfOneKindByName() {
        // given
        http.put("/v1/config", serviceDefaults("web", "http"));
        http.put("/v1/config", serviceDefaults("db", "tcp"));
        http.put("/v1/config", new JsonObject().put("Kind", "service-resolver").put("Name", "web"));

        // when
        JsonArray entries = http.get("/v1/config/service-defaults").array();

        // then
        assertThat(entries)
                .extracting(entry -> ((JsonObject) entry).getString("Name"))
                .containsExactly("db", "web");
        assertThat(entries.getJsonObject(0).getString("Protocol")).isEqualTo("tcp");
    }

    @Test
    void missingEntryIsNotFound() {
        // when
        ConsulHttp.Reply reply = http.get("/v1/config/service-defaults/nope");

        // then
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).isEqualTo("Config entry not found for \"service-defaults\" / \"nope\"");
        assertThat(reply.index()).isPositive();
    }

    @Test
    void updateWithCheckAndSet() {
        // given
        http.put("/v1/config", serviceDefaults("web", "http"));
        long modifyIndex = http.get("/v1/config/service-defaults/web").object().getLong("ModifyIndex");

        // when
        String createAgain =
                http.put("/v1/config?cas=0", serviceDefaults("web", "grpc")).body();
        String stale = http.put("/v1/config?cas=" + (modifyIndex + 100), serviceDefaults("web", "grpc"))
                .body();
        String current = http.put("/v1/config?cas=" + modifyIndex, serviceDefaults("web", "http2"))
                .body();

        // then
        assertThat(createAgain).isEqualTo("false");
        assertThat(stale).isEqualTo("false");
        assertThat(current).isEqualTo("true");
        JsonObject entry = http.get("/v1/config/service-defaults/web").object();
        assertThat(entry.getString("Protocol")).isEqualTo("http2");
        assertThat(entry.getLong("ModifyIndex")).isGreaterThan(modifyIndex);
    }

    @Test
    void deleteReturnsEmptyObjectOrCasResult() {
        // given
        http.put("/v1/config", serviceDefaults("web", "http"));
        http.put("/v1/config", serviceDefaults("api", "http"));
        long apiIndex = http.get("/v1/config/service-defaults/api").object().getLong("ModifyIndex");

        // when
        ConsulHttp.Reply plain = http.delete("/v1/config/service-defaults/web");
        ConsulHttp.Reply staleCas = http.delete("/v1/config/service-defaults/api?cas=" + (apiIndex - 1));
        ConsulHttp.Reply currentCas = http.delete("/v1/config/service-defaults/api?cas=" + apiIndex);

        // then
        assertThat(plain.body()).isEqualTo("{}");
        assertThat(staleCas.body()).isEqualTo("false");
        assertThat(currentCas.body()).isEqualTo("true");
        assertThat(http.get("/v1/config/service-defaults").array()).isEmpty();
    }

    @Test
    void splitterNeedsHttpProtocol() {
        // given
        http.put("/v1/config", serviceDefaults("web", "tcp"));

        // when
        ConsulHttp.Reply rejected = http.put("/v1/config", splitter("web", 90, 10));
        http.put("/v1/config", serviceDefaults("web", "http"));
        ConsulHttp.Reply accepted = http.put("/v1/config", splitter("web", 90, 10));

        // then
        assertThat(rejected.status()).isEqualTo(500);
        assertThat(rejected.body()).contains("protocol").contains("\"tcp\"");
        assertThat(accepted.body()).isEqualTo("true");
        JsonArray splits = http.get("/v1/config/service-splitter/web").object().getJsonArray("Splits");
        assertThat(splits.getJsonObject(0).getInteger("Weight")).isEqualTo(90);
        assertThat(splits.getJsonObject(1).getString("ServiceSubset")).isEqualTo("v2");
    }

    @Test
    void splitterWeightsMustAddUpToOneHundred() {
        // given
        http.put("/v1/config", serviceDefaults("web", "http"));

        // when
        ConsulHttp.Reply reply = http.put("/v1/config", splitter("web", 90, 20));

        // then
        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.body()).contains("add up to 100");
        assertThat(http.get("/v1/config/service-splitter/web").status()).isEqualTo(404);
    }

    @Test
    void resolverDefaultSubsetMustExist() {
        // given
        JsonObject resolver = new JsonObject()
                .put("Kind", "service-resolver")
                .put("Name", "web")
                .put("DefaultSubset", "v3")
                .put(
                        "Subsets",
                        new JsonObject().put("v1", new JsonObject().put("Filter", "Service.Meta.version == v1")));

        // when
        ConsulHttp.Reply reply = http.put("/v1/config", resolver);

        // then
        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.body()).contains("DefaultSubset \"v3\"");
    }

    @Test
    void unknownAndUnsupportedKindsAreRejected() {
        // when
        ConsulHttp.Reply unknown =
                http.put("/v1/config", new JsonObject().put("Kind", "nonsense").put("Name", "x"));
        ConsulHttp.Reply unsupported = http.put(
                "/v1/config", new JsonObject().put("Kind", "proxy-defaults").put("Name", "global"));
        ConsulHttp.Reply missingName = http.put("/v1/config", new JsonObject().put("Kind", "service-defaults"));

        // then
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unsupported.status()).isEqualTo(501);
        assertThat(missingName.status()).isEqualTo(400);
    }

    @Test
    void indexFieldsInRequestAreIgnored() {
        // when
        http.put(
                "/v1/config",
                serviceDefaults("web", "http").put("CreateIndex", 999).put("ModifyIndex", 999));

        // then
        JsonObject entry = http.get("/v1/config/service-defaults/web").object();
        assertThat(entry.getLong("ModifyIndex")).isEqualTo(fake.currentIndex());
    }

    @ParameterizedTest
    @ValueSource(strings = {"service-defaults", "service-resolver", "service-splitter", "service-router"})
    void metaReadsBackUnchanged(String kind) {
        // given
        http.put("/v1/config", serviceDefaults("web", "http"));
        JsonObject meta =
                new JsonObject().put("owner", "team-payments").put("empty", "").put("region", "eu-west-1");
        ConsulHttp.Reply applied =
                http.put("/v1/config", minimalEntry(kind, "web").put("Meta", meta));

        // when
        ConsulHttp.Reply reply = http.get("/v1/config/" + kind + "/web");

        // then
        assertThat(applied.status()).isEqualTo(200);
        assertThat(applied.body()).isEqualTo("true");
        JsonObject storedMeta = reply.object().getJsonObject("Meta");
        assertThat(storedMeta).isEqualTo(meta);
        assertThat(storedMeta.fieldNames()).containsExactly("owner", "empty", "region");
        JsonObject listed = http.get("/v1/config/" + kind).array().getJsonObject(0);
        assertThat(listed.getJsonObject("Meta")).isEqualTo(meta);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[\"owner\"]",
                "\"owner=team-payments\"",
                "{\"retries\": 3}",
                "{\"owner\": null}",
                "{\"owner\": {\"team\": \"payments\"}}"
            })
    void invalidMetaIsRejected(String meta) {
        // given: no service-defaults, so a router that got past the Meta check would fail on its protocol with a 500
        String body = "{\"Kind\": \"service-router\", \"Name\": \"web\", \"Meta\": " + meta + "}";

        // when
        ConsulHttp.Reply reply = http.put("/v1/config", body);

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).startsWith("Request decode failed: field \"Meta\" must be an object");
        assertThat(http.get("/v1/config/service-router/web").status()).isEqualTo(404);
    }

    /** Returns the smallest valid entry of a supported kind, for a service whose protocol is http. */
    private static JsonObject minimalEntry(String kind, String name) {
        return switch (kind) {
            case "service-defaults" -> serviceDefaults(name, "http");
            case "service-splitter" -> splitter(name, 100, 0);
            default -> new JsonObject().put("Kind", kind).put("Name", name);
        };
    }

    private static JsonObject serviceDefaults(String name, String protocol) {
        return new JsonObject()
                .put("Kind", "service-defaults")
                .put("Name", name)
                .put("Protocol", protocol);
    }

    private static JsonObject splitter(String name, int firstWeight, int secondWeight) {
        return new JsonObject()
                .put("Kind", "service-splitter")
                .put("Name", name)
                .put(
                        "Splits",
                        new JsonArray()
                                .add(new JsonObject().put("Weight", firstWeight).put("ServiceSubset", "v1"))
                                .add(new JsonObject()
                                        .put("Weight", secondWeight)
                                        .put("ServiceSubset", "v2")));
    }
}
