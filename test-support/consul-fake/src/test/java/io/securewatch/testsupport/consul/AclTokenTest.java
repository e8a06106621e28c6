package io.securewatch.testsupport.consul;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ACL enforcement with one token, as a datacenter whose default policy is deny. */
class AclTokenTest {

    private static final String TOKEN = "b1gs3cr3t-0000-4000-8000-000000000001";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private ConsulFake fake;
    private ConsulHttp http;

    @BeforeEach
    void startFake() {
        fake = ConsulFake.start("eu-west-1");
        fake.requireToken(TOKEN);
        http = new ConsulHttp(fake);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void requestWithoutTokenIsDenied() {
        // when
        ConsulHttp.Reply reply = http.get("/v1/catalog/services");

        // then
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body()).startsWith("Permission denied");
        assertThat(reply.header("X-Consul-Default-ACL-Policy")).isEqualTo("deny");
    }

    @Test
    void unknownTokenIsNotFound() {
        // when
        ConsulHttp.Reply reply = http.get("/v1/catalog/services?token=other");

        // then
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body()).isEqualTo("ACL not found");
    }

    @Test
    void tokenIsReadFromEachPlace() throws Exception {
        // when / then
        assertThat(http.get("/v1/catalog/services?token=" + TOKEN).status()).isEqualTo(200);
        assertThat(withHeader("X-Consul-Token", TOKEN)).isEqualTo(200);
        assertThat(withHeader("Authorization", "Bearer " + TOKEN)).isEqualTo(200);
    }

    @Test
    void enforcementCanBeTurnedOff() {
        // when
        fake.requireToken(null);

        // then
        ConsulHttp.Reply reply = http.get("/v1/catalog/services");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("X-Consul-Default-ACL-Policy")).isEqualTo("allow");
    }

    private int withHeader(String name, String value) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v1/agent/self"))
                .header(name, value)
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
