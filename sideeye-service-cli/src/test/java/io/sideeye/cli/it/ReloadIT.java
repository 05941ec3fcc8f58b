package io.sideeye.cli.it;

import static io.sideeye.testsupport.Liveness.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.cli.ExitCodes;
import io.sideeye.service.ServiceJson;
import io.sideeye.testsupport.ReferenceBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sideeye reload} from a second process against a real {@code sideeye run}. */
class ReloadIT {
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration END = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    @TempDir
    Path home;
    @TempDir
    Path data;

    private long pid() throws Exception {
        CliProcess status = CliProcess.run(dir, home, START, "status", "web", "--json");
        return ServiceJson.reader().readTree(status.stdout()).path("status").path("pid").asLong();
    }

    @Test
    void theDjangoBackendOnWaitressIsReloadedWithoutDowntime() throws Exception {
        ReferenceBackend.requireSetUp();
        Files.writeString(dir.resolve("sideeye.yaml"), "port: auto\nserver: waitress\nprojectDir: "
                + ReferenceBackend.PROJECT + "\npython: " + ReferenceBackend.PYTHON + "\nshutdownTimeout: 5s\n"
                + "environment:\n  SIDEEYE_DATA_DIR: " + data + "\n");
        try (CliProcess run = CliProcess.start(dir, home, "run")) {
            long first = run.awaitStarted(START)[0];
            run.awaitControlPlane(START);

            CliProcess reload = CliProcess.run(dir, home, START, "reload");

            assertThat(reload.exitCode()).as(reload.stderr()).isEqualTo(ExitCodes.OK);
            assertThat(reload.stdout()).contains("✔ reloaded (RUNNING, pid ")
                    .contains("; restart: zero-downtime (SO_REUSEPORT through sideeye_health.serve)");
            long second = pid();
            assertThat(second).isNotEqualTo(first);
            assertThat(running(first)).isFalse();
            assertThat(running(second)).isTrue();
            run.signal("TERM");
            assertThat(run.awaitExit(END)).isEqualTo(ExitCodes.OK);
        }
    }

    @Test
    void aBackendThatCannotShareItsPortIsRestartedAndTheOutputSaysWhy() throws Exception {
        Backends.testServerConfig(dir, "apiBasePath: \"\"\n");
        try (CliProcess run = CliProcess.start(dir, home, "run")) {
            long first = run.awaitStarted(START)[0];
            run.awaitControlPlane(START);

            CliProcess reload = CliProcess.run(dir, home, START, "reload", "web");

            assertThat(reload.exitCode()).as(reload.stderr()).isEqualTo(ExitCodes.OK);
            assertThat(reload.stdout()).contains("✔ reloaded web (RUNNING, pid ")
                    .contains("; restart: stop-then-start (the server cannot share its port: a custom command is not"
                            + " known to share its port");
            assertThat(running(first)).isFalse();
            CliProcess status = CliProcess.run(dir, home, START, "status");
            assertThat(status.stdout()).contains("restart: stop-then-start");
            run.signal("TERM");
            assertThat(run.awaitExit(END)).isEqualTo(ExitCodes.OK);
        }
    }
}
