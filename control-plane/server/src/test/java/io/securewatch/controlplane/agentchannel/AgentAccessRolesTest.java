package io.securewatch.controlplane.agentchannel;

import static io.securewatch.controlplane.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.securewatch.controlplane.support.Api;
import io.securewatch.controlplane.support.Fixtures;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AgentAccessRolesTest {

    @Test
    void operatorsIssueTokensOthersCannot() {
        String cluster = Fixtures.createCluster(Fixtures.createRegion("EU"));
        String tokens = "/api/v1/clusters/" + cluster + "/registration-tokens";

        as(Api.OPERATOR).post(tokens).then().statusCode(201);
        as(Api.ADMIN).post(tokens).then().statusCode(201);
        as(Api.VIEWER).post(tokens).then().statusCode(403);
        as(Api.ACME_ADMIN).post(tokens).then().statusCode(403);
    }

    @Test
    void viewersListCredentialsTenantAdminsCannot() {
        String cluster = Fixtures.createCluster(Fixtures.createRegion("EU"));
        String credentials = "/api/v1/clusters/" + cluster + "/agent-credentials";

        as(Api.VIEWER).get(credentials).then().statusCode(200);
        as(Api.ACME_ADMIN).get(credentials).then().statusCode(403);
        as(Api.VIEWER).post(credentials + "/0123456789abcdef/revoke").then().statusCode(403);
    }

    @Test
    void unknownClusterOrCredentialIsNotFound() {
        String cluster = Fixtures.createCluster(Fixtures.createRegion("EU"));

        Api.asAdmin()
                .post("/api/v1/clusters/no-such-cluster/registration-tokens")
                .then()
                .statusCode(404);
        Api.asAdmin()
                .post("/api/v1/clusters/" + cluster + "/agent-credentials/0123456789abcdef/revoke")
                .then()
                .statusCode(404);
        Api.asAdmin()
                .post("/api/v1/clusters/" + cluster + "/agent-credentials/not-an-id/rotate")
                .then()
                .statusCode(404);
    }

    @Test
    void idempotencyKeyIsRejectedForTokens() {
        String cluster = Fixtures.createCluster(Fixtures.createRegion("EU"));

        Api.asAdmin()
                .header("Idempotency-Key", "k1")
                .post("/api/v1/clusters/" + cluster + "/registration-tokens")
                .then()
                .statusCode(400);
    }
}
