package io.sideeye.junit5;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The bundled Django backend in {@code backend/}, run by the interpreter {@code scripts/setup-python} made. */
final class TestBackend {
    static final Path PROJECT = Path.of("..", "backend").toAbsolutePath().normalize();
    static final Path PYTHON = PROJECT.resolve(".venv/bin/python");

    private TestBackend() {
    }

    /** A manager for the real backend on a free port, with its database and runtime files in a fresh folder under target/. */
    static ServiceBuilder builder() {
        if (!Files.isExecutable(PYTHON)) {
            throw new IllegalStateException(PYTHON + " is missing: run scripts/setup-python first (./scripts/test does it)");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "backends")), "backend-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DjangoServiceManager.builder()
                .projectDir(PROJECT)
                .python(PYTHON.toString())
                .port(0)
                .environment(Map.of("SIDEEYE_DATA_DIR", dir.toAbsolutePath().toString()))
                .runtimeDir(dir.resolve("run").toAbsolutePath())
                .startupTimeout(Duration.ofSeconds(60))
                .shutdownTimeout(Duration.ofSeconds(5));
    }

    /** Whether a process with this id is still alive. */
    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
