package io.sideeye.junit5;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceBuilder;
import io.sideeye.testsupport.ReferenceBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** How these tests run the {@link ReferenceBackend}: on a free port, its files in a folder of its own. */
final class TestBackend {
    private TestBackend() {
    }

    /** A manager for the real backend on a free port, with its database and runtime files in a fresh folder under target/. */
    static ServiceBuilder builder() {
        ReferenceBackend.requireSetUp();
        Path dir = ReferenceBackend.newDataDir();
        return DjangoServiceManager.builder()
                .projectDir(ReferenceBackend.PROJECT)
                .python(ReferenceBackend.PYTHON.toString())
                .port(0)
                .environment(Map.of("SIDEEYE_DATA_DIR", dir.toString()))
                .runtimeDir(dir.resolve("run"))
                .startupTimeout(Duration.ofSeconds(60))
                .shutdownTimeout(Duration.ofSeconds(5));
    }
}
