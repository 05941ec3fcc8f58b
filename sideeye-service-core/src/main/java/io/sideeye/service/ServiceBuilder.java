package io.sideeye.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link ServiceConfig} and the {@link DjangoServiceManager} that runs it. Every
 * setter documents its default; {@link #build()} validates all values at once and throws
 * {@link ServiceConfigException} naming the first bad field, its value and what is allowed.
 */
public final class ServiceBuilder {
    private final ConfigValues v;
    private String externalText;

    ServiceBuilder() {
        v = new ConfigValues();
    }

    ServiceBuilder(ServiceConfig c) {
        v = c.values();
    }

    /** Port of the backend; default 8000; 0 picks a free port at each start (automatic port detection). */
    public ServiceBuilder port(int port) { v.port = port; return this; }

    /** Host the backend binds and is reached at; default {@code localhost} (probed as 127.0.0.1). */
    public ServiceBuilder host(String host) { v.host = host; return this; }

    /** Permit a non-loopback {@link #host(String)}; default false. */
    public ServiceBuilder allowRemoteHost(boolean allow) { v.allowRemoteHost = allow; return this; }

    /** Development mode (the seed's {@code isDev}): the backend is run externally; default false. */
    public ServiceBuilder dev(boolean dev) { v.dev = dev; return this; }

    /** Automatic restarts before the state becomes FAILED; default 3; 0 disables automatic restarts. */
    public ServiceBuilder maxRestartAttempts(int attempts) { v.maxRestartAttempts = attempts; return this; }

    /** First backoff step; default 2 s. Attempt n waits {@code min(restartDelay * 2^(n-1), maxRestartDelay)}. */
    public ServiceBuilder restartDelay(Duration delay) { v.restartDelay = delay; return this; }

    /** Cap of the backoff delay; default 30 s. */
    public ServiceBuilder maxRestartDelay(Duration delay) { v.maxRestartDelay = delay; return this; }

    /** Continuous RUNNING time after which the restart attempt counter resets; default 60 s. */
    public ServiceBuilder restartResetAfter(Duration after) { v.restartResetAfter = after; return this; }

    /** Time between health checks while running; default 10 s. */
    public ServiceBuilder healthCheckInterval(Duration interval) { v.healthCheckInterval = interval; return this; }

    /** Time one health check may take; default 5 s. */
    public ServiceBuilder healthCheckTimeout(Duration timeout) { v.healthCheckTimeout = timeout; return this; }

    /** Consecutive failed health checks that trigger a restart; default 3. */
    public ServiceBuilder unhealthyThreshold(int checks) { v.unhealthyThreshold = checks; return this; }

    /** Time from spawn to the first healthy answer before the start fails; default 30 s. */
    public ServiceBuilder startupTimeout(Duration timeout) { v.startupTimeout = timeout; return this; }

    /** Time between SIGTERM and SIGKILL when stopping; default 10 s. */
    public ServiceBuilder shutdownTimeout(Duration timeout) { v.shutdownTimeout = timeout; return this; }

    /** Time one API call may take; default 10 s. */
    public ServiceBuilder apiTimeout(Duration timeout) { v.apiTimeout = timeout; return this; }

    /** The Django project folder (where {@code manage.py} lives); default the working directory. */
    public ServiceBuilder projectDir(Path dir) { v.projectDir = dir; return this; }

    /** The Python interpreter; default discovered: project venv, then {@code python3}, then {@code python}. */
    public ServiceBuilder python(String python) { v.python = python; return this; }

    /** Server preset used when no {@link #command(List)} is set; default {@link ServerKind#AUTO}. */
    public ServiceBuilder server(ServerKind server) { v.server = server; return this; }

    /** DJANGO_SETTINGS_MODULE; default read from {@code manage.py}. */
    public ServiceBuilder settingsModule(String module) { v.settingsModule = module; return this; }

    /** The WSGI application as {@code module:attribute}; default {@code <settings package>.wsgi:application}. */
    public ServiceBuilder wsgiApplication(String app) { v.wsgiApplication = app; return this; }

    /**
     * Full argv of the backend, overriding {@link #server(ServerKind)}; default none. Never run
     * through a shell. {@code {host}}, {@code {port}} and {@code {python}} are expanded.
     */
    public ServiceBuilder command(List<String> argv) { v.command = argv; return this; }

    /** Extra environment variables for the child (added to this process's environment); default none. */
    public ServiceBuilder environment(Map<String, String> env) {
        v.environment = env == null ? new LinkedHashMap<>() : new LinkedHashMap<>(env);
        return this;
    }

    /** Path of the health endpoint; default {@code /api/health/}. */
    public ServiceBuilder healthPath(String path) { v.healthPath = path; return this; }

    /** Prefix joined before every API endpoint; default {@code /api}. */
    public ServiceBuilder apiBasePath(String path) { v.apiBasePath = path; return this; }

    /** Output lines kept for {@code recentLogs()}; default 1000. */
    public ServiceBuilder logBufferLines(int lines) { v.logBufferLines = lines; return this; }

    /**
     * File the child's output is appended to, one line per output line
     * ({@code <ISO-8601 time> <stdout|stderr> <text>}), so that no line is lost however fast the
     * child writes (the in-memory buffer and the events keep only the recent ones); default none.
     * {@code {name}} in the path becomes the instance's name, which services with copies need.
     */
    public ServiceBuilder logFile(Path file) { v.logFile = file; return this; }

    /** Size at which the log file is rotated to {@code <file>.1} (the older ones shift on); default 10 MiB. */
    public ServiceBuilder logMaxSize(long bytes) { v.logMaxSize = bytes; return this; }

    /** Rotated log files kept ({@code <file>.1} to {@code <file>.N}); default 5, 0 keeps none. */
    public ServiceBuilder logMaxFiles(int files) { v.logMaxFiles = files; return this; }

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
    public ServiceBuilder zeroDowntimeRestart(boolean enabled) { v.zeroDowntimeRestart = enabled; return this; }

    /** Largest API or health answer that is read; default 16 MiB. */
    public ServiceBuilder maxResponseBytes(long bytes) { v.maxResponseBytes = bytes; return this; }

    /**
     * Folder for the record of the running child, used to stop a stale backend left by a host
     * that crashed; default {@code $XDG_RUNTIME_DIR/sideeye} or {@code ~/.cache/sideeye/run};
     * null disables the record.
     */
    public ServiceBuilder runtimeDir(Path dir) { v.runtimeDir = dir; return this; }

    /**
     * The service's name; default {@code web}. Shown in thread names and log lines and part of the
     * runtime record's key, so services and replicas never take each other for a stale backend.
     * A lower-case letter followed by up to 62 lower-case letters, digits, {@code _} or {@code -},
     * optionally with a replica number such as {@code worker#2}.
     */
    public ServiceBuilder name(String name) { v.name = name; return this; }

    /**
     * How health is judged; default {@link HealthMode#HTTP}; {@link HealthMode#PROCESS}: alive is
     * healthy; {@link HealthMode#TCP}: the port accepts connections.
     */
    public ServiceBuilder healthMode(HealthMode mode) { v.healthMode = mode; return this; }

    /**
     * The status codes of a healthy answer of {@link #healthPath(String)}, e.g. {@code List.of(200, 204)};
     * default none: the answer is judged by the sideeye health contract. For a project that
     * cannot add the health app: any URL becomes the health endpoint, and the instance identity
     * of the backend is not checked. With only {@link #healthBodyContains(String)} set, any 2xx
     * status is expected. Null or empty means the health contract.
     */
    public ServiceBuilder healthStatus(List<Integer> codes) {
        v.healthStatus = codes == null ? List.of() : new ArrayList<>(codes);
        return this;
    }

    /**
     * Text the body of a healthy answer of {@link #healthPath(String)} contains (case-sensitive),
     * e.g. {@code "ok"}; default none. Like {@link #healthStatus(List)}, it replaces the
     * sideeye health contract, and the instance identity is not checked.
     */
    public ServiceBuilder healthBodyContains(String text) { v.healthBodyContains = text; return this; }

    /**
     * Attach mode: the service runs elsewhere at this http or https URL (with an optional path
     * prefix, e.g. {@code https://api.example.com/app}) and is only monitored; nothing is spawned,
     * restarted or killed. Health is checked at {@code external + healthPath}, API calls go to
     * {@code external + apiBasePath + endpoint}. Default none (a managed child). A non-loopback
     * host needs {@link #allowRemoteHost(boolean)}; user info, a query or a fragment are errors.
     */
    public ServiceBuilder external(URI url) { v.external = url; this.externalText = null; return this; }

    /** {@link #external(URI)} from text; an unparsable URL is reported by {@link #config()}. Null or blank means none. */
    public ServiceBuilder external(String url) {
        v.external = null;
        this.externalText = url == null || url.isBlank() ? null : url.strip();
        return this;
    }

    /**
     * Bearer token sent on health checks and API calls to an {@linkplain #external(URI) external}
     * service; default none. Never printed: the configuration's {@code toString()}, events,
     * statuses and errors leave it out. A managed child gets a fresh random token per launch instead.
     */
    public ServiceBuilder apiToken(String token) { v.apiToken = token; return this; }

    /** The validated configuration. */
    public ServiceConfig config() {
        return ServiceConfig.from(v, externalUri());
    }

    private URI externalUri() {
        if (externalText == null) {
            return v.external;
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
}
