package io.sideeye.cli.config;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceBuilder;
import io.sideeye.service.ServiceConfig;
import io.sideeye.service.ServiceConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the configuration of a command: finds the file ({@code -c}, {@code SIDEEYE_CONFIG},
 * {@code ./sideeye.yaml}), reads it, and layers defaults, file, profile, environment
 * ({@code SIDEEYE_<KEY>}) and flags, highest last. Every problem is a {@link ConfigException}
 * naming where the bad value was written, the key and what is allowed; range rules are the
 * core's own ({@link ServiceConfigException}).
 */
public final class ConfigLoader {
    /** Names looked for in the working directory when no file is given. */
    public static final List<String> DEFAULT_FILES = List.of("sideeye.yaml", "sideeye.yml", "sideeye.json");
    /** Environment variable naming the configuration file. */
    public static final String CONFIG_ENV = "SIDEEYE_CONFIG";
    /** Environment variable naming the profile. */
    public static final String PROFILE_ENV = "SIDEEYE_PROFILE";
    /** SIDEEYE_ variables that are not configuration keys (they are meant for the backend). */
    private static final Set<String> NOT_KEYS = Set.of(CONFIG_ENV, PROFILE_ENV, "SIDEEYE_INSTANCE_ID",
            "SIDEEYE_API_TOKEN", "SIDEEYE_PARENT_PID", "SIDEEYE_DATA_DIR", "SIDEEYE_DEBUG", "SIDEEYE_SECRET_KEY");

    private ConfigLoader() {
    }

    /** Loads, merges and validates. */
    public static ResolvedConfig load(ConfigRequest request) {
        Optional<Path> file = locate(request);
        ConfigDocument doc = file.map(f -> ConfigFileReader.read(f, shown(f, request.workingDir()), request.workingDir()))
                .orElse(null);
        String profile = request.profile() != null ? request.profile() : blankToNull(request.env().get(PROFILE_ENV));

        Map<ConfigKey, RawValue> chosen = new EnumMap<>(ConfigKey.class);
        List<String> warnings = new ArrayList<>();
        if (doc != null) {
            checkProfiles(doc);
            layer(chosen, doc.values());
            if (profile != null) {
                layer(chosen, profileValues(doc, profile, request));
            }
        } else if (profile != null) {
            throw new ConfigException("profile '" + profile + "' was requested (" + profileOrigin(request)
                    + ") but there is no configuration file; create sideeye.yaml with 'profiles: {" + profile
                    + ": {...}}' or pass it with -c");
        }
        layerEnv(chosen, request.env(), warnings);
        for (ConfigRequest.Flag flag : request.flags()) {
            layer(chosen, Map.of(flag.key(), new RawValue(flag.value(), ConfigSource.flag(flag.option()))));
        }
        return build(chosen, doc, request.workingDir(), profile, warnings);
    }

    private static Optional<Path> locate(ConfigRequest request) {
        if (!request.useFiles()) {
            return Optional.empty();
        }
        if (request.file() != null) {
            return Optional.of(request.workingDir().resolve(request.file()));
        }
        String fromEnv = blankToNull(request.env().get(CONFIG_ENV));
        if (fromEnv != null) {
            return Optional.of(request.workingDir().resolve(fromEnv));
        }
        return DEFAULT_FILES.stream().map(request.workingDir()::resolve).filter(Files::isRegularFile).findFirst();
    }

    private static Map<String, RawValue> profileValues(ConfigDocument doc, String profile, ConfigRequest request) {
        Map<String, RawValue> values = doc.profiles().get(profile);
        if (values == null) {
            String defined = doc.profiles().isEmpty() ? "it defines no profiles" : "defined profiles: "
                    + String.join(", ", doc.profiles().keySet());
            throw new ConfigException(doc.shown() + ": profile '" + profile + "' (" + profileOrigin(request)
                    + ") is not defined; " + defined + Suggestions.closest(profile, doc.profiles().keySet())
                    .map(s -> " (did you mean '" + s + "'?)").orElse(""));
        }
        return values;
    }

