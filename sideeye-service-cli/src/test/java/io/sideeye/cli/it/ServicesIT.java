package io.sideeye.cli.it;

import static io.sideeye.cli.it.CliProcess.END;
import static io.sideeye.cli.it.CliProcess.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.cli.ExitCodes;
import io.sideeye.service.ServiceJson;
import io.sideeye.testsupport.Liveness;
import io.sideeye.testsupport.ProcStat;
import io.sideeye.testsupport.ProcessTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sideeye run} with two services (a web test server, and a worker with {@code health:
 * process} that runs after it) and the remote commands addressing each: start order, the
 * status table, one service's status, restarting one service, calling one, reverse stop,
 * no orphan.
 */
class ServicesIT {
    private static final Pattern STARTED = Pattern.compile("^\\S+ (\\S+) +started +pid=(\\d+) port=(\\d+)");

    @TempDir
    Path dir;
    @TempDir
    Path home;

    private void writeConfig(String workerExtra) throws Exception {
        Files.writeString(dir.resolve("sideeye.yaml"), """
                shutdownTimeout: 5s
                restartDelay: 100ms
                apiBasePath: ""
                services:
                  web:
                    command: %s
                  worker:
                    command: %s
                    health: process
                    after: [web]
                %s""".formatted(Backends.testServerCommand(), Backends.testServerCommand("--echo", "worker"),
                workerExtra));
    }

    private CliProcess remote(String... args) throws Exception {
        return CliProcess.run(dir, home, START, args);
    }

