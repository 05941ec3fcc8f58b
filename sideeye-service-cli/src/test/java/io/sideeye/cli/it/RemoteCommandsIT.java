package io.sideeye.cli.it;

import static io.sideeye.cli.it.CliProcess.END;
import static io.sideeye.cli.it.CliProcess.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.cli.ExitCodes;
import io.sideeye.cli.runtime.RuntimeDirectory;
import io.sideeye.cli.runtime.RuntimeInfo;
import io.sideeye.service.ServiceJson;
import io.sideeye.testsupport.Liveness;
import java.io.IOException;
import java.net.URI;
import java.net.HttpURLConnection;
import java.nio.file.Path;
import java.nio.file.Files;
import java.nio.file.DirectoryStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sideeye status|stop|start|restart|health|logs|call} from a second process against a real {@code sideeye run}. */
class RemoteCommandsIT {
    @TempDir
    Path dir;
    @TempDir
    Path home;

    private CliProcess remote(String... args) throws Exception {
        return CliProcess.run(dir, home, START, args);
    }

    @Test
    void aSecondProcessInspectsStopsAndStartsTheBackend() throws Exception {
        Backends.testServerConfig(dir, "apiBasePath: \"\"\n");
        try (CliProcess run = CliProcess.start(dir, home, "run")) {
            long first = run.awaitStarted(START)[0];
            run.awaitControlPlane(START);

            CliProcess status = remote("status", "web", "--json");
            assertThat(status.exitCode()).as(status.stderr()).isEqualTo(ExitCodes.OK);
            JsonNode s = ServiceJson.reader().readTree(status.stdout()).path("status");
            assertThat(s.path("state").asText()).isEqualTo("RUNNING");
            assertThat(s.path("pid").asLong()).isEqualTo(first);

            CliProcess health = remote("health");
            assertThat(health.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(health.stdout()).contains("✔ healthy (HTTP 200");

            CliProcess call = remote("call", "/api/echo/notes", "-X", "POST", "-d", "{\"title\": \"hello\"}");
            assertThat(call.exitCode()).as(call.stderr()).isEqualTo(ExitCodes.OK);
            JsonNode echo = ServiceJson.reader().readTree(call.stdout());
            assertThat(echo.path("method").asText()).isEqualTo("POST");
            assertThat(echo.path("body").asText()).isEqualTo("{\"title\":\"hello\"}");

            CliProcess link = remote("dashboard");
            assertThat(link.exitCode()).as(link.stderr()).isEqualTo(ExitCodes.OK);
            URI dashboard = URI.create(link.stdout().trim());
            assertThat(dashboard.getFragment()).matches("code=[A-Za-z0-9_-]{43}");
            assertThat(remote("dashboard").stdout().trim()).as("a new link each time").isNotEqualTo(dashboard.toString());
            HttpURLConnection signIn = (HttpURLConnection) dashboard.resolve("/ipc/session").toURL()
                    .openConnection();
            signIn.setRequestMethod("POST");
            signIn.setDoOutput(true);
            signIn.setRequestProperty("Content-Type", "application/json");
            signIn.getOutputStream().write(("{\"" + dashboard.getFragment().replace("=", "\":\"") + "\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(signIn.getResponseCode()).as("the link's code signs a tab in").isEqualTo(200);

            CliProcess refused = remote("call", "//evil.example/steal");
            assertThat(refused.exitCode()).as(refused.stderr()).isEqualTo(ExitCodes.CONFIG);
            assertThat(refused.stderr()).contains("sideeye: ");

            CliProcess stop = remote("stop");
            assertThat(stop.exitCode()).as(stop.stderr()).isEqualTo(ExitCodes.OK);
            assertThat(stop.stdout()).contains("✔ stopped (STOPPED)");
            assertThat(Liveness.running(first)).isFalse();
            assertThat(run.isAlive()).as("run keeps serving its control plane").isTrue();
            assertThat(remote("status").stdout()).contains("● STOPPED");
            assertThat(remote("health").exitCode()).isEqualTo(ExitCodes.FAILED);

            CliProcess start = remote("start");
            assertThat(start.exitCode()).as(start.stderr()).isEqualTo(ExitCodes.OK);
            assertThat(start.stdout()).contains("✔ started (RUNNING, pid ");
            long second = ServiceJson.reader().readTree(remote("status", "web", "--json").stdout()).path("status").path("pid").asLong();
            assertThat(second).isNotEqualTo(first);
            assertThat(Liveness.running(second)).isTrue();

            CliProcess restart = remote("restart");
            assertThat(restart.exitCode()).as(restart.stderr()).isEqualTo(ExitCodes.OK);
            assertThat(Liveness.running(second)).isFalse();

            CliProcess logs = remote("logs", "-n", "3");
            assertThat(logs.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(logs.stdoutLines()).hasSize(3);

            run.signal("TERM");
            assertThat(run.awaitExit(END)).isEqualTo(ExitCodes.OK);
        }
        CliProcess after = remote("status");
        assertThat(after.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(after.stderr()).contains("no running 'sideeye run' found");
    }

    @Test
    void theControlServerStartsAtTheFirstCommandAndTheRuntimeFileThenNamesItsOwnPort() throws Exception {
        Backends.testServerConfig(dir, "apiBasePath: \"\"\n");
        try (CliProcess run = CliProcess.start(dir, home, "run")) {
            run.awaitStarted(START);
            run.awaitControlPlane(START);
            RuntimeInfo before = runtimeInfo(run.pid());
            assertThat(threadNames(run.pid())).as("no HTTP server before anyone asks")
                    .doesNotContain("HTTP-Dispatcher").contains("sideeye-control");

            CliProcess status = remote("status");
            assertThat(status.exitCode()).as(status.stderr()).isEqualTo(ExitCodes.OK);

            RuntimeInfo after = runtimeInfo(run.pid());
            assertThat(after.port()).as("the server's own port").isNotEqualTo(before.port());
            assertThat(after.token()).isEqualTo(before.token());
            assertThat(threadNames(run.pid())).contains("HTTP-Dispatcher");
            assertThat(remote("status").exitCode()).isEqualTo(ExitCodes.OK);
            // a client that read the first port is still answered, through the relay
            HttpURLConnection c = (HttpURLConnection) URI.create(
                    "http://127.0.0.1:" + before.port() + "/ipc/django-service-status").toURL().openConnection();
            c.setRequestProperty("Authorization", "Bearer " + before.token());
            assertThat(c.getResponseCode()).isEqualTo(200);
            c.disconnect();

            run.signal("TERM");
            assertThat(run.awaitExit(END)).isEqualTo(ExitCodes.OK);
        }
    }

    private RuntimeInfo runtimeInfo(long pid) {
        return RuntimeDirectory.forUser(Map.of("XDG_RUNTIME_DIR", home.resolve("xdg").toString()))
                .live(note -> { }).stream().filter(i -> i.pid() == pid).findFirst().orElseThrow();
    }

    /** The names of the threads of process {@code pid} (as the kernel keeps them: at most 15 characters). */
    private static List<String> threadNames(long pid) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                names.add(Files.readString(task.resolve("comm")).strip());
            }
        }
        return names;
    }

    @Test
    void logsFollowPrintsNewLinesUntilTheRunEnds() throws Exception {
        Backends.testServerConfig(dir, "apiBasePath: \"\"\n");
        try (CliProcess run = CliProcess.start(dir, home, "run")) {
            run.awaitStarted(START);
            run.awaitControlPlane(START);
            try (CliProcess follow = CliProcess.start(dir, home, "logs", "-f", "-n", "0", "--json")) {
                // the stream is open once a new request's log line arrives through it
                org.awaitility.Awaitility.await().atMost(START).pollInterval(Duration.ofMillis(100)).until(() -> {
                    remote("call", "/api/echo/followed");
                    return follow.stdout().contains("/api/echo/followed");
                });
                JsonNode line = ServiceJson.reader().readTree(follow.stdoutLines().stream()
                        .filter(l -> l.contains("/api/echo/followed")).findFirst().orElseThrow());
                assertThat(line.path("stream").asText()).isEqualTo("stderr");
                run.signal("TERM");
                assertThat(run.awaitExit(END)).isEqualTo(ExitCodes.OK);
                assertThat(follow.awaitExit(END)).isEqualTo(ExitCodes.OK);
            }
        }
    }

    @Test
    void aStaleRuntimeFileIsRemovedWithAMessage() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        RuntimeDirectory runtime = new RuntimeDirectory(home.resolve("xdg/sideeye"));
        runtime.write(new RuntimeInfo(gone.pid(), Instant.EPOCH, 1, "token", Instant.now(), null, "/nowhere"));
        CliProcess status = remote("status");
        assertThat(status.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(status.stderr()).contains("removed stale runtime file", "cli-" + gone.pid() + ".json",
                "(sideeye run pid " + gone.pid() + " is no longer running)", "no running 'sideeye run' found");
        assertThat(home.resolve("xdg/sideeye/cli-" + gone.pid() + ".json")).doesNotExist();
    }
}
