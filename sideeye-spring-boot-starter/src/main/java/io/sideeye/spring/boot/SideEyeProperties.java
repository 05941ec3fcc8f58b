package io.sideeye.spring.boot;

import io.sideeye.service.HealthMode;
import io.sideeye.service.ServerKind;
import io.sideeye.service.ServiceBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code sideeye.*} properties: each one sets the {@link ServiceBuilder} setting of the same
 * name (see docs/CONFIG.md for what it does), and its default is the library's. Durations take
 * Spring's forms ({@code 2s}, {@code 500ms}, {@code PT2S}); sizes {@code 16MB}; folders are file
 * paths relative to the working directory.
 */
@ConfigurationProperties(prefix = "sideeye")
public class SideEyeProperties {

    /** Whether the backend is auto-configured at all. */
    private boolean enabled = true;

    /** Name of the service in events, meters and health details. */
    private String name = "web";

    /**
     * Folder of the Django project (where manage.py lives), relative to the working directory.
     * A file path, never a Spring resource (so {@code ../backend} works).
     */
    private String projectDir = ".";

    /** Port of the backend; 0 picks a free port at each start. */
    private int port = 8000;

    /** Host the backend binds and is reached at; loopback unless allow-remote-host is set. */
    private String host = "localhost";

    /** Allow a host that is not a loopback address. */
    private boolean allowRemoteHost;

    /** Development mode: the backend is run by someone else at host:port; nothing is spawned, only watched. */
    private boolean dev;

    /** URL of a backend that runs elsewhere (attach mode): watched and called, never started or restarted. */
    private String external;

    /** Bearer token for an external backend's health checks and API calls; never logged. */
    private String apiToken;

    /** Python interpreter; when unset, the project's .venv or venv, then python3 and python on PATH. */
    private String python;

    /** Server that runs the project when no command is given. */
    private ServerKind server = ServerKind.AUTO;

    /** Django settings module; when unset, read from manage.py. */
    private String settingsModule;

    /** WSGI application (module:attribute); when unset, derived from the settings' package. */
    private String wsgiApplication;

    /** Full argv of the backend instead of a server; {host}, {port} and {python} are expanded. */
    private List<String> command = new ArrayList<>();

    /** Extra environment variables of the backend. */
    private Map<String, String> environment = new LinkedHashMap<>();

    /** How health is judged: HTTP (the health endpoint answers healthy) or PROCESS (alive is healthy). */
    private HealthMode healthMode = HealthMode.HTTP;

    /** Path of the health endpoint. */
    private String healthPath = "/api/health/";

    /** Prefix of every API call's endpoint. */
    private String apiBasePath = "/api";

    /** Automatic restarts before the service is given up as FAILED. */
    private int maxRestartAttempts = 3;

    /** First backoff delay; it doubles with each attempt. */
    private Duration restartDelay = Duration.ofSeconds(2);

    /** Cap of the backoff delay. */
    private Duration maxRestartDelay = Duration.ofSeconds(30);

    /** Time in RUNNING after which the restart attempt count starts again from zero. */
    private Duration restartResetAfter = Duration.ofSeconds(60);

    /** Interval of the periodic health checks. */
    private Duration healthCheckInterval = Duration.ofSeconds(10);

    /** Timeout of one health check. */
    private Duration healthCheckTimeout = Duration.ofSeconds(5);

    /** Failed health checks in a row before the backend is restarted. */
    private int unhealthyThreshold = 3;

    /** Time the backend has to answer its health endpoint after it was spawned. */
    private Duration startupTimeout = Duration.ofSeconds(30);

    /** Time between SIGTERM and SIGKILL when stopping. */
    private Duration shutdownTimeout = Duration.ofSeconds(10);

    /** Timeout of one API call. */
    private Duration apiTimeout = Duration.ofSeconds(10);

    /** Output lines kept for recentLogs(). */
    private int logBufferLines = 1000;

    /** Largest API answer that is read. */
    private DataSize maxResponseBytes = DataSize.ofMegabytes(16);

    /** Folder of the runtime file that records the child (a file path); when unset, the library's default. */
    private String runtimeDir;

    /** When the backend starts and stops within the application context. */
    private final Lifecycle lifecycle = new Lifecycle();

    /** Sets every property on {@code builder} (unset optional ones are left alone) and returns it. */
    public ServiceBuilder applyTo(ServiceBuilder builder) {
        builder.name(name).projectDir(Path.of(projectDir)).port(port).host(host).allowRemoteHost(allowRemoteHost).dev(dev)
                .server(server).command(List.copyOf(command)).environment(Map.copyOf(environment))
                .healthMode(healthMode).healthPath(healthPath).apiBasePath(apiBasePath)
                .maxRestartAttempts(maxRestartAttempts).restartDelay(restartDelay).maxRestartDelay(maxRestartDelay)
                .restartResetAfter(restartResetAfter).healthCheckInterval(healthCheckInterval)
                .healthCheckTimeout(healthCheckTimeout).unhealthyThreshold(unhealthyThreshold)
                .startupTimeout(startupTimeout).shutdownTimeout(shutdownTimeout).apiTimeout(apiTimeout)
                .logBufferLines(logBufferLines).maxResponseBytes(maxResponseBytes.toBytes());
        if (external != null) {
            builder.external(external);
        }
        if (apiToken != null) {
            builder.apiToken(apiToken);
        }
        if (python != null) {
            builder.python(python);
        }
        if (settingsModule != null) {
            builder.settingsModule(settingsModule);
        }
        if (wsgiApplication != null) {
            builder.wsgiApplication(wsgiApplication);
        }
        if (runtimeDir != null) {
            builder.runtimeDir(Path.of(runtimeDir));
        }
        return builder;
    }

