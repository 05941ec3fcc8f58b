package io.sideeye.e2e;

import static org.assertj.core.api.Assertions.fail;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    /** A manager for the real backend on a free port, storing its SQLite file in {@code dataDir}. */
    static ServiceBuilder builder(Path dataDir, Path runtimeDir) {
        return DjangoServiceManager.builder()
                .projectDir(PROJECT)
                .port(0)
                .environment(Map.of("SIDEEYE_DATA_DIR", dataDir.toString()))
                .runtimeDir(runtimeDir)
                .startupTimeout(Duration.ofSeconds(60))
                .shutdownTimeout(Duration.ofSeconds(5))
                .restartDelay(Duration.ofMillis(100))
                .maxRestartDelay(Duration.ofSeconds(1));
    }

    /** Processes whose command line names {@code 127.0.0.1:<port>} or {@code --port <port>}: our servers. */
    static java.util.List<ProcessHandle> serversOnPort(int port) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains("127.0.0.1:" + port) || c.contains("--port " + port)).orElse(false)).toList();
    }

    /** Sends a signal by name to one pid through the system's {@code kill} program (argv, no shell). */
    static void signal(long pid, String signal) throws Exception {
        int code = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        if (code != 0) {
            fail("kill -" + signal + " " + pid + " failed with " + code);
        }
    }
}
