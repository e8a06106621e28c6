package io.securewatch.controlplane.agentchannel;

import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.grpc.ManagedChannel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.securewatch.agent.v1.RegisterRequest;
import io.securewatch.agent.v1.RegisterResponse;
import io.securewatch.agent.v1.RotateCredentialRequest;
import io.securewatch.controlplane.support.Fixtures;
import io.securewatch.controlplane.support.TestAgentStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AgentCredentialApiTest {

    private ManagedChannel channel;
    private String cluster;
    private String credentials;

    @BeforeEach
    void createCluster() {
        channel = TestAgentStream.channel();
        cluster = Fixtures.createCluster(Fixtures.createRegion("EU"));
        credentials = "/api/v1/clusters/" + cluster + "/agent-credentials";
    }

    @AfterEach
    void closeChannel() {
        channel.shutdownNow();
    }

    @Test
    void credentialsArePagedNewestFirst() {
        // given
        RegisterResponse first = register();
        List<String> created = new ArrayList<>(List.of(first.getCredentialId()));
        for (int i = 0; i < 4; i++) {
            created.add(rotate(first.getCredential()).getCredentialId());
        }

        // when
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = asAdmin().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page =
                    request.get(credentials).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);

        // then
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created).doesNotHaveDuplicates();
        assertThat(seen.get(seen.size() - 1)).isEqualTo(first.getCredentialId());
    }

    @Test
    void forgedCursorIsRejectedNamingTheParameter() {
        // given
        String forged = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("v1:yesterday 0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        // when / then
        asAdmin()
                .queryParam("cursor", forged)
                .get(credentials)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void revocationWithIdempotencyKeyIsRecordedOnce() {
        // given
        String id = register().getCredentialId();
        String revoke = credentials + "/" + id + "/revoke";

        // when
        asAdmin().header("Idempotency-Key", "revoke-" + id).post(revoke).then().statusCode(200);
        asAdmin()
                .header("Idempotency-Key", "revoke-" + id)
                .post(revoke)
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("status", equalTo("revoked"));

        // then
        asAdmin()
                .queryParam("objectId", id)
                .queryParam("action", "revoke")
                .get("/api/v1/audit-events")
                .then()
                .statusCode(200)
                .body("items", hasSize(1));
    }

    @Test
    void idempotencyKeyReusedForAnotherCredentialIsRejected() {
        // given
        String first = register().getCredentialId();
        String second = register().getCredentialId();
        asAdmin()
                .header("Idempotency-Key", "rotate-" + first)
                .post(credentials + "/" + first + "/rotate")
                .then()
                .statusCode(200);

        // when / then
        asAdmin()
                .header("Idempotency-Key", "rotate-" + first)
                .post(credentials + "/" + second + "/rotate")
                .then()
                .statusCode(422)
                .body("detail", containsString("Idempotency-Key"));
    }

    private RegisterResponse register() {
        String token = asAdmin()
                .post("/api/v1/clusters/" + cluster + "/registration-tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        return TestAgentStream.registration(channel, null)
                .register(RegisterRequest.newBuilder()
                        .setCluster(cluster)
                        .setRegistrationToken(token)
                        .setAgentVersion("test")
                        .build());
    }

    private RegisterResponse rotate(String credential) {
        return TestAgentStream.registration(channel, credential)
                .rotateCredential(
                        RotateCredentialRequest.newBuilder().setCluster(cluster).build());
    }
}
