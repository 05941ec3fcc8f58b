package io.sideeye.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link ServiceConfig} and the {@link DjangoServiceManager} that runs it. Every
 * setter documents its default; {@link #build()} validates all values at once and throws
 * {@link ServiceConfigException} naming the first bad field, its value and what is allowed.
 */
public final class ServiceBuilder {
    private int port = 8000;
    private String host = "localhost";
    private boolean allowRemoteHost;
    private boolean dev;
    private int maxRestartAttempts = 3;
    private Duration restartDelay = Duration.ofSeconds(2);
    private Duration maxRestartDelay = Duration.ofSeconds(30);
    private Duration restartResetAfter = Duration.ofSeconds(60);
    private Duration healthCheckInterval = Duration.ofSeconds(10);
    private Duration healthCheckTimeout = Duration.ofSeconds(5);
    private int unhealthyThreshold = 3;
    private Duration startupTimeout = Duration.ofSeconds(30);
    private Duration shutdownTimeout = Duration.ofSeconds(10);
    private Duration apiTimeout = Duration.ofSeconds(10);
    private Path projectDir = Path.of(".");
    private String python;
    private ServerKind server = ServerKind.AUTO;
    private String settingsModule;
    private String wsgiApplication;
    private List<String> command = List.of();
    private Map<String, String> environment = new LinkedHashMap<>();
    private String healthPath = "/api/health/";
    private String apiBasePath = "/api";
    private int logBufferLines = 1000;
    private long maxResponseBytes = 16L * 1024 * 1024;
    private Path runtimeDir = defaultRuntimeDir();
    private String name = ServiceConfig.DEFAULT_NAME;
    private HealthMode healthMode = HealthMode.HTTP;
    private URI external;
    private String externalText;
    private String apiToken;
    private List<Integer> healthStatus = List.of();
    private String healthBodyContains;
    private Path logFile;
    private long logMaxSize = 10L * 1024 * 1024;
    private int logMaxFiles = 5;
    private boolean zeroDowntimeRestart = true;

    ServiceBuilder() {
    }

    ServiceBuilder(ServiceConfig c) {
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
        zeroDowntimeRestart = c.zeroDowntimeRestart();
    }

    /** Port of the backend; default 8000; 0 picks a free port at each start (automatic port detection). */
    public ServiceBuilder port(int port) { this.port = port; return this; }

    /** Host the backend binds and is reached at; default {@code localhost} (probed as 127.0.0.1). */
    public ServiceBuilder host(String host) { this.host = host; return this; }

    /** Permit a non-loopback {@link #host(String)}; default false. */
    public ServiceBuilder allowRemoteHost(boolean allow) { this.allowRemoteHost = allow; return this; }

    /** Development mode (the seed's {@code isDev}): the backend is run externally; default false. */
    public ServiceBuilder dev(boolean dev) { this.dev = dev; return this; }

    /** Automatic restarts before the state becomes FAILED; default 3; 0 disables automatic restarts. */
    public ServiceBuilder maxRestartAttempts(int attempts) { this.maxRestartAttempts = attempts; return this; }

    /** First backoff step; default 2 s. Attempt n waits {@code min(restartDelay * 2^(n-1), maxRestartDelay)}. */
    public ServiceBuilder restartDelay(Duration delay) { this.restartDelay = delay; return this; }

    /** Cap of the backoff delay; default 30 s. */
    public ServiceBuilder maxRestartDelay(Duration delay) { this.maxRestartDelay = delay; return this; }

    /** Continuous RUNNING time after which the restart attempt counter resets; default 60 s. */
    public ServiceBuilder restartResetAfter(Duration after) { this.restartResetAfter = after; return this; }

    /** Time between health checks while running; default 10 s. */
    public ServiceBuilder healthCheckInterval(Duration interval) { this.healthCheckInterval = interval; return this; }

    /** Time one health check may take; default 5 s. */
    public ServiceBuilder healthCheckTimeout(Duration timeout) { this.healthCheckTimeout = timeout; return this; }

    /** Consecutive failed health checks that trigger a restart; default 3. */
    public ServiceBuilder unhealthyThreshold(int checks) { this.unhealthyThreshold = checks; return this; }

    /** Time from spawn to the first healthy answer before the start fails; default 30 s. */
    public ServiceBuilder startupTimeout(Duration timeout) { this.startupTimeout = timeout; return this; }

    /** Time between SIGTERM and SIGKILL when stopping; default 10 s. */
    public ServiceBuilder shutdownTimeout(Duration timeout) { this.shutdownTimeout = timeout; return this; }

    /** Time one API call may take; default 10 s. */
    public ServiceBuilder apiTimeout(Duration timeout) { this.apiTimeout = timeout; return this; }

    /** The Django project folder (where {@code manage.py} lives); default the working directory. */
    public ServiceBuilder projectDir(Path dir) { this.projectDir = dir; return this; }

    /** The Python interpreter; default discovered: project venv, then {@code python3}, then {@code python}. */
    public ServiceBuilder python(String python) { this.python = python; return this; }

    /** Server preset used when no {@link #command(List)} is set; default {@link ServerKind#AUTO}. */
    public ServiceBuilder server(ServerKind server) { this.server = server; return this; }

    /** DJANGO_SETTINGS_MODULE; default read from {@code manage.py}. */
    public ServiceBuilder settingsModule(String module) { this.settingsModule = module; return this; }

    /** The WSGI application as {@code module:attribute}; default {@code <settings package>.wsgi:application}. */
    public ServiceBuilder wsgiApplication(String app) { this.wsgiApplication = app; return this; }

    /**
     * Full argv of the backend, overriding {@link #server(ServerKind)}; default none. Never run
     * through a shell. {@code {host}}, {@code {port}} and {@code {python}} are expanded.
     */
    public ServiceBuilder command(List<String> argv) { this.command = argv; return this; }

    /** Extra environment variables for the child (added to this process's environment); default none. */
    public ServiceBuilder environment(Map<String, String> env) {
        this.environment = env == null ? new LinkedHashMap<>() : new LinkedHashMap<>(env);
        return this;
    }

    /** Path of the health endpoint; default {@code /api/health/}. */
    public ServiceBuilder healthPath(String path) { this.healthPath = path; return this; }

    /** Prefix joined before every API endpoint; default {@code /api}. */
    public ServiceBuilder apiBasePath(String path) { this.apiBasePath = path; return this; }

    /** Output lines kept for {@code recentLogs()}; default 1000. */
    public ServiceBuilder logBufferLines(int lines) { this.logBufferLines = lines; return this; }

    /**
     * File the child's output is appended to, one line per output line
     * ({@code <ISO-8601 time> <stdout|stderr> <text>}), so that no line is lost however fast the
     * child writes (the in-memory buffer and the events keep only the recent ones); default none.
     * {@code {name}} in the path becomes the instance's name, which services with copies need.
     */
    public ServiceBuilder logFile(Path file) { this.logFile = file; return this; }

    /** Size at which the log file is rotated to {@code <file>.1} (the older ones shift on); default 10 MiB. */
    public ServiceBuilder logMaxSize(long bytes) { this.logMaxSize = bytes; return this; }

    /** Rotated log files kept ({@code <file>.1} to {@code <file>.N}); default 5, 0 keeps none. */
    public ServiceBuilder logMaxFiles(int files) { this.logMaxFiles = files; return this; }

    /**
     * Whether {@code restart()} starts the new backend beside the old one on the same port, checks its
     * health on a private port of its own, and only then stops the old one (which finishes its requests
     * in flight within {@code shutdownTimeout}), so that no connection is refused; default true. It
     * applies where the server can share its port: waitress through {@code python -m sideeye_health.serve}
     * (when the interpreter can import it) and gunicorn ({@code --reuse-port}), on Linux, macOS and the BSDs;
     * elsewhere (runserver, uvicorn, a custom command without {@code {privatePort}}, Windows) a restart stops,
     * then starts, and the status says why ({@link ServiceStatus#restartMode()}). Where the port is
     * shared, a crash leaves it held by a standby listener of the manager until the next backend serves
     * it, so connections wait instead of being refused. False keeps the plain server command, the
     * stop-then-start restart and no standby.
     */
    public ServiceBuilder zeroDowntimeRestart(boolean enabled) { this.zeroDowntimeRestart = enabled; return this; }

    /** Largest API or health answer that is read; default 16 MiB. */
    public ServiceBuilder maxResponseBytes(long bytes) { this.maxResponseBytes = bytes; return this; }

    /**
     * Folder for the record of the running child, used to stop a stale backend left by a host
     * that crashed; default {@code $XDG_RUNTIME_DIR/sideeye} or {@code ~/.cache/sideeye/run};
     * null disables the record.
     */
    public ServiceBuilder runtimeDir(Path dir) { this.runtimeDir = dir; return this; }

    /**
     * The service's name; default {@code web}. Shown in thread names and log lines and part of the
     * runtime record's key, so services and replicas never take each other for a stale backend.
     * A lower-case letter followed by up to 62 lower-case letters, digits, {@code _} or {@code -},
     * optionally with a replica number such as {@code worker#2}.
     */
    public ServiceBuilder name(String name) { this.name = name; return this; }

    /**
     * How health is judged; default {@link HealthMode#HTTP}; {@link HealthMode#PROCESS}: alive is
     * healthy; {@link HealthMode#TCP}: the port accepts connections.
     */
    public ServiceBuilder healthMode(HealthMode mode) { this.healthMode = mode; return this; }

    /**
     * The status codes of a healthy answer of {@link #healthPath(String)}, e.g. {@code List.of(200, 204)};
     * default none: the answer is judged by the sideeye health contract. For a project that
     * cannot add the health app: any URL becomes the health endpoint, and the instance identity
     * of the backend is not checked. With only {@link #healthBodyContains(String)} set, any 2xx
     * status is expected. Null or empty means the health contract.
     */
    public ServiceBuilder healthStatus(List<Integer> codes) {
        this.healthStatus = codes == null ? List.of() : new ArrayList<>(codes);
        return this;
    }

    /**
     * Text the body of a healthy answer of {@link #healthPath(String)} contains (case-sensitive),
     * e.g. {@code "ok"}; default none. Like {@link #healthStatus(List)}, it replaces the
     * sideeye health contract, and the instance identity is not checked.
     */
    public ServiceBuilder healthBodyContains(String text) { this.healthBodyContains = text; return this; }

    /**
     * Attach mode: the service runs elsewhere at this http or https URL (with an optional path
     * prefix, e.g. {@code https://api.example.com/app}) and is only monitored; nothing is spawned,
     * restarted or killed. Health is checked at {@code external + healthPath}, API calls go to
     * {@code external + apiBasePath + endpoint}. Default none (a managed child). A non-loopback
     * host needs {@link #allowRemoteHost(boolean)}; user info, a query or a fragment are errors.
     */
    public ServiceBuilder external(URI url) { this.external = url; this.externalText = null; return this; }

    /** {@link #external(URI)} from text; an unparsable URL is reported by {@link #config()}. Null or blank means none. */
    public ServiceBuilder external(String url) {
        this.external = null;
        this.externalText = url == null || url.isBlank() ? null : url.strip();
        return this;
    }

    /**
     * Bearer token sent on health checks and API calls to an {@linkplain #external(URI) external}
     * service; default none. Never printed: the configuration's {@code toString()}, events,
     * statuses and errors leave it out. A managed child gets a fresh random token per launch instead.
     */
    public ServiceBuilder apiToken(String token) { this.apiToken = token; return this; }

    /** The validated configuration. */
    public ServiceConfig config() {
        return new ServiceConfig(port, host, allowRemoteHost, dev, maxRestartAttempts, restartDelay,
                maxRestartDelay, restartResetAfter, healthCheckInterval, healthCheckTimeout, unhealthyThreshold,
                startupTimeout, shutdownTimeout, apiTimeout, projectDir, python, Objects.requireNonNullElse(server,
                ServerKind.AUTO), settingsModule, wsgiApplication, command, environment, healthPath, apiBasePath,
                logBufferLines, maxResponseBytes, runtimeDir, name, healthMode, externalUri(), apiToken, healthStatus,
                healthBodyContains, logFile, logMaxSize, logMaxFiles, zeroDowntimeRestart);
    }

    private URI externalUri() {
        if (externalText == null) {
            return external;
        }
        if (!externalText.contains("://")) {
            throw new ServiceConfigException("external", "external: '" + ExternalUrls.display(externalText)
                    + "' is not an http or https URL; write the scheme too, e.g. http://127.0.0.1:8000");
        }
        try {
            return new URI(externalText);
        } catch (URISyntaxException e) {
            throw new ServiceConfigException("external", "external: '" + ExternalUrls.display(externalText)
                    + "' is not a valid URL (" + e.getReason() + "); use e.g. http://127.0.0.1:8000");
        }
    }

    /** Validates the configuration and creates the manager (nothing is started yet). */
    public DjangoServiceManager build() {
        return DjangoServiceManager.create(config());
    }

    private static Path defaultRuntimeDir() {
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "sideeye");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "sideeye", "run");
    }
}
