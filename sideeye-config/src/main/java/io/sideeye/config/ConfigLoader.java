package io.sideeye.config;

import io.sideeye.service.ServiceConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves the configuration of a command: finds the file ({@code -c}, {@code SIDEEYE_CONFIG},
 * {@code ./sideeye.yaml}), reads it, and layers defaults, file, profile, environment
 * ({@code SIDEEYE_<KEY>}) and flags, highest last; within the file and the profile a service's
 * own keys beat the top-level ones it inherits. Every problem is a {@link ConfigException}
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
    /** The one service of a file without {@code services:}. */
    public static final String DEFAULT_SERVICE = "web";
    /** The top-level key naming the service that commands address when they name none. */
    public static final String DEFAULT_SERVICE_KEY = "defaultService";
    /** SIDEEYE_ variables that are not configuration keys (meant for the backend, or the launcher's). */
    private static final Set<String> NOT_KEYS = Set.of(CONFIG_ENV, PROFILE_ENV, "SIDEEYE_INSTANCE_ID",
            "SIDEEYE_API_TOKEN", "SIDEEYE_PARENT_PID", "SIDEEYE_DATA_DIR", "SIDEEYE_DEBUG", "SIDEEYE_SECRET_KEY",
            "SIDEEYE_JAVA", "SIDEEYE_JAVA_OPTS", "SIDEEYE_NO_CDS");
    private static final List<String> FILE_STRUCTURE = List.of("services", "profiles", DEFAULT_SERVICE_KEY);
    private static final List<String> PROFILE_STRUCTURE = List.of("services");

    private ConfigLoader() {
    }

    /** Loads, merges and validates, and returns the default service's configuration. */
    public static ResolvedConfig load(ConfigRequest request) {
        return loadGroup(request).service(null);
    }

    /** Loads, merges and validates every service of the configuration. */
    public static ResolvedGroup loadGroup(ConfigRequest request) {
        Path file = locate(request);
        ConfigDocument doc = file == null ? null
                : ConfigFileReader.read(file, shown(file, request.workingDir()), request.workingDir());
        String profile = request.profile() != null ? request.profile() : blankToNull(request.env().get(PROFILE_ENV));
        boolean declared = doc != null && !doc.top().services().isEmpty();
        List<String> names = declared ? List.copyOf(doc.top().services().keySet()) : List.of(DEFAULT_SERVICE);

        List<Layer> layers = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (doc != null) {
            layers.add(fileLayer(doc, doc.top(), names, null));
            Map<String, Layer> profiles = new LinkedHashMap<>();
            for (Map.Entry<String, ConfigLayer> named : doc.profiles().entrySet()) {
                profiles.put(named.getKey(), fileLayer(doc, named.getValue(), names, named.getKey()));
            }
            // Every profile's values are checked, used or not: a broken profile is found before it is needed.
            for (Layer layer : profiles.values()) {
                ServiceAssembler.checkForms(layer, doc.baseDir());
            }
            if (profile != null) {
                layers.add(chosenProfile(doc, profiles, profile, request));
            }
        } else if (profile != null) {
            throw new ConfigException("profile '" + profile + "' was requested (" + profileOrigin(request)
                    + ") but there is no configuration file; create sideeye.yaml with 'profiles: {" + profile
                    + ": {...}}' or pass it with -c");
        }
        layers.add(envLayer(request.env(), warnings));
        layers.add(flagLayer(request.flags(), names));
        RawValue defaultService = doc == null ? null : doc.top().values().get(DEFAULT_SERVICE_KEY);
        return new ServiceAssembler(doc, request.workingDir(), request.env(), declared)
                .assemble(names, layers, defaultService, profile, warnings);
    }

    /** The configuration file to read, or null for none. */
    private static Path locate(ConfigRequest request) {
        if (!request.useFiles()) {
            return null;
        }
        if (request.file() != null) {
            return request.workingDir().resolve(request.file());
        }
        String fromEnv = blankToNull(request.env().get(CONFIG_ENV));
        if (fromEnv != null) {
            return request.workingDir().resolve(fromEnv);
        }
        for (String name : DEFAULT_FILES) {
            Path file = request.workingDir().resolve(name);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    private static Layer chosenProfile(ConfigDocument doc, Map<String, Layer> profiles, String profile,
                                       ConfigRequest request) {
        Layer layer = profiles.get(profile);
        if (layer == null) {
            String defined = doc.profiles().isEmpty() ? "it defines no profiles" : "defined profiles: "
                    + String.join(", ", doc.profiles().keySet());
            throw new ConfigException(doc.shown() + ": profile '" + profile + "' (" + profileOrigin(request)
                    + ") is not defined; " + defined + Suggestions.closest(profile, doc.profiles().keySet())
                    .map(s -> " (did you mean '" + s + "'?)").orElse(""));
        }
        return layer;
    }

    /** The file's top level ({@code profile} null) or one profile, its keys and service names checked. */
    private static Layer fileLayer(ConfigDocument doc, ConfigLayer layer, List<String> names, String profile) {
        List<String> structure = profile == null ? FILE_STRUCTURE : PROFILE_STRUCTURE;
        List<Written> common = new ArrayList<>();
        for (Map.Entry<String, RawValue> value : layer.values().entrySet()) {
            String key = value.getKey();
            if (profile == null && key.equals(DEFAULT_SERVICE_KEY)) {
                continue; // the assembler reads it
            }
            Written written = new Written(key, value.getValue(), key);
            KeyRules.check(written, false, structure, false);
            common.add(written);
        }
        Map<String, List<Written>> services = new LinkedHashMap<>();
        for (ConfigLayer.ServiceBlock block : layer.services().values()) {
            if (profile != null && !names.contains(block.name())) {
                throw new ConfigException(ConfigSource.profile(profile, doc.shown(), block.line()) + ": profiles." + profile
                        + ".services: there is no service '" + block.name() + "'" + Suggestions.closest(block.name(), names)
                        .map(s -> "; did you mean '" + s + "'?").orElse(";") + " a profile changes the services"
                        + " declared under the top-level 'services:' (" + String.join(", ", names) + ")");
            }
            List<Written> own = new ArrayList<>();
            for (Map.Entry<String, RawValue> value : block.values().entrySet()) {
                Written written = new Written(value.getKey(), value.getValue(), "services." + block.name() + "."
                        + value.getKey());
                KeyRules.check(written, true, List.of(), false);
                own.add(written);
            }
            services.put(block.name(), own);
        }
        return new Layer(common, services);
    }

    private static Layer envLayer(Map<String, String> env, List<String> warnings) {
        List<String> envNames = new ArrayList<>();
        List<Written> common = new ArrayList<>();
        for (ConfigKey key : ConfigKey.values()) {
            if (!key.readsEnvironment()) {
                continue;
            }
            envNames.add(key.envName());
            String value = env.get(key.envName());
            if (value != null) {
                common.add(new Written(key.key(), new RawValue(value, ConfigSource.env(key.envName())), key.key()));
            }
        }
        if (env.containsKey(ConfigKey.TOKEN.envName())) {
            warnings.add("environment variable " + ConfigKey.TOKEN.envName() + " is ignored: a service's token is read"
                    + " from the variable its configuration names ('tokenEnv: " + ConfigKey.TOKEN.envName() + "')");
        }
        Set<String> unknown = new TreeSet<>();
        for (String n : env.keySet()) {
            if (n.startsWith("SIDEEYE_") && !NOT_KEYS.contains(n) && !envNames.contains(n)
                    && !n.equals(ConfigKey.TOKEN.envName())) {
                unknown.add(n);
            }
        }
        for (String n : unknown) {
            Suggestions.closest(n, envNames).ifPresent(s -> warnings.add(
                    "environment variable " + n + " is not a setting and is ignored; did you mean " + s + "?"));
        }
        return new Layer(common, Map.of());
    }

    /** Options: {@code KEY} applies to every service, {@code SERVICE.KEY} (or {@code services.SERVICE.KEY}) to one. */
    private static Layer flagLayer(List<ConfigRequest.Flag> flags, List<String> names) {
        List<Written> common = new ArrayList<>();
        Map<String, List<Written>> services = new LinkedHashMap<>();
        for (ConfigRequest.Flag flag : flags) {
            RawValue raw = new RawValue(flag.value(), ConfigSource.flag(flag.option()));
            String path = flag.key().startsWith("services.") ? flag.key().substring("services.".length()) : flag.key();
            int dot = path.indexOf('.');
            if (dot < 0) {
                Written written = new Written(path, raw, flag.key());
                KeyRules.check(written, false, List.of(), true);
                common.add(written);
                continue;
            }
            String service = path.substring(0, dot);
            Written written = new Written(path.substring(dot + 1), raw, flag.key());
            if (!names.contains(service)) {
                throw new ConfigException(raw.source() + ": " + flag.key() + ": there is no service '" + service + "'"
                        + Suggestions.closest(service, names).map(s -> "; did you mean '" + s + "'?").orElse(";")
                        + " services: " + String.join(", ", names));
            }
            KeyRules.check(written, true, List.of(), true);
            services.computeIfAbsent(service, s -> new ArrayList<>()).add(written);
        }
        return new Layer(common, services);
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
