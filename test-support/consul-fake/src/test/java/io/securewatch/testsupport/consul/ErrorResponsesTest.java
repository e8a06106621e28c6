package io.securewatch.testsupport.consul;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Errors in Consul's form: plain-text bodies with the status codes Consul uses. */
class ErrorResponsesTest {

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
    void wrongMethodIsNotAllowed() {
        // when
        ConsulHttp.Reply reply = http.send("POST", "/v1/agent/service/register", "{}");
        ConsulHttp.Reply deleteCatalog = http.delete("/v1/catalog/services");

        // then
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.body()).isEqualTo("method POST not allowed");
        assertThat(reply.header("Allow")).isEqualTo("PUT");
        assertThat(deleteCatalog.status()).isEqualTo(405);
    }

    @Test
    void optionsListsAllowedMethods() {
        // when
        ConsulHttp.Reply reply = http.send("OPTIONS", "/v1/kv/any", "");

        // then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Allow")).isEqualTo("GET,PUT,DELETE");
    }

    @Test
    void otherDatacenterHasNoPath() {
        // when
        ConsulHttp.Reply reply = http.get("/v1/catalog/services?dc=us-east-1");
        ConsulHttp.Reply own = http.get("/v1/catalog/services?dc=eu-west-1");

        // then
        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.body()).isEqualTo("No path to datacenter");
        assertThat(own.status()).isEqualTo(200);
    }

    @Test
    void unknownPathIsNotFound() {
        // when
        ConsulHttp.Reply reply = http.get("/v1/no/such/endpoint");

        // then
        assertThat(reply.status()).isEqualTo(404);
    }

    @Test
    void malformedJsonIsBadRequest() {
        // when
        ConsulHttp.Reply reply = http.put("/v1/agent/service/register", "{not json");

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).startsWith("Request decode failed");
    }

    @Test
    void wrongFieldTypeIsBadRequest() {
        // when
        ConsulHttp.Reply reply = http.put("/v1/agent/service/register", "{\"Name\": \"web\", \"Port\": \"eighty\"}");

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("Port");
    }

    @Test
    void filterExpressionsAreNotImplemented() {
        // when
        ConsulHttp.Reply reply = http.get("/v1/health/service/web?filter=Service.Port%20%3D%3D%2080");

        // then
        assertThat(reply.status()).isEqualTo(501);
        assertThat(reply.body()).contains("?filter");
    }

    @Test
    void statusEndpointsNameTheSingleServer() {
        // when
        ConsulHttp.Reply leader = http.get("/v1/status/leader");
        ConsulHttp.Reply peers = http.get("/v1/status/peers");

        // then
        assertThat(leader.body()).isEqualTo("\"127.0.0.1:8300\"");
        assertThat(peers.body()).isEqualTo(new JsonArray().add("127.0.0.1:8300").encode());
        assertThat(leader.headers().firstValue("X-Consul-Index")).isEmpty();
    }

    @Test
    void everyResponseNamesTheDefaultAclPolicy() {
        // when
        ConsulHttp.Reply ok = http.get("/v1/catalog/datacenters");
        ConsulHttp.Reply error = http.get("/v1/no/such/endpoint");

        // then
        assertThat(ok.header("X-Consul-Default-ACL-Policy")).isEqualTo("allow");
        assertThat(error.header("X-Consul-Default-ACL-Policy")).isEqualTo("allow");
        assertThat(ok.array()).containsExactly("eu-west-1");
    }
}
