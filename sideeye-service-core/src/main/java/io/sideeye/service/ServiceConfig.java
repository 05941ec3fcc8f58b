package io.sideeye.service;

import java.net.URI;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import io.sideeye.service.time.DurationText;

/**
 * The immutable, validated configuration of one managed service. Made by
 * {@link DjangoServiceManager#builder()}, which documents every default; the canonical
 * constructor validates every value and throws {@link ServiceConfigException} naming the field.
 *
 * @param port                the port the backend listens on; 0 picks a free one at each start
 * @param host                the host it binds and is reached at; loopback unless {@code allowRemoteHost}
 * @param allowRemoteHost     permit a non-loopback {@code host}
 * @param dev                 development mode: the backend is managed externally at {@code http://host:port},
 *                            nothing is spawned (attach mode at that URL)
 * @param maxRestartAttempts  automatic restarts before giving up (state FAILED); 0 disables them
 * @param restartDelay        first backoff step; step n waits {@code restartDelay * 2^(n-1)}
 * @param maxRestartDelay     cap of the backoff delay
 * @param restartResetAfter   continuous RUNNING time after which the attempt counter resets
 * @param healthCheckInterval time between health checks while RUNNING
 * @param healthCheckTimeout  time one health check may take
 * @param unhealthyThreshold  consecutive failed checks that trigger a restart
 * @param startupTimeout      time from spawn to the first healthy answer
 * @param shutdownTimeout     time between SIGTERM and SIGKILL on stop
 * @param apiTimeout          time one API call may take
 * @param projectDir          the Django project directory (where {@code manage.py} lives)
 * @param python              the interpreter, or null to discover one
 * @param server              the server preset used when {@code command} is empty
 * @param settingsModule      DJANGO_SETTINGS_MODULE, or null to read it from {@code manage.py}
 * @param wsgiApplication     {@code module:attribute} of the WSGI app, or null to derive it from the settings' package
 * @param command             full argv overriding {@code server}; {@code {host}}, {@code {port}}, {@code {python}} expand; empty = none
 * @param environment         extra variables for the child
 * @param healthPath          path of the health endpoint
 * @param apiBasePath         prefix joined before every {@code apiCall} endpoint
 * @param logBufferLines      lines of output kept for {@link DjangoServiceManager#recentLogs()}
 * @param maxResponseBytes    largest API or health answer that is read
 * @param runtimeDir          where the record of the running child is kept (stale-backend cleanup), or null for none
 * @param name                the service's name ({@code web} by default), shown in thread names and log lines and
 *                            part of the runtime record's key; a replica carries {@code #<n>}, e.g. {@code worker#2}
 * @param healthMode          how health is judged: an HTTP health endpoint, or the process being alive
 * @param external            attach mode: the URL of a service run elsewhere (nothing is spawned), or null for a
 *                            managed child
 * @param apiToken            bearer token sent to an external service on health and API calls, or null; never printed
 * @param healthStatus        the status codes a healthy answer of {@code healthPath} has; empty (the default) judges
 *                            it by the sideeye health contract instead (see {@link HealthMode#HTTP})
 * @param healthBodyContains  text a healthy answer's body contains, or null for none; with it or {@code healthStatus}
 *                            any URL can be the health endpoint, and the instance identity is not checked
 * @param logFile             file the child's stdout and stderr lines are appended to, or null for none; {@code {name}}
 *                            in it becomes the instance's name ({@code #} written {@code -}, e.g. {@code worker-2})
 * @param logMaxSize          size in bytes at which {@code logFile} is rotated ({@code .1}, {@code .2}, ...)
 * @param logMaxFiles         rotated files kept besides {@code logFile}; 0 keeps none
 * @param zeroDowntimeRestart whether a restart starts the new backend beside the old one on a shared port before
 *                            stopping the old one, where the server can share its port (see
 *                            {@link ServiceBuilder#zeroDowntimeRestart(boolean)})
 */
