package io.sideeye.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sideeye.cli.Cli;
import io.sideeye.cli.ExitCodes;
import io.sideeye.cli.runtime.RuntimeDirectory;
import io.sideeye.cli.runtime.RuntimeInfo;
import io.sideeye.service.ServiceJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote commands against a stand-in of the control server's routes (the real server is
 * exercised by RemoteCommandsIT): discovery through the runtime file, the token, the routes
 * and envelopes, output and exit codes.
 */
class RemoteCommandsTest {
    private static final String TOKEN = "t0k3n-that-must-stay-secret";
    private static final String RUNNING_STATUS = """
            {"isRunning":true,"isStarting":false,"isStopping":false,"restartAttempts":0,
             "lastHealthCheck":{"timestamp":"2025-01-02T03:04:05Z","healthy":true,"status":200,"error":null,"latencyMs":1.5},
             "pid":4242,"uptime":65000,"state":"RUNNING","url":"http://127.0.0.1:8123","port":8123,"restartsTotal":2,
             "lastExit":null,"lastError":null}""";
    private static final String RUNNING = "{\"success\":true,\"status\":" + RUNNING_STATUS + "}";
    private static final String SERVICES = "{\"success\":true,\"data\":{\"default\":\"web\",\"services\":{\"web\":[%s]}}}";

    @TempDir
    Path dir;
    private HttpServer server;
    private final Map<String, String> replies = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private Cli cli;
    private volatile boolean unknownService;

