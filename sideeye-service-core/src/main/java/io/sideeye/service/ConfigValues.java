package io.sideeye.service;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a {@link ServiceBuilder} collects, one field per {@link ServiceConfig} component
 * and of the same name, with the defaults the builder documents. Not validated: that is
 * {@link ServiceConfig#from(ConfigValues, URI)}'s, which turns them into a configuration.
 */
final class ConfigValues {
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
    String name = ServiceConfig.DEFAULT_NAME;
    HealthMode healthMode = HealthMode.HTTP;
    URI external;
    String apiToken;
    List<Integer> healthStatus = List.of();
    String healthBodyContains;
    Path logFile;
    long logMaxSize = 10L * 1024 * 1024;
    int logMaxFiles = 5;

    /** The defaults. */
    ConfigValues() {
    }

    /** The values of {@code c}, to derive a changed copy. */
    ConfigValues(ServiceConfig c) {
        port = c.port();
        host = c.host();
        allowRemoteHost = c.allowRemoteHost();
        dev = c.dev();
        maxRestartAttempts = c.maxRestartAttempts();
        restartDelay = c.restartDelay();
        maxRestartDelay = c.maxRestartDelay();
        restartResetAfter = c.restartResetAfter();
        healthCheckInterval = c.healthCheckInterval();
        healthCheckTimeout = c.healthCheckTimeout();
        unhealthyThreshold = c.unhealthyThreshold();
        startupTimeout = c.startupTimeout();
        shutdownTimeout = c.shutdownTimeout();
        apiTimeout = c.apiTimeout();
        projectDir = c.projectDir();
        python = c.python();
        server = c.server();
        settingsModule = c.settingsModule();
        wsgiApplication = c.wsgiApplication();
        command = c.command();
        environment = new LinkedHashMap<>(c.environment());
        healthPath = c.healthPath();
        apiBasePath = c.apiBasePath();
        logBufferLines = c.logBufferLines();
        maxResponseBytes = c.maxResponseBytes();
        runtimeDir = c.runtimeDir();
        name = c.name();
        healthMode = c.healthMode();
        healthStatus = c.healthStatus();
        healthBodyContains = c.healthBodyContains();
        external = c.external();
        apiToken = c.apiToken();
        logFile = c.logFile();
        logMaxSize = c.logMaxSize();
        logMaxFiles = c.logMaxFiles();
    }

    private static Path defaultRuntimeDir() {
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "sideeye");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "sideeye", "run");
    }
}
