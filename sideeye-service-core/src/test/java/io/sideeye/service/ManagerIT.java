package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.testsupport.Liveness;
import io.sideeye.testsupport.Ports;
import io.sideeye.testsupport.StdlibTestServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manager against real child processes: the stdlib test server, real signals and sockets. */
class ManagerIT {
    private final List<ServiceEvent> events = new CopyOnWriteArrayList<>();
    private DjangoServiceManager manager;

    @TempDir
    Path runtimeDir;

    private DjangoServiceManager manager(ServiceBuilder builder) {
        manager = builder.runtimeDir(runtimeDir).build();
        manager.onAny(events::add);
        return manager;
    }

    private static ServiceBuilder testServer(String... flags) {
        return DjangoServiceManager.builder()
                .command(StdlibTestServer.command(flags))
                .port(0)
                .apiBasePath("")
                .startupTimeout(Duration.ofSeconds(20))
                .shutdownTimeout(Duration.ofSeconds(5))
                .restartDelay(Duration.ofMillis(50))
                .maxRestartDelay(Duration.ofMillis(200));
    }

    @AfterEach
    void closeManager() {
        if (manager != null) {
            manager.close();
        }
    }

    private List<String> names() {
        return events.stream().map(ServiceEvent::name)
                .filter(n -> !n.equals("stdout") && !n.equals("stderr") && !n.equals("healthy")).toList();
    }

