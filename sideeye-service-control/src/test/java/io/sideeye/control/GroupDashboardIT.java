package io.sideeye.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.control.testkit.Browser;
import io.sideeye.control.testkit.MiniGroup;
import io.sideeye.service.ServiceGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard in real headless Chromium over a group ({@code web} and two {@code worker}
 * instances, real processes): the service selector scopes status, instances, logs and the API
 * console to the chosen service. Screenshots land in {@code target/screenshots/}.
 */
class GroupDashboardIT {
    private static final Duration SLOW = Duration.ofSeconds(60);

    @TempDir
    Path runtimeDir;

    private ServiceGroup group;
    private ControlServer server;
    private Browser browser;
    private ChromeDriver driver;

    @BeforeEach
    void start() throws Exception {
        group = MiniGroup.webAndTwoWorkers(runtimeDir);
        server = ControlServer.start(group, 0, null);
        browser = new Browser(1280, 1500);
        driver = browser.driver();
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        server.close();
        group.close();
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private String badge() {
        return driver.findElement(By.id("badge")).getAttribute("data-state");
    }

    private WebElement pill(String service) {
        return driver.findElement(By.cssSelector("#services [data-service='" + service + "']"));
    }

    private List<String> logLines() {
        return driver.findElements(By.cssSelector("#log .log-text")).stream().map(WebElement::getText).toList();
    }

    private String listening(String service, int instance) {
        return "miniserver listening on 127.0.0.1:" + group.instances(service).get(instance - 1).getStatus().port();
    }

    @Test
    void theSelectorScopesStatusInstancesLogsAndTheConsoleToTheChosenService() throws Exception {
        assertThat(group.start("web").join()).isTrue();
        driver.get(server.dashboardUrl().toString());
        await().atMost(SLOW).until(() -> driver.findElement(By.id("services")).isDisplayed()
                && "running".equals(badge()));
        assertThat(pill("web").getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(pill("worker").getAttribute("aria-pressed")).isEqualTo("false");
        assertThat(pill("worker").getAttribute("data-state")).isEqualTo("stopped");
        assertThat(pill("worker").getText()).contains("worker", "×2", "Stopped");
        assertThat(text("service-name")).isEqualTo("web");
        await().atMost(SLOW).until(() -> logLines().contains(listening("web", 1)));

        pill("worker").click();
        await().until(() -> text("service-name").equals("worker") && "stopped".equals(badge()));
        assertThat(driver.getCurrentUrl()).endsWith("#service=worker");
        assertThat(driver.findElements(By.cssSelector("#instances .instance"))).hasSize(2);
        assertThat(logLines()).doesNotContain(listening("web", 1));

        driver.findElement(By.id("btn-start")).click();
        await().atMost(SLOW).until(() -> "running".equals(badge())
                && driver.findElements(By.cssSelector("#instances .instance[data-state='running']")).size() == 2);
        assertThat(group.instances("worker")).allSatisfy(m -> assertThat(m.getStatus().isRunning()).isTrue());
        await().atMost(SLOW).until(() -> logLines().containsAll(List.of(listening("worker", 1), listening("worker", 2))));
        assertThat(logLines()).doesNotContain(listening("web", 1));
        assertThat(text("fact-pid")).isEqualTo(Long.toString(group.manager("worker").getStatus().pid()));
        assertThat(pill("worker").getAttribute("data-state")).isEqualTo("running");

        WebElement endpoint = driver.findElement(By.id("api-endpoint"));
        endpoint.clear();
        endpoint.sendKeys("/whoami/");
        driver.findElement(By.id("api-send")).click();
        await().atMost(SLOW).until(() -> text("api-status").equals("200"));
        List<String> workerPids = group.instances("worker").stream()
                .map(m -> "\"pid\": " + m.getStatus().pid()).toList();
        assertThat(workerPids).anySatisfy(pid -> assertThat(text("api-response")).contains(pid));
        assertThat(text("console-target")).isEqualTo("calls go to worker");
        await().atMost(SLOW).until(() -> !text("kpi-last").equals("—") && !text("res-mem").equals("—"));
        Path shot = browser.screenshot("dashboard-services");
        assertThat(Browser.distinctColours(shot)).isGreaterThan(100);

        driver.navigate().refresh();
        await().atMost(SLOW).until(() -> text("service-name").equals("worker") && "running".equals(badge()));
        assertThat(pill("worker").getAttribute("aria-pressed")).isEqualTo("true");

        pill("web").click();
        await().until(() -> text("service-name").equals("web")
                && text("fact-pid").equals(Long.toString(group.manager("web").getStatus().pid())));
        await().atMost(SLOW).until(() -> logLines().contains(listening("web", 1)));
        assertThat(logLines()).doesNotContain(listening("worker", 1), listening("worker", 2));
        assertThat(driver.findElement(By.id("instances")).isDisplayed()).isFalse();
    }

    @Test
    void aServiceChangingStateElsewhereUpdatesItsBadgeInTheSelector() throws Exception {
        driver.get(server.dashboardUrl().toString());
        await().atMost(SLOW).until(() -> driver.findElement(By.id("services")).isDisplayed()
                && "stopped".equals(pill("worker").getAttribute("data-state")));
        assertThat(group.start("worker").join()).isTrue(); // starts web first: worker runs after it
        await().atMost(SLOW).until(() -> "running".equals(pill("worker").getAttribute("data-state"))
                && "running".equals(pill("web").getAttribute("data-state")));
        assertThat(group.instances("worker").get(1).stop().join()).isTrue();
        await().atMost(SLOW).until(() -> "stopped".equals(pill("worker").getAttribute("data-state")));
        assertThat(pill("worker").getAttribute("title")).isEqualTo("#1 Running · #2 Stopped");
        assertThat("running".equals(badge())).as("web stays selected and running").isTrue();
    }
}
