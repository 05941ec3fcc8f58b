package io.sideeye.desktop.ui;

import static org.assertj.core.api.Assertions.fail;

import io.sideeye.desktop.config.ArgumentConfigSource;
import io.sideeye.desktop.config.DesktopArguments;
import io.sideeye.service.ServiceBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The bundled Django backend in {@code backend/}, with the interpreter {@code scripts/setup-python} made. */
final class Backend {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path PROJECT = ROOT.resolve("backend");
    static final Path VENV_PYTHON = PROJECT.resolve(".venv/bin/python");

    private Backend() {
    }

    /** Fails with the remedy when the interpreter has not been set up. */
    static void requireSetUp() {
        if (!Files.isExecutable(VENV_PYTHON)) {
            fail(VENV_PYTHON + " is missing: run scripts/setup-python first (./scripts/test does it)");
        }
    }

    /**
     * The configuration the app builds from {@code --project <backend> --port auto}, with the
     * database in {@code dataDir} and the runtime record in {@code runtimeDir}.
     */
    static ServiceBuilder desktopConfig(Path dataDir, Path runtimeDir) {
        DesktopArguments args = DesktopArguments.parse(List.of("--project", PROJECT.toString(), "--port", "auto"));
        return new ArgumentConfigSource(args).builder()
                .environment(Map.of("SIDEEYE_DATA_DIR", dataDir.toString()))
                .runtimeDir(runtimeDir)
                .startupTimeout(Duration.ofSeconds(60))
                .shutdownTimeout(Duration.ofSeconds(10));
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static boolean portIsFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends a signal by name to one pid through the system's {@code kill} program (argv, no shell). */
    static void signal(long pid, String signal) throws IOException, InterruptedException {
        int code = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        if (code != 0) {
            fail("kill -" + signal + " " + pid + " failed with " + code);
        }
    }
}
