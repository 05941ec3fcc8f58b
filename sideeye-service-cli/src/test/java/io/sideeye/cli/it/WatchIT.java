package io.sideeye.cli.it;

import static io.sideeye.cli.it.CliProcess.END;
import static io.sideeye.cli.it.CliProcess.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.cli.ExitCodes;
import io.sideeye.testsupport.Liveness;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sideeye run --watch}: a changed file takes effect; an invalid one is rejected and the old one stays. */
class WatchIT {
    @TempDir
    Path dir;
    @TempDir
    Path home;

    @Test
    void aNewHealthIntervalAppliesLiveAndAnInvalidFileIsRejected() throws Exception {
        Path config = Backends.testServerConfig(dir, "healthCheckInterval: 1h\n");
        try (CliProcess run = CliProcess.start(dir, home, "run", "--watch")) {
            long pid = run.awaitStarted(START)[0];
            run.awaitLine("configuration: .*watching for changes", START);
            assertThat(run.stdout()).doesNotContain(" healthy ");

            Files.writeString(config, Files.readString(config).replace("healthCheckInterval: 1h", "healthCheckInterval: 200ms"));
            run.awaitLine("configuration reloaded: healthCheckInterval 1h -> 200ms", END);
            run.awaitLine("applied live: the backend keeps running", END);
            int afterReload = run.lineCount();
            run.awaitLines(" healthy +status=200", 3, afterReload, END);
            assertThat(Liveness.running(pid)).isTrue(); // the same backend, never restarted
            assertThat(run.stdout().lines().filter(l -> l.matches(".*\\bstarted +pid=.*"))).hasSize(1);

            String valid = Files.readString(config);
            Files.writeString(config, valid + "unhealthyThreshold: 0\n");
            org.awaitility.Awaitility.await().atMost(END).until(() -> run.stderr().contains(
                    "configuration change rejected, the current configuration stays in force: sideeye.yaml:"));
            assertThat(run.stderr()).contains("unhealthyThreshold: 0 is out of range");
            int afterRejection = run.lineCount();
            run.awaitLines(" healthy +status=200", 2, afterRejection, END);
            assertThat(run.isAlive()).isTrue();

            run.signal("TERM");
            assertThat(run.awaitExit(END)).isEqualTo(ExitCodes.OK);
        }
    }

    @Test
    void aChangedCommandRestartsTheBackend() throws Exception {
        Path config = Backends.testServerConfig(dir, "");
        try (CliProcess run = CliProcess.start(dir, home, "run", "--watch")) {
            long first = run.awaitStarted(START)[0];
            run.awaitLine("watching for changes", START);
            int before = run.lineCount();
            Files.writeString(config, Files.readString(config).replace("\"{port}\"]", "\"{port}\", \"--no-stdin-watch\"]"));
            run.awaitLine("restarting the backend for the new command", END);
            run.awaitLines("started +pid=", 1, before, START);
            assertThat(Liveness.running(first)).isFalse();
            run.signal("TERM");
            assertThat(run.awaitExit(END)).isEqualTo(ExitCodes.OK);
        }
    }
}