    /** {@code sideeye.lifecycle.*}: when the backend starts and stops. */
    public static class Lifecycle {
        /** Start the backend when the application context starts (before the web server). */
        private boolean autoStartup = true;

        /**
         * SmartLifecycle phase: lower starts earlier and stops later. The default starts before the
         * web server (and stops after it and its graceful shutdown).
         */
        private int phase = SideEyeLifecycle.DEFAULT_PHASE;

        /** Fail the application's start when the backend does not start; when false it starts anyway and health says DOWN. */
        private boolean failOnStartError = true;

        /** The value of {@code sideeye.lifecycle.auto-startup}. */
        public boolean isAutoStartup() { return autoStartup; }
        /** Sets {@code sideeye.lifecycle.auto-startup}. */
        public void setAutoStartup(boolean autoStartup) { this.autoStartup = autoStartup; }
        /** The value of {@code sideeye.lifecycle.phase}. */
        public int getPhase() { return phase; }
        /** Sets {@code sideeye.lifecycle.phase}. */
        public void setPhase(int phase) { this.phase = phase; }
        /** The value of {@code sideeye.lifecycle.fail-on-start-error}. */
        public boolean isFailOnStartError() { return failOnStartError; }
        /** Sets {@code sideeye.lifecycle.fail-on-start-error}. */
        public void setFailOnStartError(boolean failOnStartError) { this.failOnStartError = failOnStartError; }
    }

    // JavaBean accessors, for the binder and the configuration processor (which reads the fields' comments)

