package io.securewatch.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.securewatch.it.ControlPlaneProcess;
import io.securewatch.it.ItDatabase;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in Debian's Chromium against the packaged control plane in the demo profile: sign-in, the overview,
 * tenants as a platform admin and as a tenant admin, creating a tenant with the wizard, the audit log, a workload's
 * capacity, editing a routing policy with its preview, and a dry run of a drill with its report. Each view's
 * screenshot goes to {@code target/screenshots} for review.
 */
class ConsoleBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static ItDatabase database;
    private static ControlPlaneProcess controlPlane;
    private static ConsoleProcess console;
    private WebDriver browser;
    private Path profile;

    @BeforeAll
    static void startServers() throws Exception {
        database = new ItDatabase();
        controlPlane = new ControlPlaneProcess(database, "console-browser", Map.of());
        controlPlane.start();
        console = new ConsoleProcess(controlPlane);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (console != null) {
            console.close();
        }
        if (controlPlane != null) {
            controlPlane.close();
            database.close();
        }
    }

    @BeforeEach
    void openBrowser() throws Exception {
        profile = Files.createTempDirectory("console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
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

    /** Presses a button with the keyboard, as a user without a mouse would, after scrolling it into view. */
    private void press(By locator) {
        WebElement button = waitFor(locator);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", button);
        button.sendKeys(Keys.ENTER);
    }

    /** Clicks an element after scrolling it to the middle of the window, where nothing covers it. */
    private void click(By locator) {
        WebElement element = waitFor(locator);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    /** Returns the input of the field with the given tag and label. */
    private WebElement input(String tag, String label) {
        return waitFor(By.xpath("//" + tag + "[label[text()='" + label + "']]//input"));
    }

    /** Waits for the element; when it does not come, saves the page as {@code failed-<time>.png} for review. */
    private WebElement waitFor(By locator) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(20))
                    .until(ExpectedConditions.elementToBeClickable(locator));
        } catch (TimeoutException e) {
            try {
                screenshot("failed-" + System.currentTimeMillis());
            } catch (Exception screenshotFailure) {
                e.addSuppressed(screenshotFailure);
            }
            throw e;
        }
    }

    private void screenshot(String name) throws Exception {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
