package io.sideeye.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.control.testkit.Browser;
import io.sideeye.service.ApiResponse;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceBuilder;
import io.sideeye.testsupport.ReferenceBackend;
import io.sideeye.testsupport.RequiresReferenceBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in real headless Chromium controlling the real Django backend: start, a killed
 * backend restarted without a page reload, a note created through the API console, and a
 * narrow window. Screenshots land in {@code target/screenshots/}.
 */
@RequiresReferenceBackend
class DashboardIT {
    private static final Duration SLOW = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;
    @TempDir
    Path runtimeDir;

    private DjangoServiceManager manager;
    private ControlServer server;
    private Browser browser;
    private ChromeDriver driver;

    /** The reference backend on a free port, keeping its database in {@code dataDir}, with quick automatic restarts. */
    private ServiceBuilder referenceBackend() {
        return DjangoServiceManager.builder()
                .projectDir(ReferenceBackend.PROJECT)
                .python(ReferenceBackend.PYTHON.toString())
                .port(0)
                .environment(Map.of("SIDEEYE_DATA_DIR", dataDir.toString()))
                .runtimeDir(runtimeDir)
                .healthCheckInterval(Duration.ofSeconds(1))
                .startupTimeout(Duration.ofSeconds(60))
                .shutdownTimeout(Duration.ofSeconds(5))
                .restartDelay(Duration.ofMillis(300))
                .maxRestartDelay(Duration.ofSeconds(2));
    }

    @BeforeEach
    void start() throws Exception {
        manager = referenceBackend().build();
        server = ControlServer.start(manager, 0, null);
        browser = new Browser(1280, 1500);
        driver = browser.driver();
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
        if (manager != null) {
            manager.close();
        }
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private String badge() {
        return driver.findElement(By.id("badge")).getAttribute("data-state");
    }

    private WebElement event(String name) {
        return driver.findElements(By.cssSelector("#events li[data-event='" + name + "']")).stream().findFirst()
                .orElse(null);
    }

    @Test
    void startsTheBackendSurvivesAKillAndCreatesANote() throws Exception {
        driver.get(server.dashboardUrl().toString());
        await().atMost(SLOW).until(() -> "stopped".equals(badge()));
        assertThat(driver.getCurrentUrl()).doesNotContain("token");

        driver.findElement(By.id("btn-start")).click();
        await().atMost(SLOW).until(() -> "running".equals(badge()));
        long pid = manager.getStatus().pid();
        await().until(() -> text("fact-pid").equals(Long.toString(pid)));
        assertThat(text("badge-text")).isEqualTo("Running");
        assertThat(driver.findElement(By.id("services")).isDisplayed()).as("no selector for one service").isFalse();
        assertThat(text("service-name")).isEqualTo("Django backend");
        assertThat(text("fact-port")).isEqualTo(Integer.toString(manager.getStatus().port()));
        assertThat(driver.findElement(By.id("btn-start")).isEnabled()).isFalse();
        assertThat(driver.findElement(By.id("btn-stop")).isEnabled()).isTrue();
        await().atMost(SLOW).until(() -> !driver.findElements(By.cssSelector("#log .log-line")).isEmpty());
        await().atMost(SLOW).until(() -> !text("kpi-last").equals("—") && !text("res-mem").equals("—"));
        Path running = browser.screenshot("dashboard-running");

        driver.executeScript("window.__sameDocument = 'yes';");
        assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).isTrue();
        await().atMost(SLOW).until(() -> event("process-exit") != null && event("restarting") != null);
        assertThat(event("process-exit").getText()).contains("SIGKILL");
        await().atMost(SLOW).until(() -> "running".equals(badge()) && text("fact-restarts").equals("1"));
        assertThat(text("fact-pid")).isNotEqualTo(Long.toString(pid));
        assertThat(text("fact-exit")).contains("SIGKILL");
        assertThat(driver.executeScript("return window.__sameDocument;")).isEqualTo("yes");
        Path restarted = browser.screenshot("dashboard-after-restart");

        new Select(driver.findElement(By.id("api-method"))).selectByVisibleText("POST");
        WebElement endpoint = driver.findElement(By.id("api-endpoint"));
        endpoint.clear();
        endpoint.sendKeys("/notes/");
        driver.findElement(By.id("api-send")).click();
        await().atMost(SLOW).until(() -> text("api-status").equals("201"));
        assertThat(text("api-response")).contains("\"title\": \"Hello from the dashboard\"").contains("\"id\":");
        assertThat(text("api-time")).contains("ms");
        Path console = browser.screenshot("dashboard-api-console");
        ApiResponse notes = manager.apiCall("/notes/").join();
        assertThat(notes.data().get("notes").toString()).contains("Hello from the dashboard");

        browser.resize(420, 1400);
        await().until(() -> (Boolean) driver.executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth;"));
        Path narrow = browser.screenshot("dashboard-narrow");

        browser.resize(1280, 1500);
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        assertThat(driver.executeScript("return getComputedStyle(document.body).backgroundColor;"))
                .isEqualTo("rgb(11, 15, 25)");
        Path dark = browser.screenshot("dashboard-dark");

        for (Path shot : new Path[] {running, restarted, console, narrow, dark}) {
            assertThat(Browser.distinctColours(shot)).as(shot.toString()).isGreaterThan(100);
        }
    }

    @Test
    void stopAndHealthCheckButtonsAnswerInThePage() throws Exception {
        assertThat(manager.start().join()).isTrue();
        driver.get(server.dashboardUrl().toString());
        await().atMost(SLOW).until(() -> "running".equals(badge()));
        driver.findElement(By.id("btn-health")).click();
        await().atMost(SLOW).until(() -> text("action-result").startsWith("Healthy"));
        driver.findElement(By.id("btn-stop")).click();
        await().atMost(SLOW).until(() -> "stopped".equals(badge()));
        assertThat(text("action-result")).startsWith("Stopped in");
        assertThat(driver.findElement(By.id("btn-start")).isEnabled()).isTrue();
        await().until(() -> event("stopped") != null);
    }
}
