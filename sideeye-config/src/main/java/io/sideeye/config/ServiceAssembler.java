package io.sideeye.config;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceBuilder;
import io.sideeye.service.ServiceConfig;
import io.sideeye.service.ServiceConfigException;
import io.sideeye.service.ServiceSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns the layers of a configuration into one {@link ServiceSpec} per service: for each
 * service the highest value of every key, converted, applied to the core's builder and
 * validated there. Errors name where the offending value was written.
 */
final class ServiceAssembler {
    private final ConfigDocument doc;
    private final Path workingDir;
    private final Map<String, String> env;
    private final boolean declared;

    /**
     * @param doc      the file, or null when there is none
     * @param env      where {@code tokenEnv} variables are read
     * @param declared whether the file declares {@code services:} (then {@code port} defaults to auto)
     */
    ServiceAssembler(ConfigDocument doc, Path workingDir, Map<String, String> env, boolean declared) {
        this.doc = doc;
        this.workingDir = workingDir;
        this.env = env;
        this.declared = declared;
    }

    /** Checks the form of every value of {@code layer} (for profiles that are not in use). */
    static void checkForms(Layer layer, Path base) {
        Stream.concat(layer.common().stream(), layer.services().values().stream().flatMap(List::stream))
                .forEach(w -> convert(w, base, Map.of(), false));
    }

    /** Every service with its values from {@code layers} (lowest precedence first), checked as a group. */
    ResolvedGroup assemble(List<String> names, List<Layer> layers, RawValue defaultService, String profile,
                           List<String> warnings) {
        List<ServiceSpec> specs = new ArrayList<>();
        Map<String, Map<String, ConfigSource>> sources = new LinkedHashMap<>();
        Map<String, Map<String, Written>> chosen = new LinkedHashMap<>();
        for (String name : names) {
            Map<String, Written> values = new LinkedHashMap<>();
            for (Layer layer : layers) {
                for (Written w : layer.valuesFor(name)) {
                    values.put(w.slot(), w);
                }
            }
            chosen.put(name, values);
            specs.add(spec(name, values));
            Map<String, ConfigSource> where = new LinkedHashMap<>();
            for (Written w : values.values()) {
                where.put(w.slot(), w.raw().source());
            }
            sources.put(name, where);
        }
        GroupChecks checks = new GroupChecks(specs, chosen);
        checks.afterNamesExist();
        String defaultName = checks.defaultService(defaultService);
        return new ResolvedGroup(specs, defaultName, sources, declared, doc == null ? null : doc.file(), profile,
                warnings);
    }

    private ServiceSpec spec(String name, Map<String, Written> values) {
        ServiceBuilder builder = DjangoServiceManager.builder().projectDir(workingDir).name(name);
        if (declared) {
            builder.port(0); // several services: a free port each, unless one is given
        }
        List<String> after = List.of();
        int instances = 1;
        for (Written w : values.values()) {
            Object value = convert(w, base(w), env, true);
            if (w.slot().equals(GroupKey.AFTER.key())) {
                after = names(value);
            } else if (w.slot().equals(GroupKey.INSTANCES.key())) {
                instances = (Integer) value;
            } else {
                ConfigKey.byKey(w.slot()).orElseThrow().applyTo(builder, value);
            }
        }
        ServiceConfig config;
        try {
            config = builder.config();
        } catch (ServiceConfigException e) {
            throw configError(e, name, values);
        }
        try {
            return ServiceSpec.of(name, config).after(after.toArray(new String[0])).instances(instances);
        } catch (ServiceConfigException e) {
            throw GroupChecks.specError(e, values, config);
        }
    }

    private Path base(Written w) {
        ConfigSource.Kind kind = w.raw().source().kind();
        return kind == ConfigSource.Kind.FILE || kind == ConfigSource.Kind.PROFILE ? doc.baseDir() : workingDir;
    }

    /** The value {@code w} stands for; {@code lookUp} false checks only the form (no environment look-up). */
    static Object convert(Written w, Path base, Map<String, String> env, boolean lookUp) {
        if (w.slot().equals(ConfigKey.TOKEN.key())) {
            return Tokens.resolve(w, env, lookUp);
        }
        ConfigKey configKey = ConfigKey.byKey(w.slot()).orElse(null);
        ValueType type = configKey != null ? configKey.type() : GroupKey.byKey(w.slot()).orElseThrow().type();
        if (w.raw().value() == null) {
            if (configKey != null && configKey.nullable()) {
                return null;
            }
            throw w.error("has no value; give " + type.description() + ", or remove the line to use the default");
        }
        try {
            return type.convert(w.raw().value(), base);
        } catch (ValueType.BadValue e) {
            throw w.error(e.getMessage());
        }
    }

    /** A range error of the core, placed where the offending value was written. */
    private ConfigException configError(ServiceConfigException e, String name, Map<String, Written> values) {
        if (e.field().equals("name")) {
            int line = doc == null ? 0 : doc.top().services().get(name).line();
            String why = e.getMessage().startsWith("name: ") ? e.getMessage().substring("name: ".length()) : e.getMessage();
            return new ConfigException(ConfigSource.file(doc.shown(), line) + ": services: " + why, e);
        }
        ConfigKey key = ConfigKey.byField(e.field()).orElse(null);
        Written w = key == null ? null : values.get(key.key());
        // the core names its field (apiToken, healthMode); the file names the key (token, health)
        String message = key != null && e.getMessage().startsWith(e.field() + ":")
                ? key.key() + e.getMessage().substring(e.field().length()) : e.getMessage();
        if (w != null) {
            String prefix = w.label().substring(0, w.label().length() - w.key().length());
            return new ConfigException(w.raw().source() + ": " + prefix + message, e);
        }
        String scope = declared ? "services." + name + "." : "";
        return new ConfigException((doc == null ? "configuration" : doc.shown()) + ": " + scope + message
                + " (" + (key == null ? e.field() : key.key()) + " is not set, so it has its default)", e);
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(Object value) {
        return (List<String>) value;
    }
}