    /** The value of {@code sideeye.enabled}. */
    public boolean isEnabled() { return enabled; }
    /** Sets {@code sideeye.enabled}. */
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    /** The value of {@code sideeye.name}. */
    public String getName() { return name; }
    /** Sets {@code sideeye.name}. */
    public void setName(String name) { this.name = name; }
    /** The value of {@code sideeye.project-dir}. */
    public String getProjectDir() { return projectDir; }
    /** Sets {@code sideeye.project-dir}. */
    public void setProjectDir(String projectDir) { this.projectDir = projectDir; }
    /** The value of {@code sideeye.port}. */
    public int getPort() { return port; }
    /** Sets {@code sideeye.port}. */
    public void setPort(int port) { this.port = port; }
    /** The value of {@code sideeye.host}. */
    public String getHost() { return host; }
    /** Sets {@code sideeye.host}. */
    public void setHost(String host) { this.host = host; }
    /** The value of {@code sideeye.allow-remote-host}. */
    public boolean isAllowRemoteHost() { return allowRemoteHost; }
    /** Sets {@code sideeye.allow-remote-host}. */
    public void setAllowRemoteHost(boolean allowRemoteHost) { this.allowRemoteHost = allowRemoteHost; }
    /** The value of {@code sideeye.dev}. */
    public boolean isDev() { return dev; }
    /** Sets {@code sideeye.dev}. */
    public void setDev(boolean dev) { this.dev = dev; }
    /** The value of {@code sideeye.external}. */
    public String getExternal() { return external; }
    /** Sets {@code sideeye.external}. */
    public void setExternal(String external) { this.external = external; }
    /** The value of {@code sideeye.api-token}. */
    public String getApiToken() { return apiToken; }
    /** Sets {@code sideeye.api-token}. */
    public void setApiToken(String apiToken) { this.apiToken = apiToken; }
    /** The value of {@code sideeye.python}. */
    public String getPython() { return python; }
    /** Sets {@code sideeye.python}. */
    public void setPython(String python) { this.python = python; }
    /** The value of {@code sideeye.server}. */
    public ServerKind getServer() { return server; }
    /** Sets {@code sideeye.server}. */
    public void setServer(ServerKind server) { this.server = server; }
    /** The value of {@code sideeye.settings-module}. */
    public String getSettingsModule() { return settingsModule; }
    /** Sets {@code sideeye.settings-module}. */
    public void setSettingsModule(String settingsModule) { this.settingsModule = settingsModule; }
    /** The value of {@code sideeye.wsgi-application}. */
    public String getWsgiApplication() { return wsgiApplication; }
    /** Sets {@code sideeye.wsgi-application}. */
    public void setWsgiApplication(String wsgiApplication) { this.wsgiApplication = wsgiApplication; }
    /** The value of {@code sideeye.command}. */
    public List<String> getCommand() { return command; }
    /** Sets {@code sideeye.command}. */
    public void setCommand(List<String> command) { this.command = command; }
    /** The value of {@code sideeye.environment}. */
    public Map<String, String> getEnvironment() { return environment; }
    /** Sets {@code sideeye.environment}. */
    public void setEnvironment(Map<String, String> environment) { this.environment = environment; }
    /** The value of {@code sideeye.health-mode}. */
    public HealthMode getHealthMode() { return healthMode; }
    /** Sets {@code sideeye.health-mode}. */
    public void setHealthMode(HealthMode healthMode) { this.healthMode = healthMode; }
    /** The value of {@code sideeye.health-path}. */
    public String getHealthPath() { return healthPath; }
    /** Sets {@code sideeye.health-path}. */
    public void setHealthPath(String healthPath) { this.healthPath = healthPath; }
    /** The value of {@code sideeye.api-base-path}. */
    public String getApiBasePath() { return apiBasePath; }
    /** Sets {@code sideeye.api-base-path}. */
    public void setApiBasePath(String apiBasePath) { this.apiBasePath = apiBasePath; }
    /** The value of {@code sideeye.max-restart-attempts}. */
    public int getMaxRestartAttempts() { return maxRestartAttempts; }
    /** Sets {@code sideeye.max-restart-attempts}. */
    public void setMaxRestartAttempts(int maxRestartAttempts) { this.maxRestartAttempts = maxRestartAttempts; }
    /** The value of {@code sideeye.restart-delay}. */
    public Duration getRestartDelay() { return restartDelay; }
    /** Sets {@code sideeye.restart-delay}. */
    public void setRestartDelay(Duration restartDelay) { this.restartDelay = restartDelay; }
    /** The value of {@code sideeye.max-restart-delay}. */
    public Duration getMaxRestartDelay() { return maxRestartDelay; }
    /** Sets {@code sideeye.max-restart-delay}. */
    public void setMaxRestartDelay(Duration maxRestartDelay) { this.maxRestartDelay = maxRestartDelay; }
    /** The value of {@code sideeye.restart-reset-after}. */
    public Duration getRestartResetAfter() { return restartResetAfter; }
    /** Sets {@code sideeye.restart-reset-after}. */
    public void setRestartResetAfter(Duration restartResetAfter) { this.restartResetAfter = restartResetAfter; }
    /** The value of {@code sideeye.health-check-interval}. */
    public Duration getHealthCheckInterval() { return healthCheckInterval; }
    /** Sets {@code sideeye.health-check-interval}. */
    public void setHealthCheckInterval(Duration healthCheckInterval) { this.healthCheckInterval = healthCheckInterval; }
    /** The value of {@code sideeye.health-check-timeout}. */
    public Duration getHealthCheckTimeout() { return healthCheckTimeout; }
    /** Sets {@code sideeye.health-check-timeout}. */
    public void setHealthCheckTimeout(Duration healthCheckTimeout) { this.healthCheckTimeout = healthCheckTimeout; }
    /** The value of {@code sideeye.unhealthy-threshold}. */
    public int getUnhealthyThreshold() { return unhealthyThreshold; }
    /** Sets {@code sideeye.unhealthy-threshold}. */
    public void setUnhealthyThreshold(int unhealthyThreshold) { this.unhealthyThreshold = unhealthyThreshold; }
    /** The value of {@code sideeye.startup-timeout}. */
    public Duration getStartupTimeout() { return startupTimeout; }
    /** Sets {@code sideeye.startup-timeout}. */
    public void setStartupTimeout(Duration startupTimeout) { this.startupTimeout = startupTimeout; }
    /** The value of {@code sideeye.shutdown-timeout}. */
    public Duration getShutdownTimeout() { return shutdownTimeout; }
    /** Sets {@code sideeye.shutdown-timeout}. */
    public void setShutdownTimeout(Duration shutdownTimeout) { this.shutdownTimeout = shutdownTimeout; }
    /** The value of {@code sideeye.api-timeout}. */
    public Duration getApiTimeout() { return apiTimeout; }
    /** Sets {@code sideeye.api-timeout}. */
    public void setApiTimeout(Duration apiTimeout) { this.apiTimeout = apiTimeout; }
    /** The value of {@code sideeye.log-buffer-lines}. */
    public int getLogBufferLines() { return logBufferLines; }
    /** Sets {@code sideeye.log-buffer-lines}. */
    public void setLogBufferLines(int logBufferLines) { this.logBufferLines = logBufferLines; }
    /** The value of {@code sideeye.max-response-bytes}. */
    public DataSize getMaxResponseBytes() { return maxResponseBytes; }
    /** Sets {@code sideeye.max-response-bytes}. */
    public void setMaxResponseBytes(DataSize maxResponseBytes) { this.maxResponseBytes = maxResponseBytes; }
    /** The value of {@code sideeye.runtime-dir}. */
    public String getRuntimeDir() { return runtimeDir; }
    /** Sets {@code sideeye.runtime-dir}. */
    public void setRuntimeDir(String runtimeDir) { this.runtimeDir = runtimeDir; }
    /** The value of {@code sideeye.lifecycle.*}. */
    public Lifecycle getLifecycle() { return lifecycle; }
}
