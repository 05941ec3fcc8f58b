package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.testsupport.StdlibTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Service groups with real processes: the stdlib test server and a Python worker. */
class GroupIT {
    private final List<GroupEvent> events = new CopyOnWriteArrayList<>();
    private ServiceGroup group;

    @TempDir
    Path runtimeDir;

    @AfterEach
    void closeGroup() {
        if (group != null) {
            group.close();
        }
    }

    private ServiceBuilder testServer(String... flags) {
        return DjangoServiceManager.builder()
                .command(StdlibTestServer.command(flags))
                .port(0)
                .apiBasePath("/api")
                .startupTimeout(Duration.ofSeconds(20))
                .shutdownTimeout(Duration.ofSeconds(5))
                .restartDelay(Duration.ofMillis(50))
                .maxRestartDelay(Duration.ofMillis(200))
                .runtimeDir(runtimeDir);
    }

    private ServiceGroup build(ServiceGroup.Builder builder) {
        group = builder.build();
        group.onAny(events::add);
        return group;
    }

    /** {@code "<service>#<n> <event>"} of the lifecycle events, in the order the group delivered them. */
    private List<String> lifecycle() {
        List<String> names = List.of("starting", "started", "stopping", "stopped", "error");
        return events.stream().filter(e -> names.contains(e.event().name()))
                .map(e -> e.service() + "#" + e.instance() + " " + e.event().name()).toList();
    }

    @Test
    void servicesStartInDependencyOrderAndStopInReverse() throws Exception {
        build(ServiceGroup.builder()
                .service(ServiceSpec.of("web", testServer().config()))
                .service(ServiceSpec.of("worker", testServer().config()).after("web"))
                .service(ServiceSpec.of("reports", testServer().config()).after("worker")));

        assertThat(group.start().get(60, TimeUnit.SECONDS)).isTrue();
        assertThat(lifecycle()).containsExactly("web#1 starting", "web#1 started", "worker#1 starting",
                "worker#1 started", "reports#1 starting", "reports#1 started");

        events.clear();
        assertThat(group.stop().get(60, TimeUnit.SECONDS)).isTrue();
        assertThat(lifecycle()).containsExactly("reports#1 stopping", "reports#1 stopped", "worker#1 stopping",
                "worker#1 stopped", "web#1 stopping", "web#1 stopped");
    }

