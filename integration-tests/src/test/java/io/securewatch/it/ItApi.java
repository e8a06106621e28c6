package io.securewatch.it;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** REST calls of the integration tests to a control plane in the demo profile, as its built-in admin. */
public final class ItApi {

    private ItApi() {}

    /** Returns a JSON request to the control plane, authenticated as {@code admin}. */
    public static RequestSpecification asAdmin(ControlPlaneProcess controlPlane) {
        return given().baseUri(controlPlane.baseUrl())
                .auth()
                .preemptive()
                .basic("admin", "admin")
                .contentType("application/json")
                .accept("application/json");
    }

    /** Creates a one-time registration token for the cluster's agent. */
    public static String registrationToken(ControlPlaneProcess controlPlane, String cluster) {
        return asAdmin(controlPlane)
                .post("/api/v1/clusters/" + cluster + "/registration-tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
    }

    /** Returns a name unique to this run, such as {@code ra-1f2e3d4c}. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
