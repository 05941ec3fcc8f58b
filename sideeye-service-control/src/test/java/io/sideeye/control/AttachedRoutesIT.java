package io.sideeye.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.control.testkit.EventCollector;
import io.sideeye.control.testkit.ExpositionParser;
import io.sideeye.control.testkit.MiniServer;
import io.sideeye.control.testkit.RawHttp;
import io.sideeye.control.testkit.RawHttp.Response;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route and the event stream with a real manager running the stand-in backend. */
class AttachedRoutesIT {
    @TempDir
    Path runtimeDir;

    private DjangoServiceManager manager;
    private ControlServer server;

    @BeforeEach
    void start() {
        manager = MiniServer.manager(runtimeDir).build();
        server = ControlServer.start(manager, 0, null);
    }

    @AfterEach
    void stop() {
        server.close();
        manager.close();
    }

    private Response call(String method, String path, String json) throws IOException {
        RawHttp r = RawHttp.request(server.port(), method, path).bearer(server.token());
        return (json == null ? r : r.json(json)).send();
    }

    private JsonNode json(Response r) throws IOException {
        return ServiceJson.reader().readTree(r.body());
    }

    private JsonNode ok(String method, String path, String json) throws IOException {
        Response r = call(method, path, json);
        assertThat(r.status()).as(path + ": " + r.text()).isEqualTo(200);
        return json(r);
    }

    @Test
    void lifecycleRoutesAnswerTheSeedEnvelopesAndTheStreamFollows() throws Exception {
        try (EventCollector events = new EventCollector(server.port(), server.token())) {
            await().until(() -> events.statuses().size() == 1);
            assertThat(events.statuses()).containsExactly("stopped");

            assertThat(ok("POST", "/ipc/django-service-start", null).toString()).isEqualTo("{\"success\":true}");
            await().until(() -> events.statuses().contains("started"));
            assertThat(events.statuses()).containsExactly("stopped", "starting", "started");
            assertThat(events.serviceEventNames()).containsSubsequence("starting", "started");

            JsonNode status = ok("GET", "/ipc/django-service-status", null);
            assertThat(status.get("success").asBoolean()).isTrue();
            assertThat(status.get("status").get("isRunning").asBoolean()).isTrue();
            assertThat(status.get("status").get("state").asText()).isEqualTo("RUNNING");
            assertThat(status.get("status").get("pid").asLong()).isEqualTo(manager.getStatus().pid());

            JsonNode health = ok("POST", "/ipc/django-service-health-check", null);
            assertThat(health.toString()).isEqualTo("{\"success\":true,\"healthy\":true}");

            assertThat(ok("POST", "/ipc/django-service-restart", null).get("success").asBoolean()).isTrue();
            assertThat(ok("POST", "/ipc/django-service-stop", null).toString()).isEqualTo("{\"success\":true}");
            await().until(() -> events.statuses().size() >= 8 && events.statuses().get(events.statuses().size() - 1)
                    .equals("stopped"));
            assertThat(events.statuses()).containsExactly("stopped", "starting", "started",
                    "restarting", "stopping", "stopped", "starting", "started", "stopping", "stopped");
        }
    }

    @Test
    void aNewSubscriberFirstReceivesTheCurrentStatus() throws Exception {
        assertThat(manager.start().join()).isTrue();
        try (EventCollector events = new EventCollector(server.port(), server.token())) {
            await().until(() -> !events.statuses().isEmpty());
            assertThat(events.events().get(0).type()).isEqualTo("services");
            assertThat(events.events().get(1).type()).isEqualTo("django-service-status");
            assertThat(events.statuses().get(0)).isEqualTo("started");
            assertThat(events.data("django-service-status").get(0).toString())
                    .isEqualTo("{\"status\":\"started\",\"service\":\"web\",\"instance\":1}");
        }
    }

