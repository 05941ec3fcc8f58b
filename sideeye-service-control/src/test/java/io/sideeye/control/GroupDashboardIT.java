package io.sideeye.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.control.testkit.Browser;
import io.sideeye.control.testkit.MiniGroup;
import io.sideeye.service.ServiceGroup;
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

/**
 * The dashboard in real headless Chromium over a group ({@code web} and two {@code worker}
 * instances, real processes, and {@code billing}, a remote service that is only watched): the
 * service selector scopes status, instances, logs and the API console to the chosen service.
 * Screenshots land in {@code target/screenshots/}.
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
        group = MiniGroup.webTwoWorkersAndRemoteBilling(runtimeDir);
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
        assertThat(pill("billing").getText()).contains("billing", "remote");
        assertThat(pill("web").getText()).doesNotContain("remote", "external");
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
        assertThat(group.start("billing").join()).as("a remote service that never answers").isFalse();
        await().atMost(SLOW).until(() -> !text("kpi-last").equals("—") && !text("res-mem").equals("—")
                && "unhealthy".equals(pill("billing").getAttribute("data-state")));
        assertThat(text("service-name")).as("the page stays on the chosen service").isEqualTo("worker");
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
    void aRemoteServiceIsMarkedAndItsLostConnectionShownWithoutARestart() throws Exception {
        driver.get(server.dashboardUrl().toString());
        await().atMost(SLOW).until(() -> driver.findElement(By.id("services")).isDisplayed());
        pill("billing").click();
        await().until(() -> text("service-name").equals("billing"));
        assertThat(driver.findElement(By.id("service-remote")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("service-external")).isDisplayed()).isFalse();
        assertThat(text("service-url")).startsWith(MiniGroup.REMOTE_URL);
        assertThat(driver.findElement(By.id("btn-start")).isEnabled()).isTrue();

        driver.findElement(By.id("btn-start")).click();
        await().atMost(SLOW).until(() -> "unhealthy".equals(badge())
                && "unhealthy".equals(pill("billing").getAttribute("data-state")));
        assertThat(text("status-error")).contains("192.0.2.10");
        await().atMost(SLOW).until(() -> text("action-result")
                .startsWith("start failed: external service at " + MiniGroup.REMOTE_URL + " is not answering"));
        assertThat(text("log")).isEqualTo("This service runs elsewhere: its output is not seen here.");
        assertThat(text("fact-pid")).isEqualTo("—");
        assertThat(driver.findElement(By.id("btn-stop")).isEnabled()).as("an external service is only watched")
                .isFalse();
        assertThat(driver.findElement(By.id("btn-health")).isEnabled()).isTrue();
        assertThat(group.manager("billing").getStatus().restartsTotal()).isZero();
        Path shot = browser.screenshot("dashboard-remote");
        assertThat(Browser.distinctColours(shot)).isGreaterThan(100);
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

    @Test
    @SuppressWarnings("unchecked")
    void theClientGivesSeedListenersTheDefaultServiceAndForServiceTheOthers() throws Exception {
        driver.get(server.dashboardUrl().toString());
        await().atMost(SLOW).until(() -> "open".equals(driver.findElement(By.id("conn")).getAttribute("data-conn")));
        driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/sideeye-client.js').then(({ createSideEyeClient }) => {
                  const client = createSideEyeClient({ token: sessionStorage.getItem('sideeye.session') });
                  window.__seen = { seed: [], worker: [], logs: [], resources: [], later: [] };
                  client.djangoService.onStatusUpdate((s) => window.__seen.seed.push(`${s.service}#${s.instance}:${s.status}`));
                  const worker = client.forService('worker');
                  worker.djangoService.onStatusUpdate((s) => window.__seen.worker.push(`${s.service}#${s.instance}:${s.status}`));
                  worker.events.on('log', (l) => window.__seen.logs.push(`${l.service}#${l.instance}`));
                  // added in the same task as the others: the first request already asks for resources
                  worker.events.on('resources', (r) => window.__seen.resources.push(
                      `${r.service}:${r.instances?.length ?? 1}:${r.resources.rootPid ? 'running' : 'none'}`));
                  window.__client = client;
                  done(true);
                });
                """);
        await().until(() -> seen("seed").size() == 1 && seen("worker").size() == 1); // the current statuses
        assertThat(group.start("worker").join()).isTrue(); // and web first, which the worker runs after
        await().atMost(SLOW).until(() -> seen("worker").contains("worker#1:started") && seen("seed").contains("web#1:started")
                && seen("logs").contains("worker#2"));
        assertThat(seen("seed")).containsExactly("web#1:stopped", "web#1:starting", "web#1:started");
        assertThat(seen("worker")).containsExactly("worker#1:stopped", "worker#1:starting", "worker#1:started");
        assertThat(seen("logs")).containsOnly("worker#1", "worker#2");
        await().atMost(SLOW).until(() -> seen("resources").contains("worker:2:running"));
        assertThat(seen("resources")).containsOnly("worker:2:none", "worker:2:running");

        // a client whose stream is open asks for resources once a listener wants them
        driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/sideeye-client.js').then(({ createSideEyeClient }) => {
                  const later = createSideEyeClient({ token: sessionStorage.getItem('sideeye.session') });
                  let open = false;
                  later.djangoService.onStatusUpdate(() => { // the first status: the stream is open
                    if (open) return;
                    open = true;
                    later.events.on('resources', (r) => window.__seen.later.push(r.service));
                    done(true);
                  });
                });
                """);
        await().atMost(SLOW).until(() -> seen("later").containsAll(List.of("web", "worker", "billing")));

        Map<String, Object> answers = (Map<String, Object>) driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const client = window.__client;
                Promise.all([client.forService('worker').callDjangoAPI('/whoami/'), client.callDjangoAPI('/whoami/'),
                             client.getServices(), client.forService('worker').djangoService.getStatus()])
                  .then(([worker, web, services, status]) => done({ worker: worker.data.pid, web: web.data.pid,
                    names: Object.keys(services.data.services), instances: status.instances.length }));
                """);
        assertThat(List.of(pidOf("worker", 1), pidOf("worker", 2))).contains(((Number) answers.get("worker")).longValue());
        assertThat(((Number) answers.get("web")).longValue()).isEqualTo(pidOf("web", 1));
        assertThat((List<String>) answers.get("names")).containsExactly("web", "worker", "billing");
        assertThat(((Number) answers.get("instances")).intValue()).isEqualTo(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void rendererCodeWrittenForElectronApiRunsUnchangedOnTheDropIn() throws Exception {
        driver.get(server.dashboardUrl().toString());
        await().atMost(SLOW).until(() -> "open".equals(driver.findElement(By.id("conn")).getAttribute("data-conn")));
        Map<String, Object> shape = (Map<String, Object>) driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/sideeye-client.js').then(({ exposeElectronApi }) => {
                  const api = exposeElectronApi();
                  done({ keys: Object.keys(window.electronAPI), service: Object.keys(window.electronAPI.djangoService),
                         same: exposeElectronApi() === api && window.electronAPI === api, frozen: Object.isFrozen(api) });
                });
                """);
        assertThat((List<String>) shape.get("keys")).containsExactly("djangoService", "callDjangoAPI");
        assertThat((List<String>) shape.get("service"))
                .containsExactly("start", "stop", "restart", "getStatus", "healthCheck", "onStatusUpdate");
        assertThat(shape).containsEntry("same", true).containsEntry("frozen", true);

        // renderer code as it was written against the preload's object
        Map<String, Object> answers = (Map<String, Object>) driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  window.__seen = { electron: [] };
                  window.electronAPI.djangoService.onStatusUpdate((data) => window.__seen.electron.push(data.status));
                  const started = await window.electronAPI.djangoService.start();
                  const { status } = await window.electronAPI.djangoService.getStatus();
                  const health = await window.electronAPI.djangoService.healthCheck();
                  const whoami = await window.electronAPI.callDjangoAPI('/whoami/', 'GET');
                  const missing = await window.electronAPI.callDjangoAPI('/no-such-thing/');
                  const stopped = await window.electronAPI.djangoService.stop();
                  done({ started: started.success, running: status.isRunning, healthy: health.healthy,
                         pid: whoami.data.pid, apiOk: whoami.success, missingOk: missing.success,
                         missingStatus: missing.status, stopped: stopped.success });
                })();
                """);
        assertThat(answers).containsEntry("started", true).containsEntry("running", true)
                .containsEntry("healthy", true).containsEntry("apiOk", true).containsEntry("missingOk", false)
                .containsEntry("stopped", true);
        assertThat(((Number) answers.get("missingStatus")).intValue()).isEqualTo(404);
        assertThat(((Number) answers.get("pid")).longValue()).isPositive();
        await().atMost(SLOW).until(() -> seen("electron").contains("stopped")
                && seen("electron").indexOf("started") < seen("electron").lastIndexOf("stopped"));
        assertThat(seen("electron")).contains("starting", "started", "stopping");
    }

    @SuppressWarnings("unchecked")
    private List<String> seen(String what) {
        return (List<String>) driver.executeScript("return window.__seen." + what + ";");
    }

    private long pidOf(String service, int instance) {
        return group.instances(service).get(instance - 1).getStatus().pid();
    }
}
