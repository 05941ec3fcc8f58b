package io.sideeye.cli.config;

import io.sideeye.service.ServiceConfig;
import io.sideeye.service.ServiceConfigException;
import io.sideeye.service.ServiceSpec;
import java.util.List;
import java.util.Map;

/**
 * The checks that concern several services at once, each error placed where the offending
 * value was written: {@code after} names another declared service, two managed services never
 * share a fixed port, the default service exists. Dependency cycles are the core's own check
 * ({@link ResolvedGroup#toGroup()}), placed here too.
 */
final class GroupChecks {
    private final List<ServiceSpec> specs;
    private final Map<String, Map<String, Written>> written;
    private final List<String> names;

    /** @param written every service's chosen values by key */
    GroupChecks(List<ServiceSpec> specs, Map<String, Map<String, Written>> written) {
        this.specs = specs;
        this.written = written;
        this.names = specs.stream().map(ServiceSpec::name).toList();
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

    /** Two services that spawn a process never share a fixed port (both would fail to start, or steal each other's). */
    void portsDiffer() {
        for (int i = 0; i < specs.size(); i++) {
            for (int j = i + 1; j < specs.size(); j++) {
                ServiceConfig a = specs.get(i).config();
                ServiceConfig b = specs.get(j).config();
                if (a.port() != 0 && a.port() == b.port() && !a.attached() && !b.attached()
                        && a.connectHost().equals(b.connectHost())) {
                    throw samePort(specs.get(i).name(), specs.get(j).name(), a.port());
                }
            }
        }
    }

    private ConfigException samePort(String first, String second, int port) {
        Written a = written.get(first).get(ConfigKey.PORT.key());
        Written b = written.get(second).get(ConfigKey.PORT.key());
        String remedy = "give each service its own port, or 'port: auto' (a free port at each start)";
        if (a != null && a == b || b == null) {
            Written shared = a != null ? a : b;
            String fix = switch (shared.raw().source().kind()) {
                case FLAG -> "give it to one service (--set " + first + ".port=" + port + ")";
                case ENV -> "set the port under one service in the configuration file instead";
                default -> "write the port under one service (services." + first + ".port: " + port + ")";
            };
            return shared.error(port + " applies to services " + first + " and " + second + ", which cannot share"
                    + " a port; " + fix + " and let the others pick a free one ('port: auto')");
        }
        return b.error(port + " is also the port of service " + first + (a == null ? "" : " (" + a.raw().source() + ")")
                + "; " + remedy);
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