    @Test
    void aDependencyThatFailsToStartBlocksItsDependantWithAClearError() throws Exception {
        build(ServiceGroup.builder()
                .service(ServiceSpec.of("web", testServer("--fail-at-start", "django.db.utils.OperationalError:"
                        + " no such table").config()))
                .service(ServiceSpec.of("worker", testServer().config()).after("web")));

        assertThat(group.start().get(60, TimeUnit.SECONDS)).isFalse();

        ServiceStatus web = group.status().get("web").get(0);
        ServiceStatus worker = group.status().get("worker").get(0);
        assertThat(web.lastError()).contains("exited during startup with code 1",
                "django.db.utils.OperationalError: no such table");
        assertThat(worker.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(worker.lastError()).isEqualTo("worker not started: it runs after web, which failed to start");
        assertThat(lifecycle()).containsExactly("web#1 starting", "web#1 error", "worker#1 error");
        assertThat(group.instances("worker").get(0).recentLogs()).isEmpty(); // never spawned
    }

    @Test
    void replicasServeOnDistinctPortsRoundRobinAndAKilledOneIsSkipped() throws Exception {
        build(ServiceGroup.builder()
                .service(ServiceSpec.of("web", testServer().maxRestartAttempts(0).config()).instances(3)));
        assertThat(group.start().get(60, TimeUnit.SECONDS)).isTrue();

        List<ServiceStatus> replicas = group.status().get("web");
        List<Integer> ports = replicas.stream().map(ServiceStatus::port).toList();
        assertThat(ports).doesNotHaveDuplicates().hasSize(3);
        try (Stream<Path> records = Files.list(runtimeDir)) {
            assertThat(records.filter(p -> p.toString().endsWith(".json"))).hasSize(3); // one runtime record each
        }
        assertThat(servedBy(6)).containsExactlyInAnyOrder(ports.get(0), ports.get(0), ports.get(1), ports.get(1),
                ports.get(2), ports.get(2));

        long second = replicas.get(1).pid();
        ProcessHandle.of(second).orElseThrow().destroyForcibly(); // SIGKILL
        await().atMost(Duration.ofSeconds(20))
                .until(() -> group.status().get("web").get(1).state() == ServiceState.FAILED);

        assertThat(servedBy(4)).containsExactlyInAnyOrder(ports.get(0), ports.get(0), ports.get(2), ports.get(2));
        assertThat(group.status().get("web").get(0).state()).isEqualTo(ServiceState.RUNNING);
        assertThat(group.status().get("web").get(2).state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void aProcessModeWorkerIsStartedWhenSpawnedAndRestartedAfterAKill() throws Exception {
        ServiceConfig worker = DjangoServiceManager.builder()
                .command(List.of(StdlibTestServer.PYTHON, "-c", "import sys; sys.stdin.read()")) // runs until its stdin closes
                .healthMode(HealthMode.PROCESS)
                .healthCheckInterval(Duration.ofMillis(200))
                .port(0)
                .restartDelay(Duration.ofMillis(50))
                .maxRestartDelay(Duration.ofMillis(200))
                .runtimeDir(runtimeDir)
                .config();
        build(ServiceGroup.builder()
                .service(ServiceSpec.of("web", testServer().config()))
                .service(ServiceSpec.of("worker", worker).after("web")));
        assertThat(group.start().get(60, TimeUnit.SECONDS)).isTrue();
        assertThat(lifecycle()).containsSubsequence("web#1 started", "worker#1 starting", "worker#1 started");

        DjangoServiceManager m = group.manager("worker");
        long first = m.getStatus().pid();
        assertThat(m.healthCheck().get(10, TimeUnit.SECONDS)).isTrue();
        ProcessHandle.of(first).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(20)).until(() -> m.getStatus().state() == ServiceState.RUNNING
                && m.getStatus().pid() != null && m.getStatus().pid() != first);

        List<String> workerEvents = events.stream().filter(e -> e.service().equals("worker"))
                .map(e -> e.event().name()).toList();
        assertThat(workerEvents).containsSubsequence("started", "process-exit", "restarting", "starting", "started");
        assertThat(m.getStatus().restartsTotal()).isEqualTo(1);
        assertThat(group.status().get("web").get(0).state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void replacingTheWorkersCommandRestartsOnlyTheWorker() throws Exception {
        build(ServiceGroup.builder()
                .service(ServiceSpec.of("web", testServer().config()))
                .service(ServiceSpec.of("worker", testServer().config()).after("web")));
        assertThat(group.start().get(60, TimeUnit.SECONDS)).isTrue();
        long web = group.status().get("web").get(0).pid();
        long oldWorker = group.status().get("worker").get(0).pid();
        events.clear();

        ServiceSpec next = ServiceSpec.of("worker", testServer("--echo", "v2").config()).after("web").instances(2);
        assertThat(group.replace(next).get(60, TimeUnit.SECONDS)).isTrue();

        assertThat(group.status().get("web").get(0).pid()).isEqualTo(web);
        assertThat(ProcessHandle.of(oldWorker)).isEmpty();
        List<ServiceStatus> workers = group.status().get("worker");
        assertThat(workers).extracting(ServiceStatus::state).containsExactly(ServiceState.RUNNING, ServiceState.RUNNING);
        assertThat(workers).extracting(ServiceStatus::pid).doesNotContain(oldWorker, web);
        assertThat(group.instances("worker").get(1).recentLogs()).anyMatch(l -> l.line().contains("\"v2\""));
        assertThat(lifecycle()).noneMatch(e -> e.startsWith("web"))
                .containsSubsequence("worker#1 stopping", "worker#1 stopped", "worker#1 starting", "worker#1 started")
                .containsSubsequence("worker#1 stopped", "worker#2 starting", "worker#2 started");
        assertThat(group.apiCall("worker", "/echo/who").get(10, TimeUnit.SECONDS).success()).isTrue();
    }

    /** The ports of the replicas that answered {@code calls} API calls, read from the Host header they saw. */
    private List<Integer> servedBy(int calls) {
        return IntStream.range(0, calls).mapToObj(i -> {
            ApiResponse r = group.apiCall("web", "/echo/who").join();
            assertThat(r.success()).as(String.valueOf(r)).isTrue();
            String host = r.data().path("headers").path("Host").asText();
            return Integer.parseInt(host.substring(host.lastIndexOf(':') + 1));
        }).toList();
    }
}
