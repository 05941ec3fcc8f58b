package io.sideeye.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.desktop.DesktopMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app as its own process, launched like a user would ({@code java ... DesktopMain --project
 * backend --port auto}, headless), terminated by signals: SIGTERM stops the backend gracefully
 * and exits 0; a second SIGTERM while the backend hangs forces. No backend survives either.
 */
class DesktopProcessIT {
    private static final Pattern RUNNING = Pattern.compile("Backend running at http://127\\.0\\.0\\.1:(\\d+) \\(pid (\\d+)\\)");

    private final List<String> output = new CopyOnWriteArrayList<>();
    private Process app;
    private long backendPid;
    private int backendPort;

    @TempDir
    Path dataDir;
    @TempDir
    Path runtimeDir;

    @BeforeAll
    static void backendIsSetUp() {
        Backend.requireSetUp();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (app != null && app.isAlive()) {
            app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (backendPid != 0 && Backend.alive(backendPid)) {
            Backend.signal(backendPid, "KILL");
        }
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "-Dheadless.geometry=1440x900-32",
                DesktopMain.class.getName(), "--project", Backend.PROJECT.toString(), "--port", "auto"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SIDEEYE_DATA_DIR", dataDir.toString());
        builder.environment().put("XDG_RUNTIME_DIR", runtimeDir.toString());
        app = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output closed: " + e.getMessage() + ")");
            }
        }, "desktop-app-output");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(120)).until(() -> output.stream().anyMatch(l -> RUNNING.matcher(l).find())
                || !app.isAlive());
        assertThat(app.isAlive()).as(() -> "the app is running; its output:\n" + String.join("\n", output)).isTrue();
        Matcher m = output.stream().map(RUNNING::matcher).filter(Matcher::find).findFirst().orElseThrow();
        backendPort = Integer.parseInt(m.group(1));
        backendPid = Long.parseLong(m.group(2));
        assertThat(Backend.alive(backendPid)).isTrue();
        assertThat(app.descendants().map(ProcessHandle::pid)).contains(backendPid);
    }

    private boolean printed(String text) {
        return output.stream().anyMatch(l -> l.contains(text));
    }

    @Test
    void sigtermStopsTheBackendGracefullyThenExits() throws Exception {
        launch();
        Backend.signal(app.pid(), "TERM");
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).as(() -> String.join("\n", output)).isTrue();
        assertThat(app.exitValue()).as(() -> String.join("\n", output)).isZero();
        assertThat(printed("Quitting: stopping the backend")).isTrue();
        assertThat(printed("Backend stopped; exiting")).isTrue();
        assertThat(Backend.alive(backendPid)).isFalse();
        assertThat(Backend.portIsFree(backendPort)).isTrue();
    }

    @Test
    void aSecondSigtermForcesTheQuitWhenTheBackendHangs() throws Exception {
        launch();
        Backend.signal(backendPid, "STOP"); // SIGTERM stays pending: the graceful stop cannot finish by itself
        Backend.signal(app.pid(), "TERM");
        await().atMost(Duration.ofSeconds(30)).until(() -> printed("Quitting: stopping the backend"));
        Backend.signal(app.pid(), "TERM");
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).as(() -> String.join("\n", output)).isTrue();
        assertThat(printed("Quit forced: killed")).as(() -> String.join("\n", output)).isTrue();
        assertThat(app.exitValue()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> !Backend.alive(backendPid));
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
