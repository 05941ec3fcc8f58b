package io.sideeye.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.sideeye.control.testkit.Browser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;

/**
 * The dashboard's sign-in in real headless Chromium: the control token never reaches another
 * local server the browser visits, and the link in the browser's history signs nobody in again.
 */
class DashboardSignInIT {
    private ControlServer server;
    private Browser browser;
    private HttpServer other;
    private final List<Map<String, List<String>>> seenByOther = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = ControlServer.builder().start();
        browser = new Browser(1024, 900);
        other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        other.createContext("/", ex -> {
            seenByOther.add(Map.copyOf(ex.getRequestHeaders()));
            byte[] page = "<!doctype html><title>another local server</title><p id=other>hello"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        other.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        other.stop(0);
        server.close();
    }

    private void awaitConnection(String state) {
        var driver = browser.driver();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> state.equals(driver.findElement(By.id("conn")).getAttribute("data-conn")));
    }

    @Test
    void anotherLocalServerTheBrowserVisitsReceivesNoCredential() {
        var driver = browser.driver();
        driver.get(server.dashboardUrl().toString());
        awaitConnection("open");
        assertThat(driver.getCurrentUrl()).isEqualTo(server.baseUrl().toString());

        driver.get("http://127.0.0.1:" + other.getAddress().getPort() + "/");
        await().atMost(Duration.ofSeconds(10)).until(() -> !driver.findElements(By.id("other")).isEmpty());

        assertThat(seenByOther).isNotEmpty();
        for (Map<String, List<String>> headers : seenByOther) {
            assertThat(headers.keySet()).as("headers sent to another port: %s", headers.keySet())
                    .noneMatch(h -> h.equalsIgnoreCase("Cookie") || h.equalsIgnoreCase("Authorization"));
            assertThat(headers.values().toString()).doesNotContain(server.token());
        }
        assertThat(driver.manage().getCookies()).isEmpty();
    }

    @Test
    void theLinkInTheHistorySignsNobodyInAgainWhileTheSignedInTabKeepsWorking() {
        var driver = browser.driver();
        String link = server.dashboardUrl().toString();
        driver.get(link);
        awaitConnection("open");

        driver.navigate().refresh(); // the tab keeps its session across a reload
        awaitConnection("open");

        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(link); // the link again, as from the browser's history
        awaitConnection("signed-out");
        assertThat(driver.findElement(By.id("status-error")).getText()).contains("new dashboard link");
        assertThat(driver.getCurrentUrl()).doesNotContain(server.token());

        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(server.baseUrl().toString()); // the bare address, without the link
        awaitConnection("signed-out");
    }
}
