package io.securewatch.controlplane.tenant;

import static io.securewatch.controlplane.support.Api.as;
import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.securewatch.controlplane.support.Api;
import io.securewatch.controlplane.support.Fixtures;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenantEnvironmentApiTest {

    @Test
    void environmentsListEveryRegionWithItsClusters() {
        // given: one region with a cluster whose agent never connected, one region without clusters
        String zone = Api.uniqueZone();
        String withCluster = Fixtures.createRegion(zone);
        String empty = Fixtures.createRegion(zone);
        String cluster = Fixtures.createCluster(withCluster);
        String tenant = Fixtures.createTenant(List.of(zone), List.of(withCluster, empty));
        List<String> regions = Stream.of(withCluster, empty).sorted().toList();

        // when / then
        as("viewer")
                .get("/api/v1/tenants/" + tenant + "/environments")
                .then()
                .statusCode(200)
                .body("tenant", equalTo(tenant))
                .body("status", equalTo("ready"))
                .body("regions.region", equalTo(regions))
                .body("regions.find { it.region == '" + withCluster + "' }.state", equalTo("disconnected"))
                .body("regions.find { it.region == '" + withCluster + "' }.clusters", equalTo(1))
                .body("regions.find { it.region == '" + withCluster + "' }.clusterStates[0].cluster", equalTo(cluster))
                .body("regions.find { it.region == '" + empty + "' }.state", equalTo("no-clusters"));
    }

    @Test
    void tenantAdminSeesOnlyOwnEnvironments() {
        // when / then
        as("acme-admin").get("/api/v1/tenants/acme/environments").then().statusCode(200);
        as("acme-admin").get("/api/v1/tenants/globex/environments").then().statusCode(404);
        asAdmin().get("/api/v1/tenants/no-such-tenant/environments").then().statusCode(404);
    }
}
