package io.sideeye.e2e;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceBuilder;
import io.sideeye.testsupport.ReferenceBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** How these tests run the {@link ReferenceBackend}: on a free port, with quick restarts. */
final class Backend {
    private Backend() {
    }

    /** A manager for the real backend on a free port, storing its SQLite file in {@code dataDir}. */
    static ServiceBuilder builder(Path dataDir, Path runtimeDir) {
        return DjangoServiceManager.builder()
                .projectDir(ReferenceBackend.PROJECT)
                .port(0)
                .environment(Map.of("SIDEEYE_DATA_DIR", dataDir.toString()))
                .runtimeDir(runtimeDir)
                .startupTimeout(Duration.ofSeconds(60))
                .shutdownTimeout(Duration.ofSeconds(5))
                .restartDelay(Duration.ofMillis(100))
                .maxRestartDelay(Duration.ofSeconds(1));
    }
}
