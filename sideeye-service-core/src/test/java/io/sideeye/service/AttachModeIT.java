package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sideeye.service.process.ChildProcess;
import io.sideeye.service.process.LaunchSpec;
import io.sideeye.service.process.SystemProcessLauncher;
import io.sideeye.service.testsupport.RecordingOutput;
import io.sideeye.service.testsupport.TestServerScript;
import io.sideeye.testsupport.StdlibTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attach mode against a real backend started outside the manager. */
class AttachModeIT {
    private static final String TOKEN = "attach-it-token-7f3a";

    private final List<ServiceEvent> events = new CopyOnWriteArrayList<>();
    private ChildProcess outside;
    private AutoCloseable managed;

    @TempDir
    Path runtimeDir;

    @AfterEach
    void cleanUp() throws Exception {
        if (managed != null) {
            managed.close();
        }
        if (outside != null) {
            outside.kill();
        }
    }

    /** Starts the test server as a process of its own (not through any manager) and returns its port. */
    private int startOutside() throws Exception {
        RecordingOutput output = new RecordingOutput();
        outside = new SystemProcessLauncher().launch(new LaunchSpec(TestServerScript.command(), null,
                Map.of("SIDEEYE_API_TOKEN", TOKEN), output));
        return output.awaitStdout(TestServerScript::listeningPort, -1);
    }

    private static ServiceBuilder attachTo(String url) {
        return DjangoServiceManager.builder().external(url).apiToken(TOKEN)
                .healthCheckInterval(Duration.ofMillis(200)).healthCheckTimeout(Duration.ofSeconds(2))
                .unhealthyThreshold(2);
    }

    @Test
    void anExternalBackendIsMonitoredThenReportedUnhealthyWhenKilledAndNeverRestarted() throws Exception {
        int port = startOutside();
        String url = "http://127.0.0.1:" + port;
        DjangoServiceManager m = attachTo(url).runtimeDir(runtimeDir).build();
        managed = m;
        m.onAny(events::add);

        assertThat(m.start().get(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> m.getStatus().isRunning());
        assertThat(m.getStatus().state()).isEqualTo(ServiceState.EXTERNAL);
        assertThat(m.getStatus().external()).isTrue();
        assertThat(m.getStatus().pid()).isNull();
        ApiResponse echo = m.apiCall("/echo/hello").get(10, TimeUnit.SECONDS);
        assertThat(echo.success()).as(String.valueOf(echo)).isTrue(); // the server refuses calls without the token
        assertThat(echo.data().path("path").asText()).isEqualTo("/api/echo/hello");

        outside.kill();
        outside.onExit().get(10, TimeUnit.SECONDS);
        String reason = "external service at " + url + " is not answering: connection refused";
        await().atMost(Duration.ofSeconds(20)).until(() -> events.stream()
                .filter(e -> e instanceof ServiceEvent.Unhealthy u && reason.equals(u.error())).count() >= 4);

        ServiceStatus s = m.getStatus();
        assertThat(s.state()).isEqualTo(ServiceState.EXTERNAL);
        assertThat(s.isRunning()).isFalse();
        assertThat(s.lastHealthCheck().error()).isEqualTo(reason);
        assertThat(s.restartsTotal()).isZero();
        assertThat(events).extracting(ServiceEvent::name)
                .doesNotContain("starting", "restarting", "stopping", "process-exit", "process-error", "error");
        assertThat(events).allSatisfy(e -> assertThat(ServiceJson.toJson(e).toString()).doesNotContain(TOKEN));
        assertThatThrownBy(() -> java.nio.file.Files.list(runtimeDir).findAny().orElseThrow())
                .isInstanceOf(java.util.NoSuchElementException.class); // nothing was recorded: nothing was spawned
    }

    @Test
    void aGroupStartsAServiceAfterAnExternalOneOnceItAnswers() throws Exception {
        int port = startOutside();
        ServiceGroup group = ServiceGroup.builder()
                .service(ServiceSpec.of("api", attachTo("http://127.0.0.1:" + port + "/").config()))
                .service(ServiceSpec.of("web", DjangoServiceManager.builder().command(StdlibTestServer.command()).port(0)
                        .apiBasePath("/api").runtimeDir(runtimeDir).config()).after("api"))
                .build();
        managed = group;
        assertThat(group.start().get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(group.status().get("api").get(0).state()).isEqualTo(ServiceState.EXTERNAL);
        assertThat(group.status().get("web").get(0).state()).isEqualTo(ServiceState.RUNNING);
        assertThat(group.apiCall("api", "/echo/via-group").get(10, TimeUnit.SECONDS).success()).isTrue();

        group.close();
        assertThat(outside.isAlive()).isTrue(); // closing the group never touches an external service
    }

    @Test
    void aRemoteExternalUrlWithoutOptInIsRejected() {
        assertThatThrownBy(() -> DjangoServiceManager.builder().external("http://192.0.2.10:8000").build())
                .isInstanceOfSatisfying(ServiceConfigException.class, e -> {
                    assertThat(e.field()).isEqualTo("external");
                    assertThat(e.getMessage()).contains("is on another machine", "allowRemoteHost(true)");
                });
    }
}
