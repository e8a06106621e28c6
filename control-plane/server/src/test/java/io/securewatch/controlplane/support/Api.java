package io.securewatch.controlplane.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Request builders for the built-in users of the test profile, and unique names for test objects. */
public final class Api {

    public static final String ADMIN = "admin";
    public static final String OPERATOR = "operator";
    public static final String VIEWER = "viewer";
    public static final String ACME_ADMIN = "acme-admin";

    private Api() {}

    /** Starts a JSON request as the given built-in user, whose password equals its name. */
    public static RequestSpecification as(String user) {
        return given().auth()
                .preemptive()
                .basic(user, user)
                .contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    public static RequestSpecification asAdmin() {
        return as(ADMIN);
    }

    /** Returns a DNS label unique to this run, so tests never collide on the shared database. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Returns a residency zone code unique to this run, so filters on it see only the test's regions. */
    public static String uniqueZone() {
        return "Z" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    }
}
