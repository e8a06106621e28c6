package io.securewatch.controlplane.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Checks that each kind of unreadable body gets a message that says what is wrong and where. */
@QuarkusTest
class MalformedBodyMessagesTest {

    private static RequestSpecification admin(String contentType) {
        return given().auth().preemptive().basic("admin", "admin").contentType(contentType);
    }

    @Test
    void rawControlCharacterInStringIsNamed() {
        admin("application/json")
                .body("{\"name\":\"m-1\",\"displayName\":\"a\tb\",\"residencyZone\":\"EU\"}")
                .post("/api/v1/regions")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", containsString("control character"))
                .body("errors[0].message", containsString("line 1, column"));
    }

    @Test
    void invalidUtf8IsNamed() {
        byte[] latin1 = "{\"name\":\"m-2\",\"displayName\":\"Zürich\",\"residencyZone\":\"EU\"}"
                .getBytes(StandardCharsets.ISO_8859_1);

        admin("application/json")
                .body(latin1)
                .post("/api/v1/regions")
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("not valid UTF-8"));
    }

    @Test
    void declaredNonUtf8CharsetIsUnsupported() {
        admin("application/json; charset=ISO-8859-1")
                .body("{\"name\":\"m-3\",\"displayName\":\"x\",\"residencyZone\":\"EU\"}")
                .post("/api/v1/regions")
                .then()
                .statusCode(415)
                .body("detail", containsString("UTF-8"));
    }

    @Test
    void textAfterObjectIsNamed() {
        admin("application/json")
                .body("{\"name\":\"m-4\",\"displayName\":\"x\",\"residencyZone\":\"EU\"} {}")
                .post("/api/v1/regions")
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("text after the JSON value"));
    }

    @Test
    void wrongTypeInMapValueUsesBracketPath() {
        admin("application/json")
                .body("{\"name\":\"m-5\",\"region\":\"eu-west-1\",\"labels\":{\"tier\":5},"
                        + "\"capacity\":{\"cpuMillis\":1,\"memoryBytes\":1}}")
                .post("/api/v1/clusters")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("labels[tier]"))
                .body("errors[0].message", equalTo("must be a string"));
    }

    @Test
    void intFieldOutOfRangeNamesItsWidth() {
        admin("application/json")
                .body("{\"strategy\":\"weighted\",\"connectTimeoutMillis\":3000000000}")
                .put("/api/v1/services/securewatch-api/routing-policy")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("connectTimeoutMillis"))
                .body("errors[0].message", equalTo("is out of range for a 32-bit integer"));
    }

    @Test
    void longFieldOutOfRangeNamesItsWidth() {
        admin("application/json")
                .body("{\"name\":\"m-9\",\"region\":\"eu-west-1\","
                        + "\"capacity\":{\"cpuMillis\":99999999999999999999,\"memoryBytes\":1}}")
                .post("/api/v1/clusters")
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("64-bit integer"));
    }

    @Test
    void duplicateFieldIsNamed() {
        admin("application/json")
                .body("{\"name\":\"m-6\",\"name\":\"m-7\",\"displayName\":\"x\",\"residencyZone\":\"EU\"}")
                .post("/api/v1/regions")
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("field twice"));
    }
}
