package io.sideeye.control.testkit;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceBuilder;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The stdlib stand-in backend of the test resources, run by Debian's interpreter. */
public final class MiniServer {
    private MiniServer() {
    }

    /** A manager builder that runs the stand-in backend on a free port, with quick restarts. */
    public static ServiceBuilder manager(Path runtimeDir) {
        return DjangoServiceManager.builder()
                .command(List.of("/usr/bin/python3", script().toString(), "--host", "{host}", "--port", "{port}"))
                .port(0)
                .runtimeDir(runtimeDir)
                .startupTimeout(Duration.ofSeconds(20))
                .shutdownTimeout(Duration.ofSeconds(5))
                .restartDelay(Duration.ofMillis(100))
                .maxRestartDelay(Duration.ofMillis(400));
    }

    private static Path script() {
        URL url = MiniServer.class.getResource("/miniserver/miniserver.py");
        if (url == null) {
            throw new IllegalStateException("miniserver/miniserver.py is missing from the test resources");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
