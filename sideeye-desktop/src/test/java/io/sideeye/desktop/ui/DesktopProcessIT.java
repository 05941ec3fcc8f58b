package io.sideeye.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.desktop.DesktopMain;
import io.sideeye.testsupport.Liveness;
import io.sideeye.testsupport.OutputLines;
import io.sideeye.testsupport.Ports;
import io.sideeye.testsupport.ReferenceBackend;
import io.sideeye.testsupport.RequiresReferenceBackend;
import io.sideeye.testsupport.Signals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app as its own process, launched like a user would ({@code java ... DesktopMain --project
 * backend --port auto}, headless), terminated by signals: SIGTERM stops the backend gracefully
 * and exits 0; a second SIGTERM while the backend hangs forces. No backend survives either.
 */
@RequiresReferenceBackend
class DesktopProcessIT {
    private static final Pattern RUNNING = Pattern.compile("Backend running at http://127\\.0\\.0\\.1:(\\d+) \\(pid (\\d+)\\)");

    private OutputLines output;
    private Process app;
    private long backendPid;
    private int backendPort;

    @TempDir
    Path dataDir;
    @TempDir
    Path runtimeDir;

    @AfterEach
    void cleanUp() throws Exception {
        if (app != null && app.isAlive()) {
            app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (backendPid != 0 && Liveness.running(backendPid)) {
            Signals.send(backendPid, "KILL");
        }
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "-Dheadless.geometry=1440x900-32",
                DesktopMain.class.getName(), "--project", ReferenceBackend.PROJECT.toString(), "--port", "auto"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SIDEEYE_DATA_DIR", dataDir.toString());
        builder.environment().put("XDG_RUNTIME_DIR", runtimeDir.toString());
        app = builder.start();
        output = OutputLines.read(app.getInputStream(), "desktop-app-output");
        await().atMost(Duration.ofSeconds(120)).until(() -> output.find(RUNNING).isPresent() || !app.isAlive());
        assertThat(app.isAlive()).as(() -> "the app is running; its output:\n" + output.text()).isTrue();
        Matcher m = output.find(RUNNING).orElseThrow();
        backendPort = Integer.parseInt(m.group(1));
        backendPid = Long.parseLong(m.group(2));
        assertThat(Liveness.running(backendPid)).isTrue();
        assertThat(app.descendants().map(ProcessHandle::pid)).contains(backendPid);
    }

    private boolean printed(String text) {
        return output.contains(text);
    }

    @Test
    void sigtermStopsTheBackendGracefullyThenExits() throws Exception {
        launch();
        Signals.send(app.pid(), "TERM");
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).as(output::text).isTrue();
        assertThat(app.exitValue()).as(output::text).isZero();
        assertThat(printed("Quitting: stopping the backend")).isTrue();
        assertThat(printed("Backend stopped; exiting")).isTrue();
        assertThat(Liveness.running(backendPid)).isFalse();
        assertThat(Ports.isFree(backendPort)).isTrue();
    }

    @Test
    void aSecondSigtermForcesTheQuitWhenTheBackendHangs() throws Exception {
        launch();
        Signals.send(backendPid, "STOP"); // SIGTERM stays pending: the graceful stop cannot finish by itself
        Signals.send(app.pid(), "TERM");
        await().atMost(Duration.ofSeconds(30)).until(() -> printed("Quitting: stopping the backend"));
        Signals.send(app.pid(), "TERM");
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).as(output::text).isTrue();
        assertThat(printed("Quit forced: killed")).as(output::text).isTrue();
        assertThat(app.exitValue()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> !Liveness.running(backendPid));
    }

    @Test
    void badArgumentsExitWithUsageAndNoWindow() throws Exception {
        Process bad = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DesktopMain.class.getName(), "--port", "http")
                .redirectErrorStream(true).start();
        String text = new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bad.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).isEqualTo(2);
        assertThat(text).contains("sideeye-desktop: --port: 'http' is not a port; use 1 to 65535, or auto for a free port")
                .contains("Usage: sideeye-desktop");
    }
}
