package io.securewatch.controlplane.catalog;

import static io.restassured.RestAssured.given;
import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.securewatch.testsupport.consul.ConsulFake;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A region with more services than a default HTTP client has pooled connections, watched with a production-like
 * blocking wait: every service's blocking query holds a connection for the whole wait, so each must have its own.
 * The region's Consul enforces ACLs, so nothing arrives unless the watch sends its token.
 */
@QuarkusTest
@QuarkusTestResource(value = CatalogManyServicesTest.ManyServices.class, restrictToAnnotatedClass = true)
class CatalogManyServicesTest {

    static final int SERVICES = 12;
    static final String TOKEN = "6c1b0e51-0000-4000-8000-000000000002";

    @Test
    void lastServiceFollowsConsulPromptly() {
        // given: every service is in the catalog
        String last = "many-" + SERVICES;
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> asAdmin()
                        .get("/api/v1/services/" + last)
                        .then()
                        .statusCode(200)
                        .body("regions[0].healthy", equalTo(1)));

        // when: the last one fails its check
        ManyServices.consul.setCheckStatus("service:" + last + "-1", "critical", "down");

        // then: the change arrives long before the 60 s wait of any held query ends
        await().atMost(Duration.ofSeconds(3))
                .untilAsserted(
                        () -> asAdmin().get("/api/v1/services/" + last).then().body("regions[0].healthy", equalTo(0)));
    }

    /** One Consul fake for eu-west-1 with {@link #SERVICES} services and a 60 s blocking wait. */
    public static class ManyServices implements QuarkusTestResourceLifecycleManager {

        static ConsulFake consul;

        @Override
        public Map<String, String> start() {
            consul = ConsulFake.start("eu-west-1");
            consul.requireToken(TOKEN);
            for (int i = 1; i <= SERVICES; i++) {
                String service = "many-" + i;
                given().baseUri(consul.baseUrl())
                        .header("X-Consul-Token", TOKEN)
                        .contentType("application/json")
                        .body(Map.of(
                                "ID",
                                service + "-1",
                                "Name",
                                service,
                                "Port",
                                8080,
                                "Tags",
                                List.of("cluster=eu-west-1-a"),
                                "Check",
                                Map.of("CheckID", "service:" + service + "-1", "TTL", "1h", "Status", "passing")))
                        .put("/v1/agent/service/register")
                        .then()
                        .statusCode(200);
            }
            return Map.of(
                    "securewatch.catalog.consul-addresses",
                    "eu-west-1=" + consul.baseUrl(),
                    "securewatch.catalog.blocking-wait",
                    "60s",
                    "securewatch.catalog.consul-token",
                    TOKEN);
        }

        @Override
        public void stop() {
            if (consul != null) {
                consul.close();
            }
        }
    }
}