    @BeforeEach
    void startStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        Path xdg = Files.createDirectories(dir.resolve("xdg"));
        cli = new Cli(dir).env("XDG_RUNTIME_DIR", xdg.toString());
        long pid = ProcessHandle.current().pid();
        new RuntimeDirectory(xdg.resolve("sideeye")).write(new RuntimeInfo(pid, RuntimeDirectory.processStart(pid),
                server.getAddress().getPort(), TOKEN, Instant.now(), "/p/sideeye.yaml", "/p/backend"));
        replies.put("GET /ipc/django-service-status", RUNNING);
        replies.put("GET /ipc/services", SERVICES.formatted(RUNNING_STATUS));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String key = ex.getRequestMethod() + " " + ex.getRequestURI();
        requests.add(key + (body.isEmpty() ? "" : " " + body));
        String reply = replies.get(key);
        int status = !("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization")) ? 401
                : reply == null ? 404 : 200;
        String error = unknownService ? "unknown service 'wroker'; this control server has web, worker (the default"
                + " is web)" : "no route " + key;
        byte[] bytes = (status == 200 ? reply : "{\"success\":false,\"error\":\"" + error + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void statusShowsStateUptimeRestartsAndHealthWithoutTheToken() {
        Cli.Result r = cli.run("status");
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("● RUNNING  pid 4242  http://127.0.0.1:8123  up 1m 5s", "restarts: 0 recent, 2 in total",
                "last health check: healthy (HTTP 200, 1.5 ms, at 03:04:05)",
                "sideeye run: pid " + ProcessHandle.current().pid() + ", project /p/backend, config /p/sideeye.yaml");
        assertThat(r.out() + r.err()).doesNotContain(TOKEN);
    }

    @Test
    void statusJsonIsTheRoutesEnvelope() throws IOException {
        JsonNode all = ServiceJson.reader().readTree(cli.run("status", "--json").out());
        assertThat(all.path("data").path("default").asText()).isEqualTo("web");
        assertThat(all.path("data").path("services").path("web").get(0).path("state").asText()).isEqualTo("RUNNING");

        replies.put("GET /ipc/django-service-status?service=web", RUNNING);
        JsonNode one = ServiceJson.reader().readTree(cli.run("status", "web", "--json").out());
        assertThat(one.path("status").path("state").asText()).isEqualTo("RUNNING");
        assertThat(one.path("status").path("pid").asLong()).isEqualTo(4242);
    }

    @Test
    void statusOfSeveralServicesIsATableWithOneRowPerCopy() {
        String stopped = "{\"state\":\"STOPPED\",\"pid\":null,\"port\":0,\"lastHealthCheck\":null}";
        String process = "{\"state\":\"RUNNING\",\"pid\":5151,\"port\":40001,\"lastHealthCheck\":"
                + "{\"timestamp\":\"2025-01-02T03:04:05Z\",\"healthy\":true,\"status\":0,\"error\":null,\"latencyMs\":0.1}}";
        replies.put("GET /ipc/services", "{\"success\":true,\"data\":{\"default\":\"web\",\"services\":{\"web\":["
                + RUNNING_STATUS + "],\"worker\":[" + process + "," + stopped + "]}}}");
        Cli.Result r = cli.run("status", "--no-color");
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out().lines().toList()).startsWith(
                "SERVICE  INSTANCE  STATE    PID   PORT   HEALTH",
                "web      1         RUNNING  4242  8123   healthy (HTTP 200, 1.5 ms)",
                "worker   1         RUNNING  5151  40001  healthy",
                "worker   2         STOPPED  -     -      -");
        assertThat(r.out()).contains("default service: web; 'sideeye status SERVICE' shows one in detail");
    }

    @Test
    void aNamedServiceIsAddressedWithItsQueryParameterAndAnUnknownOneIsExitCode2() {
        replies.put("GET /ipc/django-service-status?service=worker", RUNNING);
        replies.put("POST /ipc/django-service-restart?service=worker", "{\"success\":true}");
        Cli.Result restart = cli.run("restart", "worker");
        assertThat(restart.code()).as(restart.err()).isEqualTo(ExitCodes.OK);
        assertThat(restart.out()).contains("✔ restarted worker (RUNNING, pid 4242, http://127.0.0.1:8123)");
        assertThat(requests).contains("POST /ipc/django-service-restart?service=worker {}");

        assertThat(cli.run("status", "worker").out()).contains("worker ● RUNNING  pid 4242");

        replies.put("POST /ipc/django-api-call", "{\"success\":true,\"status\":200,\"data\":[],\"error\":null,"
                + "\"durationMs\":2}");
        assertThat(cli.run("call", "worker", "/jobs/").code()).isEqualTo(ExitCodes.OK);
        assertThat(requests).contains("POST /ipc/django-api-call {\"endpoint\":\"/jobs/\",\"service\":\"worker\","
                + "\"method\":\"GET\"}");

        unknownService = true;
        Cli.Result unknown = cli.run("status", "wroker");
        assertThat(unknown.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(unknown.err()).contains("unknown service 'wroker'; this control server has web, worker");
    }

    @Test
    void stopPostsToItsRouteAndShowsTheNewState() {
        replies.put("POST /ipc/django-service-stop", "{\"success\":true}");
        replies.put("GET /ipc/django-service-status", "{\"success\":true,\"status\":{\"state\":\"STOPPED\",\"pid\":null}}");
        Cli.Result r = cli.run("stop");
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("✔ stopped (STOPPED)");
        assertThat(requests).contains("POST /ipc/django-service-stop {}");
    }

    @Test
    void aFailedStartIsExitCode1WithTheReason() {
        replies.put("POST /ipc/django-service-start", "{\"success\":false,\"error\":\"Port 8123 on 127.0.0.1 is in use\"}");
        Cli.Result r = cli.run("start");
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).contains("✘ Port 8123 on 127.0.0.1 is in use");
    }

    @Test
    void healthIsExitCode0OnlyWhenHealthy() {
        replies.put("POST /ipc/django-service-health-check", "{\"success\":true,\"healthy\":true}");
        Cli.Result ok = cli.run("health");
        assertThat(ok.code()).isEqualTo(ExitCodes.OK);
        assertThat(ok.out()).contains("✔ healthy (HTTP 200, 1.5 ms)");
        replies.put("POST /ipc/django-service-health-check", "{\"success\":true,\"healthy\":false}");
        assertThat(cli.run("health").code()).isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void callSendsEndpointMethodAndDataAndPrintsTheAnswer() throws IOException {
        replies.put("POST /ipc/django-api-call", "{\"success\":true,\"status\":201,\"data\":{\"id\":7,\"title\":\"hi\"},"
                + "\"error\":null,\"durationMs\":12}");
        Files.writeString(dir.resolve("note.json"), "{\"title\": \"hi\"}");
        Cli.Result r = cli.run("call", "/notes/", "-X", "post", "-d", "@" + dir.resolve("note.json"));
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).contains("HTTP 201 in 12 ms");
        assertThat(ServiceJson.reader().readTree(r.out()).path("id").asInt()).isEqualTo(7);
        assertThat(requests).contains("POST /ipc/django-api-call {\"endpoint\":\"/notes/\",\"method\":\"POST\","
                + "\"data\":{\"title\":\"hi\"}}");
    }

    @Test
    void aNon2xxAnswerIsExitCode1AndBadJsonDataIsExitCode2() {
        replies.put("POST /ipc/django-api-call", "{\"success\":false,\"status\":404,\"data\":{\"error\":\"Not found\"},"
                + "\"error\":\"HTTP 404 Not Found\",\"durationMs\":3}");
        Cli.Result notFound = cli.run("call", "/notes/99/");
        assertThat(notFound.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(notFound.err()).contains("HTTP 404 in 3 ms: HTTP 404 Not Found");
        Cli.Result badData = cli.run("call", "/notes/", "-X", "POST", "-d", "{title:");
        assertThat(badData.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(badData.err()).contains("-d is not valid JSON");
    }

    @Test
    void logsPrintsTheRecentLinesAsEvents() {
        replies.put("GET /ipc/logs?n=2", "{\"success\":true,\"lines\":[{\"timestamp\":\"2025-01-02T03:04:05.100Z\","
                + "\"stream\":\"stdout\",\"line\":\"hello\"},{\"timestamp\":\"2025-01-02T03:04:05.200Z\",\"stream\":\"stderr\","
                + "\"line\":\"oops\"}]}");
        Cli.Result r = cli.run("logs", "-n", "2");
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out().lines()).hasSize(2);
        assertThat(r.out()).contains("stdout        hello", "stderr        oops");
    }

    @Test
    void aWrongTokenIsReportedAsUnreachable() throws IOException {
        Path xdg = dir.resolve("xdg");
        long pid = ProcessHandle.current().pid();
        new RuntimeDirectory(xdg.resolve("sideeye")).write(new RuntimeInfo(pid, RuntimeDirectory.processStart(pid),
                server.getAddress().getPort(), "wrong", Instant.now(), null, "/p"));
        Cli.Result r = cli.run("status");
        assertThat(r.code()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err()).contains("refused this command (HTTP 401)");
    }

    @Test
    void withoutARunningSideeyeRunTheExitCodeIs3() {
        Cli.Result r = new Cli(dir).env("XDG_RUNTIME_DIR", dir.toString()).run("status");
        assertThat(r.code()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err()).contains("no running 'sideeye run' found (runtime files in " + dir.resolve("sideeye") + ")");
    }

    @Test
    void aRunThatStoppedListeningIsUnreachable() {
        server.stop(0);
        Cli.Result r = cli.run("status");
        assertThat(r.code()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err()).contains("cannot reach sideeye run (pid " + ProcessHandle.current().pid() + ")",
                "connection refused");
    }

    @Test
    void anUnknownPidIsUnreachable() {
        Cli.Result r = cli.run("status", "--pid", "1");
        assertThat(r.code()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err()).contains("no running 'sideeye run' with pid 1");
    }
}