    @Test
    void apiCallReturnsTheApiResponseEnvelope() throws Exception {
        assertThat(manager.start().join()).isTrue();
        JsonNode created = ok("POST", "/ipc/django-api-call",
                "{\"endpoint\":\"/notes/\",\"method\":\"POST\",\"data\":{\"title\":\"from the control plane\"}}");
        assertThat(created.get("success").asBoolean()).isTrue();
        assertThat(created.get("status").asInt()).isEqualTo(201);
        assertThat(created.get("data").get("title").asText()).isEqualTo("from the control plane");
        assertThat(created.get("error").isNull()).isTrue();
        assertThat(created.has("durationMs")).isTrue();

        JsonNode missing = ok("POST", "/ipc/django-api-call", "{\"endpoint\":\"/nope/\"}");
        assertThat(missing.get("success").asBoolean()).isFalse();
        assertThat(missing.get("status").asInt()).isEqualTo(404);
        assertThat(missing.get("error").asText()).contains("404");

        Response metrics = call("GET", "/metrics", null);
        assertThat(metrics.text()).contains("sideeye_control_api_calls_total{service=\"web\",outcome=\"success\"} 1\n")
                .contains("sideeye_control_api_calls_total{service=\"web\",outcome=\"failure\"} 1\n");
    }

    @Test
    void anInvalidEndpointOrMethodIs400AndNeverACall() throws Exception {
        assertThat(manager.start().join()).isTrue();
        for (String body : List.of("{\"endpoint\":\"http://evil.example/\"}", "{\"endpoint\":\"/../etc/\"}",
                "{\"endpoint\":\"notes/\"}", "{\"endpoint\":\"/notes/\",\"method\":\"BREW\"}")) {
            Response r = call("POST", "/ipc/django-api-call", body);
            assertThat(r.status()).as(body + " -> " + r.text()).isEqualTo(400);
            assertThat(json(r).get("success").asBoolean()).isFalse();
            assertThat(json(r).get("error").asText()).isNotBlank();
        }
        assertThat(manager.getStatus().apiLatency().count()).isZero();
    }

    @Test
    void apiCallWhileStoppedIs503WithTheSeedMessage() throws Exception {
        Response r = call("POST", "/ipc/django-api-call", "{\"endpoint\":\"/notes/\"}");
        assertThat(r.status()).isEqualTo(503);
        assertThat(json(r).get("error").asText()).isEqualTo("Django service is not running");
    }

    @Test
    void logsRouteAndLogEventsCarryOutputLines() throws Exception {
        try (EventCollector events = new EventCollector(server.port(), server.token())) {
            assertThat(manager.start().join()).isTrue();
            await().until(() -> events.data("log").stream()
                    .anyMatch(l -> l.get("line").asText().contains("miniserver listening")));
            await().until(() -> events.data("log").stream().anyMatch(l -> l.get("stream").asText().equals("stderr")));
            assertThat(events.serviceEventNames()).doesNotContain("stdout", "stderr");
        }
        JsonNode logs = ok("GET", "/ipc/logs?n=3", null);
        assertThat(logs.get("success").asBoolean()).isTrue();
        assertThat(logs.get("lines").size()).isBetween(1, 3);
        JsonNode line = logs.get("lines").get(0);
        assertThat(line.has("timestamp")).isTrue();
        assertThat(line.get("stream").asText()).isIn("stdout", "stderr");
        JsonNode all = ok("GET", "/ipc/logs", null);
        assertThat(all.get("lines").toString()).contains("miniserver listening");
    }

