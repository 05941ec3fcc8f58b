package io.sideeye.service;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a {@code ServiceBuilder} collects, one field per {@code ServiceConfig} component
 * and of the same name, with the defaults the builder documents. Not validated: that is
 * the configuration's ({@code ServiceConfig.from}), which turns them into one; it also gives its
 * own values back ({@code ServiceConfig.values()}) to derive a changed copy.
 */
final class ConfigValues {
    /** The name of a service nobody named. */
    static final String DEFAULT_NAME = "web";

    int port = 8000;
    String host = "localhost";
    boolean allowRemoteHost;
    boolean dev;
    int maxRestartAttempts = 3;
    Duration restartDelay = Duration.ofSeconds(2);
    Duration maxRestartDelay = Duration.ofSeconds(30);
    Duration restartResetAfter = Duration.ofSeconds(60);
    Duration healthCheckInterval = Duration.ofSeconds(10);
    Duration healthCheckTimeout = Duration.ofSeconds(5);
    int unhealthyThreshold = 3;
    Duration startupTimeout = Duration.ofSeconds(30);
    Duration shutdownTimeout = Duration.ofSeconds(10);
    Duration apiTimeout = Duration.ofSeconds(10);
    Path projectDir = Path.of(".");
    String python;
    ServerKind server = ServerKind.AUTO;
    String settingsModule;
    String wsgiApplication;
    List<String> command = List.of();
    Map<String, String> environment = new LinkedHashMap<>();
    String healthPath = "/api/health/";
    String apiBasePath = "/api";
    int logBufferLines = 1000;
    long maxResponseBytes = 16L * 1024 * 1024;
    Path runtimeDir = defaultRuntimeDir();
    String name = DEFAULT_NAME;
    HealthMode healthMode = HealthMode.HTTP;
    URI external;
    String apiToken;
    List<Integer> healthStatus = List.of();
    String healthBodyContains;
    Path logFile;
    long logMaxSize = 10L * 1024 * 1024;
    int logMaxFiles = 5;
    boolean zeroDowntimeRestart = true;

    /** The defaults. */
    ConfigValues() {
    }


    private static Path defaultRuntimeDir() {
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "sideeye");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "sideeye", "run");
    }
}
