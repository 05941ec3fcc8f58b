package io.sideeye.config;

import io.sideeye.service.ServiceConfig;
import io.sideeye.service.ServiceConfigException;
import io.sideeye.service.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checks of the services' names that the loader makes itself, to suggest the name meant:
 * {@code after} names a declared service, the default service exists. The rules between
 * services (cycles, shared fixed ports) are the core's own, applied when the group is built
 * ({@link ResolvedGroup#toGroup()}, {@link ResolvedGroup#validate()}) and placed where the
 * offending value was written.
 */
final class GroupChecks {
    private final List<ServiceSpec> specs;
    private final Map<String, Map<String, Written>> written;
    private final List<String> names;

    /** @param written every service's chosen values by key */
    GroupChecks(List<ServiceSpec> specs, Map<String, Map<String, Written>> written) {
        this.specs = specs;
        this.written = written;
        List<String> names = new ArrayList<>();
        for (ServiceSpec spec : specs) {
            names.add(spec.name());
        }
        this.names = names;
    }

    /** Every name in an {@code after} list is a service of the group. */
    void afterNamesExist() {
        for (ServiceSpec spec : specs) {
            for (String other : spec.after()) {
                if (!names.contains(other)) {
                    throw written.get(spec.name()).get(GroupKey.AFTER.key()).error("there is no service '" + other + "'"
                            + Suggestions.closest(other, names).map(s -> "; did you mean '" + s + "'?").orElse(";")
                            + " services: " + String.join(", ", names));
                }
            }
        }
    }

    /**
     * The service named by {@code defaultService:}, or the first one.
     *
     * @param raw the value written, or null
     */
    String defaultService(RawValue raw) {
        if (raw == null || raw.value() == null) {
            return names.get(0);
        }
        Written w = new Written(ConfigLoader.DEFAULT_SERVICE_KEY, raw, ConfigLoader.DEFAULT_SERVICE_KEY);
        if (!(raw.value() instanceof String name)) {
            throw w.error("is not a service name; write one of " + String.join(", ", names));
        }
        if (!names.contains(name)) {
            throw w.error("there is no service '" + name + "'" + Suggestions.closest(name, names)
                    .map(s -> "; did you mean '" + s + "'?").orElse(";") + " services: " + String.join(", ", names));
        }
        return name;
    }

    /**
     * A {@link ServiceSpec} error ({@code services.<name>.<key>: ...}) placed where that key was
     * written; for too many copies on a fixed port, also where the port was set.
     */
    static ConfigException specError(ServiceConfigException e, Map<String, Written> values, ServiceConfig config) {
        String key = e.field().substring(e.field().lastIndexOf('.') + 1);
        Written w = values.get(key);
        String where = w == null ? "configuration" : w.raw().source().toString();
        String detail = "";
        if (key.equals(GroupKey.INSTANCES.key()) && config.port() != 0 && !config.attached()) {
            Written port = values.get(ConfigKey.PORT.key());
            detail = "; port " + config.port() + (port == null ? " is the default" : " is set at " + port.raw().source())
                    + ": write 'port: auto' for this service";
        }
        return new ConfigException(where + ": " + e.getMessage() + detail, e);
    }
}
