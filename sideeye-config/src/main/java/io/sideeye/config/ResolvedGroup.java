package io.sideeye.config;

import io.sideeye.service.ServiceConfigException;
import io.sideeye.service.ServiceGroup;
import io.sideeye.service.ServiceSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every service of the merged, validated configuration, where each value came from, and the
 * service commands address when they name none. A file without {@code services:} gives one
 * service, {@code web}.
 *
 * @param services       the services in declaration order
 * @param defaultService the service addressed when none is named
 * @param sources        by service, by key ({@link ConfigKey#key()} or {@link GroupKey#key()}): where the value
 *                       came from; keys left at their default are absent
 * @param declared       whether the file declares {@code services:} (false: the single-service form)
 * @param file           the configuration file used, or null when none
 * @param profile        the profile applied, or null
 * @param warnings       things worth telling the user that do not stop the run
 */
public record ResolvedGroup(List<ServiceSpec> services, String defaultService,
                            Map<String, Map<String, ConfigSource>> sources, boolean declared, Path file, String profile,
                            List<String> warnings) {
    /** Keeps unmodifiable copies, in order. */
    public ResolvedGroup {
        services = List.copyOf(services);
        Map<String, Map<String, ConfigSource>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, ConfigSource>> service : sources.entrySet()) {
            copy.put(service.getKey(), Collections.unmodifiableMap(new LinkedHashMap<>(service.getValue())));
        }
        sources = Collections.unmodifiableMap(copy);
        warnings = List.copyOf(warnings);
    }

    /** The services' names in declaration order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (ServiceSpec spec : services) {
            names.add(spec.name());
        }
        return List.copyOf(names);
    }

    /**
     * The name {@code nameOrNull} stands for: itself, or the default service when null.
     *
     * @throws ConfigException for a name that is not a service, listing the services
     */
    public String name(String nameOrNull) {
        if (nameOrNull == null) {
            return defaultService;
        }
        if (!names().contains(nameOrNull)) {
            throw new ConfigException("there is no service '" + nameOrNull + "'" + Suggestions.closest(nameOrNull,
                    names()).map(s -> " (did you mean '" + s + "'?)").orElse("") + "; services" + (file == null ? ""
                    : " in " + file) + ": " + String.join(", ", names()));
        }
        return nameOrNull;
    }

    /** The spec of service {@code nameOrNull} (null: the default service); see {@link #name(String)}. */
    public ServiceSpec spec(String nameOrNull) {
        String name = name(nameOrNull);
        for (ServiceSpec spec : services) {
            if (spec.name().equals(name)) {
                return spec;
            }
        }
        throw new IllegalStateException("no spec for service " + name); // name() accepts only the services' names
    }

    /** The configuration of service {@code nameOrNull} (null: the default service) with its sources. */
    public ResolvedConfig service(String nameOrNull) {
        ServiceSpec spec = spec(nameOrNull);
        Map<ConfigKey, ConfigSource> keys = new EnumMap<>(ConfigKey.class);
        for (Map.Entry<String, ConfigSource> written : sources.get(spec.name()).entrySet()) {
            ConfigKey key = ConfigKey.byKey(written.getKey()).orElse(null);
            if (key != null) { // group keys (after, instances) are not the configuration's
                keys.put(key, written.getValue());
            }
        }
        return new ResolvedConfig(spec.config(), keys, file, profile, warnings);
    }

    /** Where the value of {@code key} of {@code service} came from. */
    public ConfigSource sourceOf(String service, String key) {
        return sources.getOrDefault(service, Map.of()).getOrDefault(key, ConfigSource.DEFAULT);
    }

    /**
     * Checks what only the services together show (e.g. a dependency cycle) without keeping a
     * group: for commands that run no group. A lone service has nothing to check.
     *
     * @throws ConfigException as {@link #toGroup()} does
     */
    public void validate() {
        if (services.size() > 1) {
            toGroup().close();
        }
    }

    /**
     * The group these services make (nothing is started yet).
     *
     * @throws ConfigException for what only the whole group shows, e.g. a dependency cycle,
     *                         placed where the offending {@code after} was written
     */
    public ServiceGroup toGroup() {
        ServiceGroup.Builder builder = ServiceGroup.builder().defaultService(defaultService);
        for (ServiceSpec spec : services) {
            builder.service(spec);
        }
        try {
            return builder.build();
        } catch (ServiceConfigException e) {
            throw placed(e);
        }
    }

    /**
     * {@code e}, which a group of these services raised, as a {@link ConfigException} placed where
     * the offending value was written (e.g. the file and line of an {@code after} list).
     */
    public ConfigException placed(ServiceConfigException e) {
        String[] path = e.field().split("\\.");
        ConfigSource source = path.length == 3 && path[0].equals("services") ? sourceOf(path[1], path[2])
                : ConfigSource.DEFAULT;
        String where = source.kind() == ConfigSource.Kind.DEFAULT ? (file == null ? "configuration" : file.toString())
                : source.toString();
        return new ConfigException(where + ": " + e.getMessage(), e);
    }
}
