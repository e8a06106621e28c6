package io.securewatch.it.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.securewatch.it.ControlPlaneProcess;
import io.securewatch.it.keycloak.KeycloakServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Sign-in through the real Keycloak server: the console in OIDC mode sends the browser to Keycloak's sign-in page
 * (authorization code flow) and calls the control plane with the user's access token, which the control plane
 * verifies against the same realm. Roles and the tenant come from the token.
 */
class ConsoleOidcIT extends BrowserTestSupport {

    private static KeycloakServer keycloak;
    private static ConsoleStack stack;
    private static ControlPlaneProcess controlPlane;
    private static ConsoleProcess console;

    @BeforeAll
    static void startServers() throws Exception {
        keycloak = KeycloakServer.shared();
        stack = new ConsoleStack(
                "console-oidc",
                Map.of(
                        "QUARKUS_OIDC_TENANT_ENABLED", "true",
                        "QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.issuer(),
                        "QUARKUS_OIDC_CLIENT_ID", "securewatch-api",
                        "SECUREWATCH_SECURITY_OIDC_GROUP_ROLES", "/securewatch/operators=operator"),
                Map.of(
                        "SECUREWATCH_CONSOLE_OIDC_ENABLED",
                        "true",
                        "QUARKUS_OIDC_AUTH_SERVER_URL",
                        keycloak.issuer(),
                        "QUARKUS_OIDC_CLIENT_ID",
                        KeycloakServer.CONSOLE_CLIENT,
                        "QUARKUS_OIDC_CREDENTIALS_SECRET",
                        keycloak.consoleSecret));
        controlPlane = stack.controlPlane;
        console = stack.console;
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void platformAdminSignsInAtKeycloakAndOut() throws Exception {
        // when
        browser.get(console.baseUrl() + "/");
        signInAtKeycloak("alice");

        // then
        waitFor(By.xpath("//span[text()='Signed in as alice']"));
        waitFor(By.xpath("//h3[text()='Zone EU']"));
        screenshot("oidc-overview");
        browser.get(console.baseUrl() + "/tenants");
        waitFor(By.xpath("//vaadin-grid-cell-content[text()='globex']"));

        // and signing out ends the Keycloak session too, so the next page needs a sign-in again
        press(By.xpath("//vaadin-button[text()='Sign out']"));
        // the browser goes to Keycloak's logout, back to the console, and on to Keycloak's sign-in page
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(driver -> driver.getCurrentUrl().startsWith(keycloak.issuer())
                        && !driver.findElements(By.id("username")).isEmpty());
        browser.get(console.baseUrl() + "/tenants");
        waitFor(By.id("username"));
        assertThat(browser.getCurrentUrl()).startsWith(keycloak.issuer());
    }

    @Test
    void openPageOutlivesItsFirstAccessToken() throws Exception {
        // given
        browser.get(console.baseUrl() + "/");
        signInAtKeycloak("olga");
        waitFor(By.xpath("//h3[text()='Zone EU']"));

        // when: the page stays open past the access token's lifetime, refreshing itself every 5 s
        Instant end = Instant.now().plusSeconds(KeycloakServer.ACCESS_TOKEN_SECONDS + 30);
        while (Instant.now().isBefore(end)) {
            // then: no refresh ever fails, which an expired token would make it do until the next one
            assertThat(browser.findElements(By.xpath("//span[contains(text(), 'is not valid')]")).stream()
                            .filter(WebElement::isDisplayed)
                            .toList())
                    .as("an API call rejected the console's token")
                    .isEmpty();
            Thread.sleep(2000);
        }
        browser.get(console.baseUrl() + "/tenants");
        waitFor(By.xpath("//vaadin-grid-cell-content[text()='globex']"));
        waitFor(By.xpath("//span[text()='Signed in as olga']"));
    }

    @Test
    void tenantAdminFromTokenSeesOnlyOwnTenant() throws Exception {
        // when
        browser.get(console.baseUrl() + "/tenants");
        signInAtKeycloak("bob");

        // then
        waitFor(By.xpath("//span[text()='Signed in as bob']"));
        waitFor(By.xpath("//h3[text()='Tenant acme']"));
        browser.get(console.baseUrl() + "/tenants");
        waitFor(By.xpath("//vaadin-grid-cell-content[text()='acme']"));
        assertThat(browser.findElements(By.xpath("//vaadin-grid-cell-content[text()='globex']")))
                .isEmpty();
        screenshot("oidc-tenants-bob");
    }

    @Test
    void tenantAdminTokenReachesOwnTenantOnly() {
        // given
        String token = keycloak.accessToken("bob");

        // when / then
        given().auth()
                .oauth2(token)
                .get(controlPlane.baseUrl() + "/api/v1/me")
                .then()
                .statusCode(200)
                .body("roles", equalTo(List.of("tenant-admin")))
                .body("tenant", equalTo("acme"));
        given().auth()
                .oauth2(token)
                .get(controlPlane.baseUrl() + "/api/v1/tenants/acme")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(token)
                .get(controlPlane.baseUrl() + "/api/v1/tenants/globex")
                .then()
                .statusCode(404);
        // olga is an operator only through her Keycloak group, which the control plane maps to the role
        given().auth()
                .oauth2(keycloak.accessToken("olga"))
                .get(controlPlane.baseUrl() + "/api/v1/tenants/globex")
                .then()
                .statusCode(200);
    }

    private void signInAtKeycloak(String user) throws Exception {
        waitFor(By.id("username")).sendKeys(user);
        waitFor(By.id("password")).sendKeys(KeycloakServer.PASSWORD);
        screenshot("oidc-keycloak-sign-in");
        waitFor(By.id("kc-login")).click();
    }
}