    @Test
    void metricsAndResourcesDescribeTheBackendProcessTree() throws Exception {
        assertThat(manager.start().join()).isTrue();
        long pid = manager.getStatus().pid();
        JsonNode resources = ok("GET", "/ipc/django-service-resources", null).get("resources");
        assertThat(resources.get("rootPid").asLong()).isEqualTo(pid);
        assertThat(resources.get("processes").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(resources.get("residentBytes").asLong()).isGreaterThan(1024 * 1024);

        String text = call("GET", "/metrics", null).text();
        String web = "{service=\"web\",instance=\"1\"";
        assertThat(text).contains("sideeye_manager_attached 1\n", "sideeye_service_up" + web + "} 1\n",
                "sideeye_service_state" + web + ",state=\"running\"} 1\n",
                "sideeye_service_state" + web + ",state=\"stopped\"} 0\n",
                "# TYPE sideeye_backend_cpu_seconds_total counter\n", "sideeye_control_event_streams 0\n");
        assertThat(metricValue(text, "sideeye_backend_resident_memory_bytes" + web + "}"))
                .isGreaterThan(1024 * 1024);
        assertThat(metricValue(text, "sideeye_backend_processes" + web + "}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void metricsAreValidPrometheusTextWithAHealthHistogramBuildInfoAndTheManagersOwnJvm() throws Exception {
        assertThat(manager.start().join()).isTrue();
        String web = "{service=\"web\",instance=\"1\"";
        await().atMost(Duration.ofSeconds(30)).until(() -> metricValue(call("GET", "/metrics", null).text(),
                "sideeye_health_check_duration_seconds_count" + web + "}") >= 1);
        Response r = call("GET", "/metrics", null);
        assertThat(r.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        Map<String, ExpositionParser.Family> families = ExpositionParser.parse(r.text());

        assertThat(families.get("sideeye_health_check_duration_seconds").type()).isEqualTo("histogram");
        assertThat(families.get("sideeye_health_latency_seconds").type()).isEqualTo("summary");
        assertThat(families.get("sideeye_health_latency_seconds").samples()).extracting(s -> s.labels().get("quantile"))
                .contains("0.5", "0.95", "1");
        assertThat(families.get("sideeye_service_restarts_total").type()).isEqualTo("counter");
        assertThat(families.keySet()).noneMatch(name -> name.matches(".*_p\\d+_.*"))
                .contains("sideeye_build_info", "process_cpu_seconds_total", "process_resident_memory_bytes",
                        "process_start_time_seconds", "process_open_fds", "jvm_memory_used_bytes", "jvm_threads_current",
                        "jvm_gc_collection_seconds", "jvm_classes_currently_loaded");
        assertThat(families.get("sideeye_build_info").samples()).singleElement()
                .satisfies(s -> assertThat(s.labels()).containsKeys("version", "java"));
        assertThat(metricValue(r.text(), "process_resident_memory_bytes")).isGreaterThan(16 * 1024 * 1024);
        assertThat(metricValue(r.text(), "process_open_fds")).isGreaterThan(3);
    }

    @Test
    void aKilledBackendIsReportedAndRestartedOnTheStream() throws Exception {
        assertThat(manager.start().join()).isTrue();
        long pid = manager.getStatus().pid();
        try (EventCollector events = new EventCollector(server.port(), server.token())) {
            // the current status, and the live "started" too when the manager's event was still on
            // its way to the stream as it subscribed (docs/CONTROL.md: a status may arrive twice)
            await().until(() -> !events.statuses().isEmpty());
            assertThat(events.statuses()).containsOnly("started");
            assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> events.statuses().size() >= 4
                    && events.statuses().get(events.statuses().size() - 1).equals("started"));
            assertThat(events.statuses()).containsSubsequence("started", "restarting", "starting", "started");
            JsonNode exit = events.data("service-event").stream()
                    .filter(e -> e.get("name").asText().equals("process-exit")).findFirst().orElseThrow();
            assertThat(exit.get("signal").asText()).isEqualTo("SIGKILL");
            assertThat(manager.getStatus().restartsTotal()).isEqualTo(1);
        }
    }

    @Test
    void attachingAnotherManagerTellsEveryStream() throws Exception {
        try (EventCollector events = new EventCollector(server.port(), server.token())) {
            await().until(() -> events.statuses().size() == 1);
            server.detach();
            await().until(() -> events.data("django-service-status").size() == 2);
            assertThat(events.data("django-service-status").get(1).get("error").asText())
                    .isEqualTo("Django service manager not initialized");
            assertThat(call("GET", "/ipc/django-service-status", null).status()).isEqualTo(503);
            server.attach(manager);
            assertThat(ok("POST", "/ipc/django-service-start", null).get("success").asBoolean()).isTrue();
        }
    }

    private static double metricValue(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name + " ")).map(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(name + " is missing from the metrics"));
    }
}
