package io.sideeye.config;

import io.sideeye.service.HealthMode;
import io.sideeye.service.ServerKind;
import io.sideeye.service.ServiceBuilder;
import io.sideeye.service.ServiceConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every key of {@code sideeye.yaml}: one per option of {@link ServiceBuilder}, named as in the
 * seed ({@code port, host, isDev, maxRestartAttempts, restartDelay, healthCheckInterval,
 * startupTimeout, shutdownTimeout}) and after the builder's setters for the rest. Defaults are
 * the builder's own, read from it, never repeated here.
 *
 * <p>How a key is set on a {@link ServiceBuilder} and read from a {@link ServiceConfig} is written
 * as one switch over the constants ({@link #applyTo}, {@link #valueIn}) rather than as a lambda
 * per constant: every lambda is a class of its own that each start of {@code sideeye run} loads
 * (enum constants are all created at once) and the daemon keeps mapped for its whole life, about
 * 7 KB each; two per key made 70 classes.
 */
public enum ConfigKey {
    PORT("port", ValueType.PORT, Change.RESTART),
    HOST("host", ValueType.TEXT, Change.RESTART),
    ALLOW_REMOTE_HOST("allowRemoteHost", ValueType.BOOLEAN, Change.RESTART),
    IS_DEV("isDev", "dev", ValueType.BOOLEAN, Change.RESTART),
    EXTERNAL("external", ValueType.URL, Change.RESTART),
    TOKEN("token", "apiToken", ValueType.SECRET, Change.RESTART),
    HEALTH("health", "healthMode", ValueType.HEALTH, Change.RESTART),
    MAX_RESTART_ATTEMPTS("maxRestartAttempts", ValueType.COUNT, Change.LIVE),
    RESTART_DELAY("restartDelay", ValueType.DURATION, Change.LIVE),
    MAX_RESTART_DELAY("maxRestartDelay", ValueType.DURATION, Change.LIVE),
    RESTART_RESET_AFTER("restartResetAfter", ValueType.DURATION, Change.LIVE),
    HEALTH_CHECK_INTERVAL("healthCheckInterval", ValueType.DURATION, Change.LIVE),
    HEALTH_CHECK_TIMEOUT("healthCheckTimeout", ValueType.DURATION, Change.LIVE),
    UNHEALTHY_THRESHOLD("unhealthyThreshold", ValueType.COUNT, Change.LIVE),
    STARTUP_TIMEOUT("startupTimeout", ValueType.DURATION, Change.LIVE),
    SHUTDOWN_TIMEOUT("shutdownTimeout", ValueType.DURATION, Change.LIVE),
    API_TIMEOUT("apiTimeout", ValueType.DURATION, Change.LIVE),
    PROJECT_DIR("projectDir", ValueType.PATH, Change.RESTART),
    PYTHON("python", ValueType.EXECUTABLE, Change.RESTART),
    SERVER("server", ValueType.SERVER, Change.RESTART),
    SETTINGS_MODULE("settingsModule", ValueType.TEXT, Change.RESTART),
    WSGI_APPLICATION("wsgiApplication", ValueType.TEXT, Change.RESTART),
    COMMAND("command", ValueType.ARGV, Change.RESTART),
    ENVIRONMENT("environment", ValueType.ENV_MAP, Change.RESTART),
    HEALTH_PATH("healthPath", ValueType.TEXT, Change.LIVE),
    HEALTH_STATUS("healthStatus", ValueType.STATUS_CODES, Change.LIVE),
    HEALTH_BODY_CONTAINS("healthBodyContains", ValueType.TEXT, Change.LIVE),
    API_BASE_PATH("apiBasePath", ValueType.TEXT, Change.LIVE),
    LOG_BUFFER_LINES("logBufferLines", ValueType.COUNT, Change.LIVE),
    MAX_RESPONSE_BYTES("maxResponseBytes", ValueType.BYTES, Change.LIVE),
    RUNTIME_DIR("runtimeDir", ValueType.PATH, Change.RESTART),
    LOG_FILE("logFile", ValueType.PATH, Change.RESTART),
    LOG_MAX_SIZE("logMaxSize", ValueType.BYTES, Change.RESTART),
    LOG_MAX_FILES("logMaxFiles", ValueType.COUNT, Change.RESTART),
    ZERO_DOWNTIME_RESTART("zeroDowntimeRestart", ValueType.BOOLEAN, Change.RESTART);

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
    private final String envName;

    ConfigKey(String key, ValueType type, Change change) {
        this(key, key, type, change);
    }

    ConfigKey(String key, String field, ValueType type, Change change) {
        this.key = key;
        this.field = field;
        this.type = type;
        this.change = change;
        this.envName = envName(key);
    }

    /** The key as written in files, e.g. {@code healthCheckInterval}. */
    public String key() {
        return key;
    }

    /** The environment variable that overrides it, e.g. {@code SIDEEYE_HEALTH_CHECK_INTERVAL}. */
    public String envName() {
        return envName;
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

    /** Sets the value on a builder; returns the builder (a switch expression, so that no key can be left out). */
    ServiceBuilder applyTo(ServiceBuilder builder, Object value) {
        return switch (this) {
            case PORT -> builder.port((Integer) value);
            case HOST -> builder.host((String) value);
            case ALLOW_REMOTE_HOST -> builder.allowRemoteHost((Boolean) value);
            case IS_DEV -> builder.dev((Boolean) value);
            case EXTERNAL -> builder.external((String) value);
            case TOKEN -> builder.apiToken((String) value);
            case HEALTH -> builder.healthMode((HealthMode) value);
            case MAX_RESTART_ATTEMPTS -> builder.maxRestartAttempts((Integer) value);
            case RESTART_DELAY -> builder.restartDelay((Duration) value);
            case MAX_RESTART_DELAY -> builder.maxRestartDelay((Duration) value);
            case RESTART_RESET_AFTER -> builder.restartResetAfter((Duration) value);
            case HEALTH_CHECK_INTERVAL -> builder.healthCheckInterval((Duration) value);
            case HEALTH_CHECK_TIMEOUT -> builder.healthCheckTimeout((Duration) value);
            case UNHEALTHY_THRESHOLD -> builder.unhealthyThreshold((Integer) value);
            case STARTUP_TIMEOUT -> builder.startupTimeout((Duration) value);
            case SHUTDOWN_TIMEOUT -> builder.shutdownTimeout((Duration) value);
            case API_TIMEOUT -> builder.apiTimeout((Duration) value);
            case PROJECT_DIR -> builder.projectDir((Path) value);
            case PYTHON -> builder.python((String) value);
            case SERVER -> builder.server((ServerKind) value);
            case SETTINGS_MODULE -> builder.settingsModule((String) value);
            case WSGI_APPLICATION -> builder.wsgiApplication((String) value);
            case COMMAND -> builder.command(stringList(value));
            case ENVIRONMENT -> builder.environment(stringMap(value));
            case HEALTH_PATH -> builder.healthPath((String) value);
            case HEALTH_STATUS -> builder.healthStatus(intList(value));
            case HEALTH_BODY_CONTAINS -> builder.healthBodyContains((String) value);
            case API_BASE_PATH -> builder.apiBasePath((String) value);
            case LOG_BUFFER_LINES -> builder.logBufferLines((Integer) value);
            case MAX_RESPONSE_BYTES -> builder.maxResponseBytes((Long) value);
            case RUNTIME_DIR -> builder.runtimeDir((Path) value);
            case LOG_FILE -> builder.logFile((Path) value);
            case LOG_MAX_SIZE -> builder.logMaxSize((Long) value);
            case LOG_MAX_FILES -> builder.logMaxFiles((Integer) value);
            case ZERO_DOWNTIME_RESTART -> builder.zeroDowntimeRestart((Boolean) value);
        };
    }

    /** Reads the value from a configuration. */
    public Object valueIn(ServiceConfig config) {
        return switch (this) {
            case PORT -> config.port();
            case HOST -> config.host();
            case ALLOW_REMOTE_HOST -> config.allowRemoteHost();
            case IS_DEV -> config.dev();
            case EXTERNAL -> config.external() == null ? null : config.external().toString();
            case TOKEN -> config.apiToken();
            case HEALTH -> config.healthMode();
            case MAX_RESTART_ATTEMPTS -> config.maxRestartAttempts();
            case RESTART_DELAY -> config.restartDelay();
            case MAX_RESTART_DELAY -> config.maxRestartDelay();
            case RESTART_RESET_AFTER -> config.restartResetAfter();
            case HEALTH_CHECK_INTERVAL -> config.healthCheckInterval();
            case HEALTH_CHECK_TIMEOUT -> config.healthCheckTimeout();
            case UNHEALTHY_THRESHOLD -> config.unhealthyThreshold();
            case STARTUP_TIMEOUT -> config.startupTimeout();
            case SHUTDOWN_TIMEOUT -> config.shutdownTimeout();
            case API_TIMEOUT -> config.apiTimeout();
            case PROJECT_DIR -> config.projectDir();
            case PYTHON -> config.python();
            case SERVER -> config.server();
            case SETTINGS_MODULE -> config.settingsModule();
            case WSGI_APPLICATION -> config.wsgiApplication();
            case COMMAND -> config.command();
            case ENVIRONMENT -> config.environment();
            case HEALTH_PATH -> config.healthPath();
            case HEALTH_STATUS -> config.healthStatus();
            case HEALTH_BODY_CONTAINS -> config.healthBodyContains();
            case API_BASE_PATH -> config.apiBasePath();
            case LOG_BUFFER_LINES -> config.logBufferLines();
            case MAX_RESPONSE_BYTES -> config.maxResponseBytes();
            case RUNTIME_DIR -> config.runtimeDir();
            case LOG_FILE -> config.logFile();
            case LOG_MAX_SIZE -> config.logMaxSize();
            case LOG_MAX_FILES -> config.logMaxFiles();
            case ZERO_DOWNTIME_RESTART -> config.zeroDowntimeRestart();
        };
    }

    /** The value as shown by {@code --print-config} (secrets in the environment masked). */
    public String render(Object value) {
        return value == null ? "(none)" : type.render(value);
    }

    /** The key with this name. */
    public static Optional<ConfigKey> byKey(String name) {
        for (ConfigKey k : values()) {
            if (k.key.equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The key whose value a {@link io.sideeye.service.ServiceConfigException#field()} names. */
    public static Optional<ConfigKey> byField(String field) {
        for (ConfigKey k : values()) {
            if (k.field.equals(field)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** All key names, in documentation order. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (ConfigKey k : values()) {
            names.add(k.key);
        }
        return List.copyOf(names);
    }

    /** The variable for {@code key}: {@code SIDEEYE_HEALTH_CHECK_INTERVAL} for {@code healthCheckInterval}. */
    private static String envName(String key) {
        StringBuilder name = new StringBuilder("SIDEEYE_");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            char before = i > 0 ? key.charAt(i - 1) : ' ';
            if (c >= 'A' && c <= 'Z' && (before >= 'a' && before <= 'z' || before >= '0' && before <= '9')) {
                name.append('_');
            }
            name.append(c);
        }
        return name.toString().toUpperCase(Locale.ROOT);
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