public record ServiceConfig(
        int port,
        String host,
        boolean allowRemoteHost,
        boolean dev,
        int maxRestartAttempts,
        Duration restartDelay,
        Duration maxRestartDelay,
        Duration restartResetAfter,
        Duration healthCheckInterval,
        Duration healthCheckTimeout,
        int unhealthyThreshold,
        Duration startupTimeout,
        Duration shutdownTimeout,
        Duration apiTimeout,
        Path projectDir,
        String python,
        ServerKind server,
        String settingsModule,
        String wsgiApplication,
        List<String> command,
        Map<String, String> environment,
        String healthPath,
        String apiBasePath,
        int logBufferLines,
        long maxResponseBytes,
        Path runtimeDir,
        String name,
        HealthMode healthMode,
        URI external,
        String apiToken,
        List<Integer> healthStatus,
        String healthBodyContains,

        Path logFile,
        long logMaxSize,
        int logMaxFiles,
        boolean zeroDowntimeRestart) {
    /** The name of a service nobody named. */
    public static final String DEFAULT_NAME = ConfigValues.DEFAULT_NAME;

    /** Validates every value; see the class documentation. */
    public ServiceConfig {
        name = ServiceNames.requireInstanceName(name);
        healthMode = healthMode == null ? HealthMode.HTTP : healthMode;
        external = ExternalUrls.validate(external, dev, allowRemoteHost, healthMode);
        apiToken = ExternalUrls.validateToken(apiToken);
        if (port < 0 || port > 65535) {
            throw new ServiceConfigException("port",
                    "port: " + port + " is out of range; use 0 (pick a free port) to 65535");
        }
        if (host == null || host.isBlank()) {
            throw new ServiceConfigException("host", "host: must not be empty; use localhost or 127.0.0.1");
        }
        host = host.trim();
        if (!allowRemoteHost && !LoopbackHosts.isLoopback(host)) {
            String why = host.toLowerCase(java.util.Locale.ROOT).replaceAll("\\.$", "").endsWith(".localhost")
                    ? " (names under .localhost are looked up, and this one does not resolve to loopback addresses only)"
                    : "";
            throw new ServiceConfigException("host", "host: '" + host + "' is not a loopback address" + why
                    + "; the backend would be reachable from other machines. Use localhost, 127.0.0.1 or ::1, or set"
                    + " allowRemoteHost(true) if that is really intended");
        }
        if (dev && healthMode == HealthMode.PROCESS) {
            throw new ServiceConfigException("healthMode", "healthMode: process needs a process of ours to watch, but"
                    + " in dev mode the service runs elsewhere; use healthMode http");
        }
        if (isAttached(dev, external) && healthMode == HealthMode.TCP) {
            throw new ServiceConfigException("healthMode", "healthMode: tcp is for a backend this manager starts;"
                    + " for a service that runs elsewhere use healthMode http, with healthStatus or healthBodyContains"
                    + " if it does not serve the health contract");
        }
        healthStatus = HealthExpectations.statuses(healthStatus, healthMode);
        healthBodyContains = HealthExpectations.bodyText(healthBodyContains, healthMode);
        if (dev && port == 0) {
            throw new ServiceConfigException("port", "port: 0 (pick a free port) cannot be used with dev mode;"
                    + " set the port the externally managed backend listens on, e.g. 8000");
        }
        if (maxRestartAttempts < 0) {
            throw new ServiceConfigException("maxRestartAttempts", "maxRestartAttempts: " + maxRestartAttempts
                    + " is negative; use 0 (never restart automatically) or more");
        }
        if (unhealthyThreshold < 1) {
            throw new ServiceConfigException("unhealthyThreshold", "unhealthyThreshold: " + unhealthyThreshold
                    + " is out of range; use 1 or more consecutive failed checks");
        }
        requireDuration("restartDelay", restartDelay, true);
        requireDuration("maxRestartDelay", maxRestartDelay, true);
        requireDuration("restartResetAfter", restartResetAfter, true);
        requireDuration("healthCheckInterval", healthCheckInterval, false);
        requireDuration("healthCheckTimeout", healthCheckTimeout, false);
        requireDuration("startupTimeout", startupTimeout, false);
        requireDuration("shutdownTimeout", shutdownTimeout, true);
        requireDuration("apiTimeout", apiTimeout, false);
        if (maxRestartDelay.compareTo(restartDelay) < 0) {
            throw new ServiceConfigException("maxRestartDelay", "maxRestartDelay: " + DurationText.format(maxRestartDelay)
                    + " is shorter than restartDelay " + DurationText.format(restartDelay) + "; use at least " + DurationText.format(restartDelay));
        }
        Objects.requireNonNull(server, "server");
        command = command == null ? List.of() : List.copyOf(command);
        if (!command.isEmpty() && command.get(0).isBlank()) {
            throw new ServiceConfigException("command", "command: the first element must be the executable to run,"
                    + " got " + command + "; e.g. [\"/usr/bin/python3\", \"-m\", \"waitress\", \"--port={port}\", \"app:wsgi\"]");
        }
        if (wsgiApplication != null && wsgiApplication.strip().startsWith("-")) {
            throw new ServiceConfigException("wsgiApplication", "wsgiApplication: '" + wsgiApplication
                    + "' starts with '-', so the server would take it for an option; give the application as"
                    + " module:attribute, e.g. mysite.wsgi:application");
        }
        if (python != null && python.isBlank()) {
            python = null;
        }
        projectDir = projectDir == null ? Path.of(".") : projectDir;
        if (!isAttached(dev, external) && !Files.isDirectory(projectDir)) {
            throw new ServiceConfigException("projectDir", "projectDir: " + projectDir.toAbsolutePath().normalize()
                    + (Files.exists(projectDir) ? " is not a directory" : " does not exist")
                    + "; point it at the Django project folder that contains manage.py");
        }
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        for (String key : environment.keySet()) {
            if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0) {
                throw new ServiceConfigException("environment", "environment: '" + key
                        + "' is not a valid variable name; names must be non-empty without '=' or NUL");
            }
        }
        healthPath = requirePath("healthPath", healthPath, false);
        apiBasePath = requirePath("apiBasePath", apiBasePath, true);
        if (logBufferLines < 1) {
            throw new ServiceConfigException("logBufferLines", "logBufferLines: " + logBufferLines
                    + " is out of range; use 1 or more");
        }
        if (maxResponseBytes < 1) {
            throw new ServiceConfigException("maxResponseBytes", "maxResponseBytes: " + maxResponseBytes
                    + " is out of range; use 1 or more bytes");
        }
        if (logMaxSize < 1024) {
            throw new ServiceConfigException("logMaxSize", "logMaxSize: " + logMaxSize
                    + " is out of range; use 1024 bytes (1KiB) or more, e.g. 10MiB");
        }
        if (logMaxFiles < 0 || logMaxFiles > 1000) {
            throw new ServiceConfigException("logMaxFiles", "logMaxFiles: " + logMaxFiles
                    + " is out of range; use 0 (keep no rotated file) to 1000");
        }
    }

    /**
     * Whether health answers are judged by {@link #healthStatus()} and {@link #healthBodyContains()}
     * rather than by the sideeye health contract.
     */
    public boolean customHealth() {
        return healthMode == HealthMode.HTTP && (!healthStatus.isEmpty() || healthBodyContains != null);
    }

    /**
     * Whether every health answer must carry the instance id the manager gave the backend it
     * spawned, so that another server holding the port is never taken for it: true for a managed
     * child in {@link HealthMode#HTTP} with the health contract, false in every other mode.
     */
    public boolean identityChecked() {
        return !attached() && healthMode == HealthMode.HTTP && !customHealth();
    }

    /**
     * Whether nothing is spawned: development mode or an {@link #external()} URL.
     */
    public boolean attached() {
        return isAttached(dev, external);
    }

    /**
     * The base URL the service is reached at when it is {@linkplain #attached() attached}: the
     * {@link #external()} URL, or {@code http://host:port} in development mode; null for a managed child.
     */
    public URI externalUrl() {
        if (external != null) {
            return external;
        }
        return dev ? URI.create(ServiceUrls.baseUrl(this, port)) : null;
    }

    /** Shows every value except the API token, which is redacted. */
    @Override
    public String toString() {
        StringJoiner values = new StringJoiner(", ", "ServiceConfig[", "]");
        for (RecordComponent c : ServiceConfig.class.getRecordComponents()) {
            boolean secret = c.getName().equals("apiToken") && apiToken != null;
            values.add(c.getName() + "=" + (secret ? "<redacted>" : value(c)));
        }
        return values.toString();
    }

    /** The value of this configuration's component {@code c}. */
    Object value(RecordComponent c) {
        try {
            return c.getAccessor().invoke(this);
        } catch (IllegalAccessException | java.lang.reflect.InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of the configuration", e);
        }
    }

    private static boolean isAttached(boolean dev, URI external) {
        return dev || external != null;
    }

    /**
     * The configuration of {@code v}'s values, with {@code external} for its {@code external}
     * (the builder parses that one from text); validated by the canonical constructor. Every
     * argument is the value of the same name, in the order of the components above.
     */
    static ServiceConfig from(ConfigValues v, URI external) {
        return new ServiceConfig(
                v.port, v.host, v.allowRemoteHost, v.dev,
                v.maxRestartAttempts, v.restartDelay, v.maxRestartDelay, v.restartResetAfter,
                v.healthCheckInterval, v.healthCheckTimeout, v.unhealthyThreshold,
                v.startupTimeout, v.shutdownTimeout, v.apiTimeout,
                v.projectDir, v.python, Objects.requireNonNullElse(v.server, ServerKind.AUTO),
                v.settingsModule, v.wsgiApplication, v.command, v.environment,
                v.healthPath, v.apiBasePath,
                v.logBufferLines, v.maxResponseBytes, v.runtimeDir, v.name,
                v.healthMode, external, v.apiToken, v.healthStatus, v.healthBodyContains,
                v.logFile, v.logMaxSize, v.logMaxFiles,
                v.zeroDowntimeRestart);
    }

    /** This configuration's values, to derive a changed copy. */
    ConfigValues values() {
        ConfigValues v = new ConfigValues();
        v.port = port;
        v.host = host;
        v.allowRemoteHost = allowRemoteHost;
        v.dev = dev;
        v.maxRestartAttempts = maxRestartAttempts;
        v.restartDelay = restartDelay;
        v.maxRestartDelay = maxRestartDelay;
        v.restartResetAfter = restartResetAfter;
        v.healthCheckInterval = healthCheckInterval;
        v.healthCheckTimeout = healthCheckTimeout;
        v.unhealthyThreshold = unhealthyThreshold;
        v.startupTimeout = startupTimeout;
        v.shutdownTimeout = shutdownTimeout;
        v.apiTimeout = apiTimeout;
        v.projectDir = projectDir;
        v.python = python;
        v.server = server;
        v.settingsModule = settingsModule;
        v.wsgiApplication = wsgiApplication;
        v.command = command;
        v.environment = new LinkedHashMap<>(environment);
        v.healthPath = healthPath;
        v.apiBasePath = apiBasePath;
        v.logBufferLines = logBufferLines;
        v.maxResponseBytes = maxResponseBytes;
        v.runtimeDir = runtimeDir;
        v.name = name;
        v.healthMode = healthMode;
        v.healthStatus = healthStatus;
        v.healthBodyContains = healthBodyContains;
        v.external = external;
        v.apiToken = apiToken;
        v.logFile = logFile;
        v.logMaxSize = logMaxSize;
        v.logMaxFiles = logMaxFiles;
        v.zeroDowntimeRestart = zeroDowntimeRestart;
        return v;
    }

    /** A builder holding this configuration's values, to derive a changed copy. */
    public ServiceBuilder toBuilder() {
        return new ServiceBuilder(this);
    }

    /** The address the backend is probed at: {@code localhost} means 127.0.0.1 (never an IPv6 surprise). */
    public String connectHost() {
        return host.equalsIgnoreCase("localhost") ? "127.0.0.1" : host;
    }

    private static void requireDuration(String field, Duration value, boolean zeroAllowed) {
        if (value == null) {
            throw new ServiceConfigException(field, field + ": must be set; e.g. 2s or 500ms");
        }
        if (value.isNegative() || (!zeroAllowed && value.isZero()) || value.compareTo(DurationText.MAX) > 0) {
            throw new ServiceConfigException(field, field + ": " + DurationText.format(value) + " is out of range; use "
                    + (zeroAllowed ? "0 or a positive duration" : "a positive duration") + " such as 2s or 500ms,"
                    + " at most " + DurationText.MAX.toDays() + " days");
        }
    }

    private static String requirePath(String field, String value, boolean emptyAllowed) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty() && emptyAllowed) {
            return "";
        }
        if (!v.startsWith("/") || v.startsWith("//") || v.contains("..") || v.chars().anyMatch(c -> c < 0x21)) {
            throw new ServiceConfigException(field, field + ": '" + value + "' is not an absolute URL path;"
                    + " use a path such as /api/health/");
        }
        return v.endsWith("/") && emptyAllowed ? v.substring(0, v.length() - 1) : v;
    }
}
