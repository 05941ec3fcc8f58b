package io.sideeye.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.cli.ExitCodes;
import io.sideeye.testsupport.ReferenceBackend;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sideeye selftest}: the seed's manual test, against the real backend and a broken one. */
class SelftestIT {
    private static final Duration LIMIT = Duration.ofMinutes(3);

    @TempDir
    Path dir;
    @TempDir
    Path home;

    @Test
    void everyStepPassesAgainstTheBundledBackend() throws Exception {
        ReferenceBackend.requireSetUp();
        CliProcess selftest = CliProcess.run(dir, home, LIMIT, "selftest", "--project", ReferenceBackend.PROJECT.toString(),
                "--port", "auto", "--set", "environment={\"SIDEEYE_DATA_DIR\": \"" + dir.resolve("data") + "\"}");
        assertThat(selftest.exitCode()).as(selftest.stdout() + selftest.stderr()).isEqualTo(ExitCodes.OK);
        assertThat(selftest.stdout()).contains("(health checks every 1s instead of 10s for the monitoring step)")
                .containsPattern("✔ initial status +\\d+ ms  state STOPPED")
                .containsPattern("✔ start +\\d+ ms  pid \\d+, port \\d+, http://127.0.0.1:\\d+")
                .containsPattern("✔ status after start +\\d+ ms  state RUNNING, running true")
                .containsPattern("✔ health check +\\d+ ms  HTTP 200 in ")
                .containsPattern("✔ API call /health/ +\\d+ ms  HTTP 200, status healthy")
                .containsPattern("✔ monitoring +\\d+ ms  3 periodic health checks passed, every 1s")
                .containsPattern("✔ stop +\\d+ ms  exit code ")
                .containsPattern("✔ final status +\\d+ ms  state STOPPED, no process, pid \\d+ gone")
                .contains("Self-test passed.");
    }

    @Test
    void aBackendThatCannotStartFailsTheStartStepAndStillReportsTheFinalStatus() throws Exception {
        Backends.testServerConfig(dir, "", "--fail-at-start", "RuntimeError: cannot open the database");
        CliProcess selftest = CliProcess.run(dir, home, LIMIT, "selftest", "--json");
        assertThat(selftest.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(selftest.stdoutLines()).hasSize(3);
        assertThat(selftest.stdoutLines().get(0)).startsWith("{\"step\":\"initial status\",\"ok\":true");
        assertThat(selftest.stdoutLines().get(1)).startsWith("{\"step\":\"start\",\"ok\":false")
                .contains("RuntimeError: cannot open the database");
        assertThat(selftest.stdoutLines().get(2)).startsWith("{\"step\":\"final status\",\"ok\":true");
    }
}