    /** {pid, port, line index} of the first {@code started} line of {@code service} from line {@code from}. */
    private static long[] started(CliProcess run, String service, int from) {
        run.awaitLines("^\\S+ " + service + " +started +pid=", 1, from, START);
        List<String> lines = run.stdoutLines();
        for (int i = from; i < lines.size(); i++) {
            Matcher m = STARTED.matcher(lines.get(i));
            if (m.find() && m.group(1).equals(service)) {
                return new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), i};
            }
        }
        throw new AssertionError("no started line of " + service);
    }

    private static int indexOf(CliProcess run, String regex) {
        Pattern pattern = Pattern.compile(regex);
        List<String> lines = run.stdoutLines();
        for (int i = 0; i < lines.size(); i++) {
            if (pattern.matcher(lines.get(i)).find()) {
                return i;
            }
        }
        throw new AssertionError("no line matching " + regex + " in\n" + run.stdout());
    }

    @Test
    void twoServicesStartInOrderAreAddressedOneByOneAndStopInReverseWithoutOrphans() throws Exception {
        writeConfig("");
        try (CliProcess run = CliProcess.start(dir, home, "run")) {
            long[] web = started(run, "web", 0);
            long[] worker = started(run, "worker", 0);
            assertThat(indexOf(run, "^\\S+ worker +starting")).as("the worker starts once web is healthy")
                    .isGreaterThan((int) web[2]);
            run.awaitLine("sideeye +worker running", START);
            run.awaitControlPlane(START);
            assertThat(run.stdout()).contains("services web, worker", "sideeye web ready at http://127.0.0.1:" + web[1],
                    "sideeye worker running (pid " + worker[0] + "; health: process, alive is healthy)");

            CliProcess status = remote("status", "--no-color");
            assertThat(status.exitCode()).as(status.stderr()).isEqualTo(ExitCodes.OK);
            assertThat(status.stdoutLines().get(0)).matches("SERVICE +INSTANCE +STATE +PID +PORT +HEALTH");
            assertThat(status.stdout()).containsPattern("web +1 +RUNNING +" + web[0] + " +" + web[1] + " +healthy")
                    .containsPattern("worker +1 +RUNNING +" + worker[0] + " +" + worker[1])
                    .contains("default service: web");

            CliProcess workerStatus = remote("status", "worker", "--no-color");
            assertThat(workerStatus.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(workerStatus.stdout()).contains("worker ● RUNNING  pid " + worker[0]);

            CliProcess unknown = remote("status", "wroker");
            assertThat(unknown.exitCode()).isEqualTo(ExitCodes.CONFIG);
            assertThat(unknown.stderr()).contains("unknown service 'wroker'", "web, worker");

            int beforeRestart = run.lineCount();
            CliProcess restart = remote("restart", "worker", "--no-color");
            assertThat(restart.exitCode()).as(restart.stderr()).isEqualTo(ExitCodes.OK);
            long[] newWorker = started(run, "worker", beforeRestart);
            assertThat(restart.stdout()).contains("✔ restarted worker (RUNNING, pid " + newWorker[0]);
            assertThat(newWorker[0]).isNotEqualTo(worker[0]);
            assertThat(Liveness.running(worker[0])).as("the old worker").isFalse();
            assertThat(Liveness.running(web[0])).as("web keeps running").isTrue();

            CliProcess call = remote("call", "web", "/api/echo/hello");
            assertThat(call.exitCode()).as(call.stderr()).isEqualTo(ExitCodes.OK);
            assertThat(ServiceJson.reader().readTree(call.stdout()).path("path").asText()).isEqualTo("/api/echo/hello");

            JsonNode all = ServiceJson.reader().readTree(remote("status", "--json").stdout()).path("data");
            assertThat(all.path("default").asText()).isEqualTo("web");
            assertThat(all.path("services").path("worker").get(0).path("pid").asLong()).isEqualTo(newWorker[0]);

            run.signal("TERM");
            assertThat(run.awaitExit(END)).isEqualTo(ExitCodes.OK);
            assertThat(run.stdout()).contains("stopping every service gracefully, in reverse start order");
            assertThat(indexOf(run, "^\\S+ worker +stopped")).as("the worker stops before web")
                    .isLessThan(indexOf(run, "^\\S+ web +stopping"));
            assertThat(Liveness.running(web[0])).isFalse();
            assertThat(Liveness.running(newWorker[0])).isFalse();
            assertThat(ProcessTable.mentioning("--port " + web[1])).isEmpty();
            assertThat(ProcessTable.mentioning("--port " + newWorker[1])).isEmpty();
        }
    }

    @Test
    void aSigtermToSideeyesWholeProcessGroupStopsTheServicesInReverseOrderWithoutARestart() throws Exception {
        writeConfig("");
        try (CliProcess run = CliProcess.startAsGroupLeader(dir, home, "run")) {
            long[] web = started(run, "web", 0);
            long[] worker = started(run, "worker", 0);
            run.awaitLine("sideeye +worker running", START);
            assertThat(ProcStat.of(web[0]).pgid()).as("web's process group").isNotEqualTo(run.pid()).isEqualTo(web[0]);
            assertThat(ProcStat.of(worker[0]).pgid()).as("the worker's process group").isEqualTo(worker[0]);

            run.signalGroup("TERM"); // what timeout(1), a terminal's Ctrl-C or a service manager's group kill do

            assertThat(run.awaitExit(END)).as(run.stderr()).isEqualTo(ExitCodes.OK);
            assertThat(run.stdout()).contains("stopping every service gracefully, in reverse start order")
                    .doesNotContainPattern("(?m)^\\S+ \\S+ +restarting")
                    .doesNotContain("Attempting automatic restart");
            assertThat(indexOf(run, "^\\S+ worker +stopped")).as("the worker stops before web")
                    .isLessThan(indexOf(run, "^\\S+ web +stopping"));
            assertThat(Liveness.running(web[0])).isFalse();
            assertThat(Liveness.running(worker[0])).isFalse();
            assertThat(ProcessTable.mentioning("--port " + web[1])).isEmpty();
            assertThat(ProcessTable.mentioning("--port " + worker[1])).isEmpty();
        }
    }

    @Test
    void watchAppliesAServicesLiveKeyToItAloneAndRestartsOnlyItForItsNewCommand() throws Exception {
        writeConfig("    healthCheckInterval: 1h\n");
        Path config = dir.resolve("sideeye.yaml");
        try (CliProcess run = CliProcess.start(dir, home, "run", "--watch")) {
            long[] web = started(run, "web", 0);
            long[] worker = started(run, "worker", 0);
            run.awaitLine("watching for changes", START);

            Files.writeString(config, Files.readString(config).replace("healthCheckInterval: 1h",
                    "healthCheckInterval: 200ms"));
            run.awaitLine("configuration reloaded: worker: healthCheckInterval 1h -> 200ms", END);
            run.awaitLine("applied live: the services keep running", END);
            assertThat(Liveness.running(worker[0])).isTrue();
            assertThat(Liveness.running(web[0])).isTrue();

            int before = run.lineCount();
            Files.writeString(config, Files.readString(config).replace("\"--echo\", \"worker\"",
                    "\"--echo\", \"worker-2\""));
            run.awaitLine("restarting worker for its new command", END);
            run.awaitLine("web keeps running", END);
            long[] newWorker = started(run, "worker", before);
            assertThat(newWorker[0]).isNotEqualTo(worker[0]);
            assertThat(Liveness.running(worker[0])).isFalse();
            assertThat(Liveness.running(web[0])).isTrue(); // web was not restarted: same pid, no second start
            List<String> lines = run.stdoutLines();
            assertThat(lines.subList(before, lines.size()))
                    .noneMatch(l -> l.matches("^\\S+ web +(stopping|stopped|starting|started)\\b.*"));

            run.signal("TERM");
            assertThat(run.awaitExit(END)).isEqualTo(ExitCodes.OK);
            assertThat(Liveness.running(newWorker[0])).isFalse();
        }
    }
}
