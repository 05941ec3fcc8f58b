package io.sideeye.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.control.testkit.Browser;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The dashboard in real headless Chromium while no manager is attached. */
class DashboardUnattachedIT {
    private ControlServer server;
    private Browser browser;

    @BeforeEach
    void start() throws Exception {
        server = ControlServer.builder().start();
        browser = new Browser(1280, 1400);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        server.close();
    }

    @Test
    void signsInOnceThenShowsNotAttachedWithEveryActionDisabled() throws Exception {
        var driver = browser.driver();
        driver.get(server.dashboardUrl().toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> "unattached".equals(
                driver.findElement(By.id("badge")).getAttribute("data-state")));
        assertThat(driver.getCurrentUrl()).isEqualTo(server.baseUrl().toString()).doesNotContain("token");
        assertThat(driver.findElement(By.id("badge-text")).getText()).isEqualTo("Not attached");
        for (WebElement button : driver.findElements(By.cssSelector("[data-action]"))) {
            assertThat(button.isEnabled()).as(button.getText()).isFalse();
        }
        await().until(() -> "open".equals(driver.findElement(By.id("conn")).getAttribute("data-conn")));
        assertThat(driver.findElement(By.id("status-error")).getText()).contains("not initialized");
        assertThat(driver.manage().getCookies()).as("the session is kept in sessionStorage, not a cookie").isEmpty();
        Path shot = browser.screenshot("dashboard-unattached");
        assertThat(Browser.distinctColours(shot)).isGreaterThan(40);
    }

    @Test
    void reconnectsItsEventStreamAfterTheControlServerRestarts() throws Exception {
        var driver = browser.driver();
        int port = server.port();
        String token = server.token();
        driver.get(server.dashboardUrl().toString());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "open".equals(driver.findElement(By.id("conn")).getAttribute("data-conn")));
        server.close();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "reconnecting".equals(driver.findElement(By.id("conn")).getAttribute("data-conn")));
        server = ControlServer.builder().port(port).token(token).start();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "open".equals(driver.findElement(By.id("conn")).getAttribute("data-conn")));
        assertThat(driver.findElement(By.id("conn-text")).getText()).isEqualTo("Live");
    }
}
