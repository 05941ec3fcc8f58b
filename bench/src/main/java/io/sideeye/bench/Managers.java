package io.sideeye.bench;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Builders for managers of the measured commands, with benchmark-friendly settings. */
final class Managers {
    private Managers() {}

    /** A builder for {@code argv} in {@code dir}: 1 s health interval, immediate restarts. */
    static ServiceBuilder of(List<String> argv, Path dir, int port) {
        return DjangoServiceManager.builder()
                .command(argv)
                .projectDir(dir)
                .port(port)
                .host("127.0.0.1")
                .healthCheckInterval(Duration.ofSeconds(1))
                .healthCheckTimeout(Duration.ofSeconds(2))
                .startupTimeout(Duration.ofSeconds(30))
                .shutdownTimeout(Duration.ofSeconds(5))
                .restartDelay(Duration.ZERO)
                .maxRestartDelay(Duration.ZERO)
                .maxRestartAttempts(1_000_000)
                .runtimeDir(null);
    }

}
