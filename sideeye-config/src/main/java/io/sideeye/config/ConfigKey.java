package io.sideeye.config;

import io.sideeye.service.HealthMode;
import io.sideeye.service.ServerKind;
import io.sideeye.service.ServiceBuilder;
import io.sideeye.service.ServiceConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Every key of {@code sideeye.yaml}: one per option of {@link ServiceBuilder}, named as in the
 * seed ({@code port, host, isDev, maxRestartAttempts, restartDelay, healthCheckInterval,
 * startupTimeout, shutdownTimeout}) and after the builder's setters for the rest. Defaults are
 * the builder's own, read from it, never repeated here.
 */
public enum ConfigKey {
    PORT("port", ValueType.PORT, Change.RESTART, (b, v) -> b.port((Integer) v), ServiceConfig::port),
    HOST("host", ValueType.TEXT, Change.RESTART, (b, v) -> b.host((String) v), ServiceConfig::host),
    ALLOW_REMOTE_HOST("allowRemoteHost", ValueType.BOOLEAN, Change.RESTART,
            (b, v) -> b.allowRemoteHost((Boolean) v), ServiceConfig::allowRemoteHost),
    IS_DEV("isDev", "dev", ValueType.BOOLEAN, Change.RESTART, (b, v) -> b.dev((Boolean) v), ServiceConfig::dev),
    EXTERNAL("external", ValueType.URL, Change.RESTART, (b, v) -> b.external((String) v),
            c -> c.external() == null ? null : c.external().toString()),
    TOKEN("token", "apiToken", ValueType.SECRET, Change.RESTART, (b, v) -> b.apiToken((String) v),
            ServiceConfig::apiToken),
    HEALTH("health", "healthMode", ValueType.HEALTH, Change.RESTART, (b, v) -> b.healthMode((HealthMode) v),
            ServiceConfig::healthMode),
    MAX_RESTART_ATTEMPTS("maxRestartAttempts", ValueType.COUNT, Change.LIVE,
            (b, v) -> b.maxRestartAttempts((Integer) v), ServiceConfig::maxRestartAttempts),
    RESTART_DELAY("restartDelay", ValueType.DURATION, Change.LIVE,
            (b, v) -> b.restartDelay((Duration) v), ServiceConfig::restartDelay),
    MAX_RESTART_DELAY("maxRestartDelay", ValueType.DURATION, Change.LIVE,
            (b, v) -> b.maxRestartDelay((Duration) v), ServiceConfig::maxRestartDelay),
    RESTART_RESET_AFTER("restartResetAfter", ValueType.DURATION, Change.LIVE,
            (b, v) -> b.restartResetAfter((Duration) v), ServiceConfig::restartResetAfter),
    HEALTH_CHECK_INTERVAL("healthCheckInterval", ValueType.DURATION, Change.LIVE,
            (b, v) -> b.healthCheckInterval((Duration) v), ServiceConfig::healthCheckInterval),
    HEALTH_CHECK_TIMEOUT("healthCheckTimeout", ValueType.DURATION, Change.LIVE,
            (b, v) -> b.healthCheckTimeout((Duration) v), ServiceConfig::healthCheckTimeout),
    UNHEALTHY_THRESHOLD("unhealthyThreshold", ValueType.COUNT, Change.LIVE,
            (b, v) -> b.unhealthyThreshold((Integer) v), ServiceConfig::unhealthyThreshold),
    STARTUP_TIMEOUT("startupTimeout", ValueType.DURATION, Change.LIVE,
            (b, v) -> b.startupTimeout((Duration) v), ServiceConfig::startupTimeout),
    SHUTDOWN_TIMEOUT("shutdownTimeout", ValueType.DURATION, Change.LIVE,
            (b, v) -> b.shutdownTimeout((Duration) v), ServiceConfig::shutdownTimeout),
    API_TIMEOUT("apiTimeout", ValueType.DURATION, Change.LIVE,
            (b, v) -> b.apiTimeout((Duration) v), ServiceConfig::apiTimeout),
    PROJECT_DIR("projectDir", ValueType.PATH, Change.RESTART, (b, v) -> b.projectDir((Path) v), ServiceConfig::projectDir),
    PYTHON("python", ValueType.EXECUTABLE, Change.RESTART, (b, v) -> b.python((String) v), ServiceConfig::python),
    SERVER("server", ValueType.SERVER, Change.RESTART, (b, v) -> b.server((ServerKind) v), ServiceConfig::server),
    SETTINGS_MODULE("settingsModule", ValueType.TEXT, Change.RESTART,
            (b, v) -> b.settingsModule((String) v), ServiceConfig::settingsModule),
    WSGI_APPLICATION("wsgiApplication", ValueType.TEXT, Change.RESTART,
            (b, v) -> b.wsgiApplication((String) v), ServiceConfig::wsgiApplication),
    COMMAND("command", ValueType.ARGV, Change.RESTART, (b, v) -> b.command(stringList(v)), ServiceConfig::command),
    ENVIRONMENT("environment", ValueType.ENV_MAP, Change.RESTART,
            (b, v) -> b.environment(stringMap(v)), ServiceConfig::environment),
    HEALTH_PATH("healthPath", ValueType.TEXT, Change.LIVE, (b, v) -> b.healthPath((String) v), ServiceConfig::healthPath),
    HEALTH_STATUS("healthStatus", ValueType.STATUS_CODES, Change.LIVE, (b, v) -> b.healthStatus(intList(v)),
            ServiceConfig::healthStatus),
    HEALTH_BODY_CONTAINS("healthBodyContains", ValueType.TEXT, Change.LIVE,
            (b, v) -> b.healthBodyContains((String) v), ServiceConfig::healthBodyContains),
    API_BASE_PATH("apiBasePath", ValueType.TEXT, Change.LIVE,
            (b, v) -> b.apiBasePath((String) v), ServiceConfig::apiBasePath),
    LOG_BUFFER_LINES("logBufferLines", ValueType.COUNT, Change.LIVE,
            (b, v) -> b.logBufferLines((Integer) v), ServiceConfig::logBufferLines),
    MAX_RESPONSE_BYTES("maxResponseBytes", ValueType.BYTES, Change.LIVE,
            (b, v) -> b.maxResponseBytes((Long) v), ServiceConfig::maxResponseBytes),
    RUNTIME_DIR("runtimeDir", ValueType.PATH, Change.RESTART, (b, v) -> b.runtimeDir((Path) v), ServiceConfig::runtimeDir),
    LOG_FILE("logFile", ValueType.PATH, Change.RESTART, (b, v) -> b.logFile((Path) v), ServiceConfig::logFile),
    LOG_MAX_SIZE("logMaxSize", ValueType.BYTES, Change.RESTART, (b, v) -> b.logMaxSize((Long) v),
            ServiceConfig::logMaxSize),
    LOG_MAX_FILES("logMaxFiles", ValueType.COUNT, Change.RESTART, (b, v) -> b.logMaxFiles((Integer) v),
            ServiceConfig::logMaxFiles),
    ZERO_DOWNTIME_RESTART("zeroDowntimeRestart", ValueType.BOOLEAN, Change.RESTART,
            (b, v) -> b.zeroDowntimeRestart((Boolean) v), ServiceConfig::zeroDowntimeRestart);

