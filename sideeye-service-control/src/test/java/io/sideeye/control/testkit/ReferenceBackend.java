package io.sideeye.control.testkit;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The repository's reference Django backend ({@code backend/}) with the interpreter {@code scripts/setup-python} made. */
public final class ReferenceBackend {
    /** The repository root (tests run in the module directory). */
    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** The Django project. */
    public static final Path PROJECT = ROOT.resolve("backend");
    /** The interpreter with Django. */
    public static final Path PYTHON = PROJECT.resolve(".venv/bin/python");

    private ReferenceBackend() {
    }

    /**
     * A manager builder for the reference backend on a free port, keeping its database in
     * {@code dataDir}, with quick automatic restarts.
     *
     * @throws IllegalStateException with the remedy when the interpreter was not set up
     */
    public static ServiceBuilder manager(Path dataDir, Path runtimeDir) {
        if (!Files.isExecutable(PYTHON)) {
            throw new IllegalStateException(PYTHON + " is missing: run scripts/setup-python first (./scripts/test does it)");
        }
        return DjangoServiceManager.builder()
                .projectDir(PROJECT)
                .python(PYTHON.toString())
                .port(0)
                .environment(Map.of("SIDEEYE_DATA_DIR", dataDir.toString()))
                .runtimeDir(runtimeDir)
                .healthCheckInterval(Duration.ofSeconds(1))
                .startupTimeout(Duration.ofSeconds(60))
                .shutdownTimeout(Duration.ofSeconds(5))
                .restartDelay(Duration.ofMillis(300))
                .maxRestartDelay(Duration.ofSeconds(2));
    }
}
