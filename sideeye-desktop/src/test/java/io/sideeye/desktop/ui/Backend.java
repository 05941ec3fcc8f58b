package io.sideeye.desktop.ui;

import io.sideeye.desktop.config.ArgumentConfigSource;
import io.sideeye.desktop.config.DesktopArguments;
import io.sideeye.service.ServiceBuilder;
import io.sideeye.testsupport.ReferenceBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** How these tests run the {@link ReferenceBackend}: as the app configures it from its arguments. */
final class Backend {
    private Backend() {
    }

    /**
     * The configuration the app builds from {@code --project <backend> --port auto}, with the
     * database in {@code dataDir} and the runtime record in {@code runtimeDir}.
     */
    static ServiceBuilder desktopConfig(Path dataDir, Path runtimeDir) {
        DesktopArguments args = DesktopArguments.parse(List.of("--project", ReferenceBackend.PROJECT.toString(), "--port", "auto"));
        return new ArgumentConfigSource(args).builder()
                .environment(Map.of("SIDEEYE_DATA_DIR", dataDir.toString()))
                .runtimeDir(runtimeDir)
                .startupTimeout(Duration.ofSeconds(60))
                .shutdownTimeout(Duration.ofSeconds(10));
    }
}
