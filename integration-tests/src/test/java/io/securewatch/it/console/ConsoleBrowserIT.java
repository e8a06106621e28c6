package io.securewatch.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in Debian's Chromium against the packaged control plane in the demo profile: sign-in, the overview,
 * tenants as a platform admin and as a tenant admin, creating a tenant with the wizard, the audit log, a workload's
 * capacity, editing a routing policy with its preview, and a dry run of a drill with its report. Each view's
 * screenshot goes to {@code target/screenshots} for review.
 */
class ConsoleBrowserIT extends BrowserTestSupport {

    private static ConsoleStack stack;
    private static ConsoleProcess console;

    @BeforeAll
    static void startServers() throws Exception {
        stack = new ConsoleStack("console-browser", Map.of(), Map.of());
        console = stack.console;
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void adminSignsInAndSeesZones() throws Exception {
        // when
        signIn("admin", "admin");

        // then
        waitFor(By.xpath("//h3[text()='Zone EU']"));
        waitFor(By.xpath("//h3[text()='Zone US']"));
        waitFor(By.xpath("//vaadin-grid-cell-content[text()='eu-west-1-a']"));
        screenshot("overview");
        browser.get(console.baseUrl() + "/tenants");
        waitFor(By.xpath("//vaadin-grid-cell-content[text()='globex']"));
        click(By.xpath("//vaadin-grid-cell-content[text()='globex']"));
        waitFor(By.xpath("//h3[text()='Environments of globex']"));
        waitFor(By.xpath("//vaadin-grid-cell-content[text()='us-east-1']"));
        screenshot("tenants");
        browser.get(console.baseUrl() + "/clusters");
        click(By.xpath("//vaadin-grid-cell-content[text()='us-east-1-b']"));
        press(By.xpath("//vaadin-button[text()='Create registration token']"));
        WebElement command = waitFor(By.xpath("//vaadin-text-area[label[text()='Agent command']]//textarea"));
        assertThat(command.getDomProperty("value")).contains("us-east-1-b");
        screenshot("registration-token");
        press(By.xpath("//vaadin-button[text()='Close']"));
        screenshot("clusters");
        browser.get(console.baseUrl() + "/audit");
        waitFor(By.xpath("//vaadin-grid-cell-content[text()='system:demo-seed']"));
        screenshot("audit");
        browser.get(console.baseUrl() + "/workloads");
        waitFor(By.xpath("//vaadin-grid-cell-content[text()='securewatch-api']"))
                .click();
        waitFor(By.xpath("//h3[text()='Capacity of securewatch-api']"));
        screenshot("workloads");
        waitFor(By.xpath("//h3[starts-with(text(), 'Scaling of securewatch-api, version ')]"));
        press(By.xpath("//vaadin-button[text()='Preview autoscalers']"));
        WebElement autoscaler =
                waitFor(By.xpath("//vaadin-details[.//*[text()='HorizontalPodAutoscaler in eu-west-1-a']]"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", autoscaler);
        screenshot("scaling-preview");
    }

    @Test
    void tenantAdminSeesOnlyOwnTenant() throws Exception {
        // given
        signIn("acme-admin", "acme-admin");
        waitFor(By.xpath("//span[text()='Signed in as acme-admin']"));
        waitFor(By.xpath("//h3[text()='Tenant acme']"));
        assertThat(browser.findElements(By.xpath("//h3[starts-with(text(), 'Zone ')]")))
                .isEmpty();
        assertThat(browser.findElements(By.xpath("//vaadin-side-nav-item[text()='Drills']")))
                .isEmpty();
        screenshot("overview-acme-admin");

        // when
        browser.get(console.baseUrl() + "/tenants");

        // then
        waitFor(By.xpath("//vaadin-grid-cell-content[text()='acme']"));
        assertThat(browser.findElements(By.xpath("//vaadin-grid-cell-content[text()='globex']")))
                .isEmpty();
        assertThat(browser.findElements(By.xpath("//vaadin-grid-cell-content[text()='initech']")))
                .isEmpty();
        screenshot("tenants-acme-admin");
        browser.get(console.baseUrl() + "/drills");
        waitFor(By.xpath("//h3[text()='Tenant acme']"));
        browser.get(console.baseUrl() + "/no-such-page");
        waitFor(By.xpath("//h2[text()='Page not found']"));
        waitFor(By.xpath("//vaadin-side-nav-item[text()='Overview']"));
        screenshot("not-found");
    }

    @Test
    void dryRunOfDemoDrillShowsItsRun() throws Exception {
        // given
        signIn("operator", "operator");
        waitFor(By.xpath("//h3[text()='Zone EU']"));
        browser.get(console.baseUrl() + "/drills");
        press(By.xpath("//vaadin-button[text()='New drill']"));
        waitFor(By.xpath("//vaadin-text-field[label[text()='Name']]//input"));
        screenshot("drill-editor");
        press(By.xpath("//vaadin-button[text()='Cancel']"));
        waitFor(By.xpath("//vaadin-grid-cell-content[text()='evacuate-eu-west-1']"))
                .click();

        // when
        waitFor(By.xpath("//vaadin-button[text()='Dry run']")).click();

        // then: the run appears, selected, with its status
        waitFor(By.xpath("//h3[text()='Runs of evacuate-eu-west-1']"));
        waitFor(By.xpath("//vaadin-grid-cell-content[text()='dry']"));
        waitFor(By.xpath("//h3[starts-with(text(), 'Run evacuate-eu-west-1/1: ')]"));
        screenshot("drills");
        waitFor(By.xpath("//a[text()='Open the report']")).click();
        waitFor(By.xpath("//h2[text()='Drill report: evacuate-eu-west-1 run 1']"));
        waitFor(By.xpath("//a[text()='Download HTML']"));
        screenshot("drill-report");
    }

    @Test
    void adminCreatesTenantWithWizard() throws Exception {
        // given
        signIn("admin", "admin");
        waitFor(By.xpath("//h3[text()='Zone EU']"));
        browser.get(console.baseUrl() + "/tenants");
        waitFor(By.xpath("//vaadin-grid-cell-content[text()='globex']"));

        // when: the wizard's four steps with the keyboard only, with a mistake on the first
        press(By.xpath("//vaadin-button[text()='New tenant']"));
        input("vaadin-text-field", "Slug").sendKeys("Umbrella Corp");
        input("vaadin-text-field", "Display name").sendKeys("Umbrella Corporation");
        press(By.xpath("//vaadin-button[text()='Next']"));
        waitFor(By.xpath("//vaadin-text-field[label[text()='Slug']][@invalid]"));
        screenshot("tenant-wizard-invalid-slug");
        WebElement slug = input("vaadin-text-field", "Slug");
        slug.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        slug.sendKeys("umbrella");
        press(By.xpath("//vaadin-button[text()='Next']"));
        waitFor(By.xpath("//vaadin-checkbox[label[text()='EU']]")).sendKeys(Keys.SPACE);
        waitFor(By.xpath("//vaadin-checkbox[label[text()='eu-west-1 (EU)']]")).sendKeys(Keys.SPACE);
        screenshot("tenant-wizard-placement");
        press(By.xpath("//vaadin-button[text()='Next']"));
        input("vaadin-number-field", "CPU quota (cores)").sendKeys("4");
        input("vaadin-integer-field", "Memory quota (GiB)").sendKeys("16");
        input("vaadin-integer-field", "Pod quota").sendKeys("100");
        press(By.xpath("//vaadin-button[text()='Next']"));
        waitFor(By.xpath("//span[contains(text(), 'Quota: 4 cores, 16 GiB, 100 pods')]"));
        screenshot("tenant-wizard-review");
        press(By.xpath("//vaadin-button[text()='Create tenant']"));

        // then
        waitFor(By.xpath("//span[text()='Tenant umbrella created: ready']"));
        waitFor(By.xpath("//vaadin-grid-cell-content[text()='umbrella']"));
        screenshot("tenant-created");
    }

    @Test
    void operatorEditsRoutingPolicyAndSeesPreview() throws Exception {
        // given
        signIn("operator", "operator");
        waitFor(By.xpath("//h3[text()='Zone EU']"));
        browser.get(console.baseUrl() + "/services");
        waitFor(By.xpath("//vaadin-grid-cell-content[text()='securewatch-api']"))
                .click();
        waitFor(By.xpath("//h3[starts-with(text(), 'Routing of securewatch-api, version ')]"));

        // when
        WebElement weight = input("vaadin-integer-field", "Weight of us-east-1");
        weight.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        weight.sendKeys("40", Keys.TAB);
        press(By.xpath("//vaadin-button[text()='Preview']"));

        // then: the rendered configuration per region, with the new weight
        waitFor(By.xpath("//vaadin-details[.//*[text()='Consul config entries in eu-west-1']]"));
        WebElement haproxy = waitFor(
                By.xpath("//vaadin-details[.//*[text()='HAProxy backend be_securewatch-api in" + " eu-west-1']]//pre"));
        assertThat(haproxy.getText()).contains("backend be_securewatch-api").contains("us-east-1");
        screenshot("routing-preview");
        press(By.xpath("//vaadin-button[text()='Save']"));
        waitFor(By.xpath("//span[starts-with(text(), 'Saved;')]"));
        screenshot("routing-saved");
    }

    @Test
    void wrongPasswordIsRejected() throws Exception {
        // when
        signIn("admin", "not-the-password");

        // then
        WebElement form = waitFor(By.tagName("vaadin-login-form"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> form.getDomAttribute("error") != null);
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        screenshot("login-error");
    }

    private void signIn(String user, String password) {
        browser.get(console.baseUrl() + "/");
        waitFor(By.cssSelector("vaadin-text-field[name='username'] input")).sendKeys(user);
        waitFor(By.cssSelector("vaadin-password-field[name='password'] input")).sendKeys(password);
        waitFor(By.cssSelector("vaadin-button[slot='submit']")).click();
    }
}