    private static ProcessHandle process(long pid) {
        return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("process " + pid + " is not alive"));
    }

    @Test
    void theNextStartStopsTheBackendAnEarlierManagerLeftRecorded() throws Exception {
        // The earlier manager stands in for a crashed host: its backend runs on, recorded with its instance id.
        try (DjangoServiceManager earlier = testServer("--no-stdin-watch").maxRestartAttempts(0)
                .runtimeDir(runtimeDir).build()) {
            assertThat(earlier.start().get(30, TimeUnit.SECONDS)).isTrue();
            long stale = earlier.getStatus().pid();

            manager(testServer("--no-stdin-watch").maxRestartAttempts(0));
            assertThat(manager.start().get(30, TimeUnit.SECONDS)).isTrue();

            assertThat(ProcessHandle.of(stale).filter(ProcessHandle::isAlive)).as("stale backend %d", stale).isEmpty();
            assertThat(manager.getStatus().pid()).isNotEqualTo(stale);
        }
    }

    @Test
    void startsStopsAndLeavesNoProcessOfTheTree() throws Exception {
        manager(testServer("--spawn-child"));
        assertThat(manager.start().get(30, TimeUnit.SECONDS)).isTrue();
        ServiceStatus s = manager.getStatus();
        assertThat(s.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(s.port()).isPositive();
        ProcessHandle child = process(s.pid());
        await().until(() -> child.descendants().findAny().isPresent());
        List<ProcessHandle> tree = new java.util.ArrayList<>(child.descendants().toList());
        tree.add(child);

        assertThat(manager.stop().get(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> tree.stream().noneMatch(p -> Liveness.running(p.pid())));
        await().until(() -> Ports.isFree(s.port()));
        assertThat(manager.getStatus().pid()).isNull();
        assertThat(names()).containsSubsequence("starting", "started", "stopping", "process-exit", "stopped");
        ServiceEvent.ProcessExit exit = events.stream().filter(ServiceEvent.ProcessExit.class::isInstance)
                .map(ServiceEvent.ProcessExit.class::cast).findFirst().orElseThrow();
        assertThat(exit.signal()).isIn("SIGTERM", null); // a Python server may exit 0 on SIGTERM or die of it
    }

    @Test
    void aChildIgnoringSigtermIsKilledAfterShutdownTimeout() throws Exception {
        manager(testServer("--ignore-sigterm").shutdownTimeout(Duration.ofMillis(500)));
        assertThat(manager.start().get(30, TimeUnit.SECONDS)).isTrue();
        long pid = manager.getStatus().pid();
        assertThat(manager.stop().get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(events).filteredOn(ServiceEvent.ProcessExit.class::isInstance)
                .singleElement().extracting(e -> ((ServiceEvent.ProcessExit) e).signal()).isEqualTo("SIGKILL");
    }

    @Test
    void aKilledBackendIsRestartedAndServesAgain() throws Exception {
        manager(testServer());
        assertThat(manager.start().get(30, TimeUnit.SECONDS)).isTrue();
        long first = manager.getStatus().pid();
        process(first).destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> manager.getStatus().state() == ServiceState.RUNNING
                && manager.getStatus().pid() != null && manager.getStatus().pid() != first);
        assertThat(manager.getStatus().restartsTotal()).isEqualTo(1);
        assertThat(names()).containsSubsequence("started", "process-exit", "restarting", "starting", "started");
        assertThat(manager.healthCheck().get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aHungBackendIsDetectedAndReplaced() throws Exception {
        manager(testServer().healthCheckInterval(Duration.ofMillis(200)).healthCheckTimeout(Duration.ofMillis(300))
                .unhealthyThreshold(2).shutdownTimeout(Duration.ofSeconds(1)));
        assertThat(manager.start().get(30, TimeUnit.SECONDS)).isTrue();
        long first = manager.getStatus().pid();
        ApiResponse hang = manager.apiCall("/control/hang", "POST", null).get(10, TimeUnit.SECONDS);
        assertThat(hang.success()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> manager.getStatus().state() == ServiceState.RUNNING
                && manager.getStatus().pid() != first);
        assertThat(events).filteredOn(ServiceEvent.Unhealthy.class::isInstance).hasSizeGreaterThanOrEqualTo(2);
        assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aHealthAnswerThatLeavesOutTheInstanceIdIsNotTakenForOurBackend() throws Exception {
        manager(testServer().healthCheckInterval(Duration.ofMillis(200)).unhealthyThreshold(2).maxRestartAttempts(0));
        assertThat(manager.start().get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(manager.apiCall("/control/health?mode=no-instance", "POST", null).get(10, TimeUnit.SECONDS)
                .success()).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> manager.getStatus().state() == ServiceState.FAILED);
        assertThat(events).filteredOn(ServiceEvent.Unhealthy.class::isInstance).map(e -> ((ServiceEvent.Unhealthy) e)
                .error()).first().asString().contains("without the instance id", "another server holds the port");
    }

    @Test
    void anEarlyExitFailsFastWithTheStderrLine() throws Exception {
        manager(testServer("--fail-at-start", "ModuleNotFoundError: No module named 'django'")
                .startupTimeout(Duration.ofSeconds(60)));
        long t0 = System.nanoTime();
        assertThat(manager.start().get(30, TimeUnit.SECONDS)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
        assertThat(manager.getStatus().lastError()).contains("exited during startup with code 1",
                "ModuleNotFoundError: No module named 'django'");
        assertThat(manager.getStatus().state()).isEqualTo(ServiceState.STOPPED);
    }

    @Test
    void aBusyPortIsRefusedBeforeSpawning() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            manager(testServer().port(squatter.getLocalPort()));
            assertThat(manager.start().get(30, TimeUnit.SECONDS)).isFalse();
            assertThat(manager.getStatus().lastError())
                    .contains("Port " + squatter.getLocalPort() + " on 127.0.0.1 is already in use");
            assertThat(events).noneMatch(e -> e instanceof ServiceEvent.Started);
        }
    }

    @Test
    void apiCallsCarryTheTokenAndBodyToTheRealServer() throws Exception {
        manager(testServer().apiBasePath("/api"));
        assertThat(manager.start().get(30, TimeUnit.SECONDS)).isTrue();
        ApiResponse r = manager.apiCall("/echo/x?y=1", "PATCH", Map.of("title", "hé")).get(10, TimeUnit.SECONDS);
        assertThat(r.success()).as(String.valueOf(r)).isTrue();
        assertThat(r.data().get("method").asText()).isEqualTo("PATCH");
        assertThat(r.data().toString()).contains("hé");
    }

    @Test
    void aFloodOfOutputWithNoListenerNeverBlocksTheChild() throws Exception {
        manager = testServer("--flood-bytes", "30000000").runtimeDir(runtimeDir).build();
        assertThat(manager.start().get(60, TimeUnit.SECONDS)).isTrue();
        assertThat(manager.recentLogs()).hasSizeLessThanOrEqualTo(1000).isNotEmpty();
    }
}
