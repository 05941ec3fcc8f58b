package io.sideeye.desktop.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sideeye.testsupport.Liveness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb installed for real with apt (as root, as CI runs), used, and removed while the app
 * runs: the removal stops the app and its backend, and leaves nothing under /opt/sideeye-desktop.
 */
class AptInstallIT {
    private static final Path INSTALLED = Path.of("/opt/sideeye-desktop");
    private static final String APT_LOCK = "/tmp/apt.lock";

    @TempDir
    Path home;

    @Test
    void installsWithAptRunsAndLeavesNothingBehindAfterRemoval() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "installing a .deb needs root (CI runs as root)");
        Path deb = PackagedAppIT.deb();
        try {
            Commands.ok(List.of("flock", APT_LOCK, "apt-get", "install", "-y", "-q", deb.toString()), 600);
            assertThat(Commands.ok(List.of("dpkg-query", "-W", "-f", "${Status} ${Version}", "sideeye-desktop"), 30))
                    .isEqualTo("install ok installed 0.1.0-1");
            Path launcher = INSTALLED.resolve("bin/sideeye-desktop");
            assertThat(launcher).isExecutable();
            assertThat(Path.of("/usr/share/applications/sideeye-desktop.desktop")).exists();

            PackagedApp check = PackagedApp.start(PackagedApp.command(launcher, home, Map.of(), "--check"));
            assertThat(check.waitFor(Duration.ofSeconds(180))).as(check::text).isZero();

            try (Xvfb x = Xvfb.start(Files.createDirectories(home.resolve("x")));
                 PackagedApp app = PackagedApp.start(PackagedApp.command(launcher, home, Map.of("DISPLAY", x.display())))) {
                long backend = app.awaitBackend();
                String removal = Commands.ok(List.of("flock", APT_LOCK, "apt-get", "remove", "-y", "-q", "sideeye-desktop"), 600);
                assertThat(removal).contains("Stopping the running SideEye desktop app");
                await().atMost(Duration.ofSeconds(30)).until(() -> !app.process.isAlive() && !Liveness.running(backend));
                assertThat(app.printed("Backend stopped; exiting")).as(app::text).isTrue();
            }
            assertThat(INSTALLED).doesNotExist();
            assertThat(Path.of("/usr/share/applications/sideeye-desktop.desktop")).doesNotExist();
            Commands.ok(List.of("flock", APT_LOCK, "apt-get", "purge", "-y", "-q", "sideeye-desktop"), 600);
            assertThat(Commands.run(List.of("dpkg-query", "-W", "-f", "${Status}", "sideeye-desktop"), 30).output())
                    .doesNotContain("installed");
        } finally {
            Commands.run(List.of("flock", APT_LOCK, "apt-get", "purge", "-y", "-q", "sideeye-desktop"), 600);
        }
    }
}
