package io.sideeye.cli.it;

import static io.sideeye.cli.it.CliProcess.END;
import static io.sideeye.cli.it.CliProcess.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.cli.ExitCodes;
import io.sideeye.service.ServiceJson;
import io.sideeye.testsupport.Liveness;
import io.sideeye.testsupport.ProcessTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sideeye run} as a process: signals, exit codes, orphans, the runtime file. */
class RunIT {
    @TempDir
    Path dir;
    @TempDir
    Path home;

    @Test
    void ctrlCStopsTheBackendGracefullyExitsZeroAndLeavesNoOrphan() throws Exception {
        Backends.testServerConfig(dir, "");
        try (CliProcess run = CliProcess.start(dir, home, "run")) {
            long[] started = run.awaitStarted(START);
            long backend = started[0];
            assertThat(Liveness.running(backend)).isTrue();
            Path runtimeFile = home.resolve("xdg/sideeye/cli-" + run.pid() + ".json");
            await().atMost(END).until(() -> Files.exists(runtimeFile));

            run.signal("INT");
            assertThat(run.awaitExit(END)).isEqualTo(ExitCodes.OK);
            assertThat(run.stdout()).contains("SIGINT received: stopping the backend gracefully", "stopping",
                    "process-exit  code=143 signal=SIGTERM", "stopped");
            assertThat(Liveness.running(backend)).as("backend pid %d", backend).isFalse();
            assertThat(ProcessTable.mentioning("--port " + started[1])).isEmpty();
            assertThat(runtimeFile).doesNotExist();
        }
    }

    @Test
    void sigtermStopsGracefullyToo() throws Exception {
        Backends.testServerConfig(dir, "");
        try (CliProcess run = CliProcess.start(dir, home, "run")) {
            long backend = run.awaitStarted(START)[0];
            run.signal("TERM");
            assertThat(run.awaitExit(END)).isEqualTo(ExitCodes.OK);
            assertThat(run.stdout()).contains("SIGTERM received");
            assertThat(Liveness.running(backend)).isFalse();
        }
    }

    @Test
    void aSecondCtrlCKillsABackendThatIgnoresSigtermAndExits130() throws Exception {
        Backends.testServerConfig(dir, "shutdownTimeout: 10m\n", "--ignore-sigterm", "--spawn-child");
        try (CliProcess run = CliProcess.start(dir, home, "run")) {
            long backend = run.awaitStarted(START)[0];
            String childLine = run.awaitLine("stdout +CHILD \\d+", START);
            long grandchild = Long.parseLong(childLine.replaceAll(".*CHILD (\\d+).*", "$1"));
            run.signal("INT");
            run.awaitLine(" stopping", END);
            assertThat(Liveness.running(backend)).as("ignores SIGTERM").isTrue();
            run.signal("INT");
            assertThat(run.awaitExit(END)).isEqualTo(ExitCodes.FORCED);
            assertThat(run.stdout()).contains("SIGINT received again: killing the backend's process tree");
            await().atMost(END).until(() -> !Liveness.running(backend) && !Liveness.running(grandchild));
        }
    }

    @Test
    void aBackendThatCannotStartEndsTheRunWithExitCode1AndItsReason() throws Exception {
        Backends.testServerConfig(dir, "", "--fail-at-start", "ImportError: no module named notes");
        try (CliProcess run = CliProcess.start(dir, home, "run")) {
            assertThat(run.awaitExit(START)).isEqualTo(ExitCodes.FAILED);
            assertThat(run.stdout()).contains("error").contains("ImportError: no module named notes");
            assertThat(run.stderr()).contains("sideeye: the backend did not start");
        }
    }

    @Test
    void aServiceThatEndsFailedEndsTheRunWithExitCode1() throws Exception {
        Backends.testServerConfig(dir, "maxRestartAttempts: 0\napiBasePath: \"\"\n");
        try (CliProcess run = CliProcess.start(dir, home, "run")) {
            run.awaitStarted(START);
            run.awaitControlPlane(START);
            // the answer may or may not make it back: the run ends as soon as the service is FAILED
            CliProcess.run(dir, home, END, "call", "/control/crash?code=3", "-X", "POST");
            assertThat(run.awaitExit(END)).isEqualTo(ExitCodes.FAILED);
            assertThat(run.stdout()).contains("process-exit  code=3");
            assertThat(run.stderr()).contains("the backend FAILED: restart attempts are exhausted (0 allowed)");
        }
    }

    @Test
    void badConfigurationExitsWith2BeforeStartingAnything() throws Exception {
        Files.writeString(dir.resolve("sideeye.yaml"), "port: eighty\ncommand: [\"/usr/bin/python3\", \"-c\", \"x\"]\n");
        CliProcess run = CliProcess.run(dir, home, END, "run");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.stderr()).contains("sideeye.yaml:1: port: 'eighty' is not a port");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void jsonPrintsOneEventObjectPerLine() throws Exception {
        Backends.testServerConfig(dir, "");
        try (CliProcess run = CliProcess.start(dir, home, "run", "--json")) {
            run.awaitLine("\"name\":\"started\"", START);
            run.signal("TERM");
            assertThat(run.awaitExit(END)).isEqualTo(ExitCodes.OK);
            Stream<JsonNode> events = run.stdoutLines().stream().map(RunIT::json);
            assertThat(events.map(e -> e.path("name").asText())).contains("sideeye", "starting", "started", "stopping",
                    "process-exit", "stopped");
            JsonNode started = run.stdoutLines().stream().map(RunIT::json)
                    .filter(e -> e.path("name").asText().equals("started")).findFirst().orElseThrow();
            assertThat(started.path("pid").asLong()).isPositive();
            assertThat(started.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        }
    }

    private static JsonNode json(String line) {
        try {
            return ServiceJson.reader().readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