    /** Every profile's keys and value forms are checked, used or not: a broken profile is found before it is needed. */
    private static void checkProfiles(ConfigDocument doc) {
        doc.profiles().values().forEach(values -> values.forEach((name, raw) -> {
            ConfigKey key = keyNamed(name, raw.source());
            convert(key, raw, doc.baseDir());
        }));
    }

    private static void layer(Map<ConfigKey, RawValue> chosen, Map<String, RawValue> values) {
        values.forEach((name, raw) -> chosen.put(keyNamed(name, raw.source()), raw));
    }

    private static ConfigKey keyNamed(String name, ConfigSource source) {
        return ConfigKey.byKey(name).orElseThrow(() -> new ConfigException(source + ": unknown key '" + name + "'"
                + Suggestions.closest(name, ConfigKey.names()).map(s -> "; did you mean '" + s + "'?").orElse(".")
                + " Valid keys: " + String.join(", ", ConfigKey.names()) + (source.kind() == ConfigSource.Kind.FILE
                ? ", profiles" : "")));
    }

    private static void layerEnv(Map<ConfigKey, RawValue> chosen, Map<String, String> env, List<String> warnings) {
        List<String> envNames = java.util.Arrays.stream(ConfigKey.values()).map(ConfigKey::envName).toList();
        for (ConfigKey key : ConfigKey.values()) {
            String value = env.get(key.envName());
            if (value != null) {
                chosen.put(key, new RawValue(value, ConfigSource.env(key.envName())));
            }
        }
        env.keySet().stream().filter(n -> n.startsWith("SIDEEYE_") && !NOT_KEYS.contains(n) && !envNames.contains(n))
                .sorted().forEach(n -> Suggestions.closest(n, envNames).ifPresent(s -> warnings.add(
                        "environment variable " + n + " is not a setting and is ignored; did you mean " + s + "?")));
    }

    private static ResolvedConfig build(Map<ConfigKey, RawValue> chosen, ConfigDocument doc, Path workingDir,
                                        String profile, List<String> warnings) {
        ServiceBuilder builder = DjangoServiceManager.builder().projectDir(workingDir); // the default, made explicit
        Map<ConfigKey, ConfigSource> sources = new EnumMap<>(ConfigKey.class);
        for (Map.Entry<ConfigKey, RawValue> e : chosen.entrySet()) {
            ConfigKey key = e.getKey();
            RawValue raw = e.getValue();
            Path base = raw.source().kind() == ConfigSource.Kind.FILE || raw.source().kind() == ConfigSource.Kind.PROFILE
                    ? doc.baseDir() : workingDir;
            key.applyTo(builder, convert(key, raw, base));
            sources.put(key, raw.source());
        }
        try {
            ServiceConfig config = builder.config();
            return new ResolvedConfig(config, sources, doc == null ? null : doc.file(), profile, warnings);
        } catch (ServiceConfigException e) {
            ConfigSource source = ConfigKey.byField(e.field()).map(k -> sources.getOrDefault(k, ConfigSource.DEFAULT))
                    .orElse(ConfigSource.DEFAULT);
            if (source.kind() != ConfigSource.Kind.DEFAULT) {
                throw new ConfigException(source + ": " + e.getMessage(), e);
            }
            throw new ConfigException((doc == null ? "configuration" : doc.shown()) + ": " + e.getMessage()
                    + " (" + e.field() + " is not set, so it has its default)", e);
        }
    }

    private static Object convert(ConfigKey key, RawValue raw, Path base) {
        if (raw.value() == null) {
            if (key.nullable()) {
                return null;
            }
            throw new ConfigException(raw.source() + ": " + key.key() + ": has no value; give " + key.type().description()
                    + ", or remove the line to use the default");
        }
        try {
            return key.type().convert(raw.value(), base);
        } catch (ValueType.BadValue e) {
            throw new ConfigException(raw.source() + ": " + key.key() + ": " + e.getMessage(), e);
        }
    }

    private static String profileOrigin(ConfigRequest request) {
        return request.profile() != null ? "option --profile" : "environment variable " + PROFILE_ENV;
    }

    private static String shown(Path file, Path workingDir) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(workingDir) ? workingDir.relativize(abs).toString() : abs.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
