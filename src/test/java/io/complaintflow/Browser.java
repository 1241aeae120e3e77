package io.complaintflow;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium with its system driver — no browser download at test time. Without them the browser
 * tests are skipped, and say so (`.ci/run` installs them).
 */
public final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final WebDriver driver;
    private final String base;

    private Browser(WebDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    public static Browser open(int port) {
        boolean available = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!available) {
            System.out.println("SKIPPED browser test: /usr/bin/chromium and /usr/bin/chromedriver are not installed"
                    + " (apt-get install -y chromium chromium-driver)");
        }
        Assumptions.assumeTrue(available, "Debian's chromium and chromium-driver are not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1800",
                "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), "http://localhost:" + port);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Logs into a Camunda webapp (tasklist, cockpit, admin) with its own login form. */
    public void login(String app, String user, String password) {
        driver.get(base + "/camunda/app/" + app + "/default/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(40)); // a loaded 2-core machine
        for (int attempt = 1; ; attempt++) {
            try {
                WebElement name = wait.until(d -> d.findElements(By.cssSelector("input[type=text]")).stream()
                        .filter(WebElement::isDisplayed).findFirst().orElse(null));
                WebElement secret = driver.findElement(By.cssSelector("input[type=password]"));
                name.clear();
                name.sendKeys(user);
                secret.clear();
                secret.sendKeys(password);
                secret.sendKeys(Keys.ENTER);
                new WebDriverWait(driver, Duration.ofSeconds(10))
                        .until(d -> d.findElements(By.cssSelector("input[type=password]")).isEmpty());
                return;
            } catch (RuntimeException e) {
                // the login form sometimes re-renders while the page is still starting, and on a loaded machine
                // the page can stall while loading its scripts: load it again and try once more
                if (attempt == 2) {
                    try {
                        screenshot("login-refused");
                    } catch (java.io.IOException ignored) {
                        // the timeout is what matters
                    }
                    throw e;
                }
                if (!driver.findElements(By.cssSelector("input[type=password]")).stream()
                        .anyMatch(WebElement::isDisplayed)) {
                    driver.get(base + "/camunda/app/" + app + "/default/");
                }
            }
        }
    }

    public <T> T waitFor(Duration timeout, java.util.function.Function<WebDriver, T> condition) {
        // Tasklist re-renders its lists while they are read: a stale element just means "look again"
        return new WebDriverWait(driver, timeout).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition::apply);
    }

    /**
     * Saves a screenshot under target/screenshots/ (for people to look at after a run), or under the folder
     * given by {@code -Dscreenshots.dir=docs/screenshots} to refresh the pictures in docs.
     */
    public Path screenshot(String name) throws java.io.IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = Path.of(System.getProperty("screenshots.dir", "target/screenshots"), name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
