package io.securewatch.it.console;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * A fresh headless Debian Chromium for each test, with helpers that wait for elements, press buttons with the
 * keyboard and save screenshots under {@code target/screenshots}.
 */
abstract class BrowserTestSupport {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    WebDriver browser;
    private Path profile;

    @BeforeEach
    void openBrowser() throws Exception {
        Files.createDirectories(SCREENSHOTS);
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

    /** Presses a button with the keyboard, as a user without a mouse would, after scrolling it into view. */
    void press(By locator) {
        WebElement button = waitFor(locator);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", button);
        button.sendKeys(Keys.ENTER);
    }

    /** Clicks an element after scrolling it to the middle of the window, where nothing covers it. */
    void click(By locator) {
        WebElement element = waitFor(locator);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    /** Returns the input of the field with the given tag and label. */
    WebElement input(String tag, String label) {
        return waitFor(By.xpath("//" + tag + "[label[text()='" + label + "']]//input"));
    }

    /** Waits for the element; when it does not come, saves the page as {@code failed-<time>.png} for review. */
    WebElement waitFor(By locator) {
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

    void screenshot(String name) throws Exception {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