    /**
     * What a change of the key needs while running: {@code LIVE} keys only steer monitoring
     * and policy; {@code RESTART} keys change the backend process itself.
     */
    public enum Change { LIVE, RESTART }

    private static final List<String> NULLABLE = List.of("python", "settingsModule", "wsgiApplication", "runtimeDir",
            "external", "token", "healthBodyContains", "logFile");

    private final String key;
    private final String field;
    private final ValueType type;
    private final Change change;
    private final BiConsumer<ServiceBuilder, Object> apply;
    private final Function<ServiceConfig, Object> read;

    ConfigKey(String key, ValueType type, Change change, BiConsumer<ServiceBuilder, Object> apply,
              Function<ServiceConfig, ?> read) {
        this(key, key, type, change, apply, read);
    }

    @SuppressWarnings("unchecked")
    ConfigKey(String key, String field, ValueType type, Change change, BiConsumer<ServiceBuilder, Object> apply,
              Function<ServiceConfig, ?> read) {
        this.key = key;
        this.field = field;
        this.type = type;
        this.change = change;
        this.apply = apply;
        this.read = (Function<ServiceConfig, Object>) read;
    }

    /** The key as written in files, e.g. {@code healthCheckInterval}. */
    public String key() {
        return key;
    }

    /** The environment variable that overrides it, e.g. {@code SIDEEYE_HEALTH_CHECK_INTERVAL}. */
    public String envName() {
        return "SIDEEYE_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /**
     * Whether a {@code SIDEEYE_<KEY>} variable sets it. The token does not: it is a secret, read
     * from the file ({@code token}) or from the variable the file names ({@code tokenEnv}).
     */
    public boolean readsEnvironment() {
        return this != TOKEN;
    }

    /** The kind of value it holds. */
    public ValueType type() {
        return type;
    }

    /** Whether a change needs the backend to restart. */
    public Change change() {
        return change;
    }

    /** Whether {@code null} is a meaningful value (e.g. {@code python: null} = discover). */
    public boolean nullable() {
        return NULLABLE.contains(key);
    }

    /** Sets the value on a builder. */
    void applyTo(ServiceBuilder builder, Object value) {
        apply.accept(builder, value);
    }

    /** Reads the value from a configuration. */
    public Object valueIn(ServiceConfig config) {
        return read.apply(config);
    }

    /** The value as shown by {@code --print-config} (secrets in the environment masked). */
    public String render(Object value) {
        return value == null ? "(none)" : type.render(value);
    }

    /** The key with this name. */
    public static Optional<ConfigKey> byKey(String name) {
        return Arrays.stream(values()).filter(k -> k.key.equals(name)).findFirst();
    }

    /** The key whose value a {@link io.sideeye.service.ServiceConfigException#field()} names. */
    public static Optional<ConfigKey> byField(String field) {
        return Arrays.stream(values()).filter(k -> k.field.equals(field)).findFirst();
    }

    /** All key names, in documentation order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(ConfigKey::key).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> stringList(Object v) {
        return (List<String>) v;
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> intList(Object v) {
        return (List<Integer>) v;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> stringMap(Object v) {
        return (Map<String, String>) v;
    }
}
