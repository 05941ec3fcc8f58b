package io.sideeye.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.service.ApiResponse;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServerKind;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceState;
import io.sideeye.service.ServiceStatus;
import io.sideeye.testsupport.Liveness;
import io.sideeye.testsupport.Ports;
import io.sideeye.testsupport.ProcessTable;
import io.sideeye.testsupport.ReferenceBackend;
import io.sideeye.testsupport.RequiresReferenceBackend;
import io.sideeye.testsupport.Signals;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The real Django backend under the real manager, with waitress and with runserver. */
@RequiresReferenceBackend
class DjangoBackendIT {
    private final List<ServiceEvent> events = new CopyOnWriteArrayList<>();
    private DjangoServiceManager manager;

    @TempDir
    Path dataDir;
    @TempDir
    Path runtimeDir;

    @AfterEach
    void close() {
        if (manager != null) {
            manager.close();
        }
    }

    private DjangoServiceManager start(ServerKind kind, java.util.function.UnaryOperator<io.sideeye.service.ServiceBuilder> tune)
            throws Exception {
        manager = tune.apply(Backend.builder(dataDir, runtimeDir).server(kind)).build();
        manager.onAny(events::add);
        assertThat(manager.start().get(90, TimeUnit.SECONDS)).as(() -> manager.getStatus().lastError()).isTrue();
        return manager;
    }

    private ApiResponse call(String endpoint, String method, Object data) throws Exception {
        return manager.apiCall(endpoint, method, data).get(30, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"WAITRESS", "RUNSERVER"})
    void servesCrudSurvivesSigkillAndStopsWithoutOrphans(ServerKind kind) throws Exception {
        start(kind, b -> b);
        ServiceStatus s = manager.getStatus();
        assertThat(s.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(s.pid()).isNotNull();
        assertThat(s.url()).isEqualTo("http://127.0.0.1:" + s.port());
        assertThat(events).filteredOn(ServiceEvent.Started.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((ServiceEvent.Started) e).port()).isEqualTo(s.port()));

        // CRUD with the launch's token
        ApiResponse created = call("/notes/", "POST", Map.of("title", "first", "body", "kept across crashes"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        int id = created.data().get("id").asInt();
        assertThat(call("/notes/", "GET", null).data().get("count").asInt()).isEqualTo(1);
        assertThat(call("/notes/" + id + "/", "GET", null).data().get("title").asText()).isEqualTo("first");
        ApiResponse updated = call("/notes/" + id + "/", "PATCH", Map.of("title", "renamed"));
        assertThat(updated.data().get("title").asText()).isEqualTo("renamed");
        ApiResponse invalid = call("/notes/", "POST", Map.of("body", "no title"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.success()).isFalse();
        assertThat(invalid.data().get("field").asText()).isEqualTo("title");
        ApiResponse second = call("/notes/", "POST", Map.of("title", "to delete"));
        assertThat(call("/notes/" + second.data().get("id").asInt() + "/", "DELETE", null).status()).isEqualTo(204);
        ApiResponse missing = call("/notes/99999/", "GET", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error()).startsWith("HTTP 404");

        // SIGKILL: reported, restarted, healthy again, nothing lost
        long first = s.pid();
        Signals.send(first, "KILL");
        await().atMost(Duration.ofSeconds(60)).until(() -> manager.getStatus().state() == ServiceState.RUNNING
                && manager.getStatus().pid() != null && manager.getStatus().pid() != first);
        assertThat(events).filteredOn(ServiceEvent.ProcessExit.class::isInstance).first()
                .satisfies(e -> assertThat(((ServiceEvent.ProcessExit) e).signal()).isEqualTo("SIGKILL"));
        JsonNode notes = call("/notes/", "GET", null).data();
        assertThat(notes.get("count").asInt()).isEqualTo(1);
        assertThat(notes.get("notes").get(0).get("title").asText()).isEqualTo("renamed");

        // stop: no server of ours left, port free again
        int port = manager.getStatus().port();
        assertThat(manager.stop().get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessTable.serversOnPort(port)).isEmpty();
        await().until(() -> Ports.isFree(port));
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"WAITRESS", "RUNSERVER"})
    void aStoppedProcessIsDetectedByHealthChecksAndReplaced(ServerKind kind) throws Exception {
        start(kind, b -> b.healthCheckInterval(Duration.ofMillis(300)).healthCheckTimeout(Duration.ofMillis(300))
                .unhealthyThreshold(2).shutdownTimeout(Duration.ofSeconds(1)));
        long first = manager.getStatus().pid();
        Signals.send(first, "STOP");
        await().atMost(Duration.ofSeconds(30)).until(() -> manager.getStatus().state() != ServiceState.RUNNING);
        assertThat(events).filteredOn(ServiceEvent.Unhealthy.class::isInstance).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(e -> assertThat(((ServiceEvent.Unhealthy) e).error()).contains("timed out"));
        if (ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false)) {
            Signals.send(first, "CONT"); // harmless: it was told to stop and goes
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> manager.getStatus().state() == ServiceState.RUNNING
                && manager.getStatus().pid() != first);
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(first).isEmpty()
                || !ProcessHandle.of(first).get().isAlive());
        assertThat(ProcessTable.serversOnPort(manager.getStatus().port())).extracting(ProcessHandle::pid)
                .containsExactly(manager.getStatus().pid());
        assertThat(manager.healthCheck().get(10, TimeUnit.SECONDS)).isTrue();
    }

    @org.junit.jupiter.api.Test
    void runserverWithItsAutoreloaderLeavesNoOrphanOnStopOrCrash() throws Exception {
        manager = Backend.builder(dataDir, runtimeDir)
                .command(List.of(ReferenceBackend.PYTHON.toString(), "manage.py", "runserver", "{host}:{port}"))
                .build();
        manager.onAny(events::add);
        assertThat(manager.start().get(90, TimeUnit.SECONDS)).as(() -> manager.getStatus().lastError()).isTrue();
        int port = manager.getStatus().port();
        long reloader = manager.getStatus().pid();
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(reloader).orElseThrow()
                .descendants().findAny().isPresent());
        long server = ProcessHandle.of(reloader).orElseThrow().children().findFirst().orElseThrow().pid();

        // the autoreloader dies: its serving child must not be left holding the port
        Signals.send(reloader, "KILL");
        await().atMost(Duration.ofSeconds(60)).until(() -> manager.getStatus().state() == ServiceState.RUNNING
                && manager.getStatus().pid() != reloader);
        await().atMost(Duration.ofSeconds(10)).until(() -> !Liveness.running(server));

        // stop: the new reloader and its child both go
        List<ProcessHandle> tree = new java.util.ArrayList<>(
                ProcessHandle.of(manager.getStatus().pid()).orElseThrow().descendants().toList());
        assertThat(manager.stop().get(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> tree.stream().noneMatch(p -> Liveness.running(p.pid())));
        assertThat(ProcessTable.serversOnPort(port)).isEmpty();
        await().until(() -> Ports.isFree(port));
    }
}
