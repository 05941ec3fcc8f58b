package io.sideeye.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.cli.ExitCodes;
import io.sideeye.testsupport.Liveness;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SIGKILLed {@code sideeye run}: its backend ends by itself and the next command cleans up after it. */
class HostDeathIT {
    @TempDir
    Path dir;
    @TempDir
    Path home;

    @Test
    void theBackendExitsWithinTwoSecondsAndTheStaleRuntimeFileIsCleaned() throws Exception {
        Backends.testServerConfig(dir, "");
        long backend;
        long host;
        try (CliProcess run = CliProcess.start(dir, home, "run")) {
            backend = run.awaitStarted(Duration.ofSeconds(60))[0];
            run.awaitControlPlane(Duration.ofSeconds(60)); // its runtime file is written
            host = run.pid();
            await().atMost(Duration.ofSeconds(30)).until(() -> home.resolve("xdg/sideeye/cli-" + host + ".json")
                    .toFile().exists());
            run.signal("KILL");
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !Liveness.running(backend));
        }
        CliProcess status = CliProcess.run(dir, home, Duration.ofSeconds(60), "status");
        assertThat(status.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(status.stderr()).contains("removed stale runtime file", "cli-" + host + ".json");
        assertThat(home.resolve("xdg/sideeye/cli-" + host + ".json")).doesNotExist();
    }
}
