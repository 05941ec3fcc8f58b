package io.sideeye.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.cli.ExitCodes;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sideeye run} as a new user tries it, in a project made by Django's {@code startproject}
 * that has no health app: the run ends within seconds, with the remedy, not after
 * {@code startupTimeout}, and the backend logged only a handful of "Not Found" lines.
 */
class StartprojectRunIT {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;
    @TempDir
    Path home;

    @Test
    void runInAProjectWithoutTheHealthAppEndsFastWithTheRemedy() throws Exception {
        Process p = new ProcessBuilder(PYTHON, "-m", "django", "startproject", "mysite", dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();

        long t0 = System.nanoTime();
        try (CliProcess run = CliProcess.start(dir, home, "run", "--project", ".", "--python", PYTHON,
                "--set", "port=auto")) {
            assertThat(run.awaitExit(Duration.ofSeconds(60))).isEqualTo(ExitCodes.FAILED);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("well under the 30 s startupTimeout")
                    .isLessThan(Duration.ofSeconds(20));
            assertThat(run.stdout()).contains("HTTP 404: no URL of the backend matches this path",
                    "'sideeye_health' in INSTALLED_APPS", "health: tcp", "docs/TROUBLESHOOTING.md#");
            assertThat(run.stdout().lines().filter(l -> l.matches(".*stderr +Not Found: /api/health/")).count())
                    .as(run.stdout()).isBetween(1L, 5L);
            assertThat(run.stderr()).contains("sideeye: the backend did not start");
        }
    }
}
