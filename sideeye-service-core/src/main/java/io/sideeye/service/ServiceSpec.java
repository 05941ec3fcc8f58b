package io.sideeye.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One member of a {@link ServiceGroup}: its name, its configuration, the services it runs
 * after and how many copies run. Immutable; {@link #after(String...)} and
 * {@link #instances(int)} return changed copies.
 *
 * <pre>{@code
 * ServiceSpec.of("worker", workerConfig).after("web").instances(2)
 * }</pre>
 *
 * <p>Errors are {@link ServiceConfigException}s whose field is {@code services.<name>.<key>},
 * e.g. {@code services.worker.instances: 3 copies need port 0 so each gets its own free port}.
 *
 * @param name      the service's name: a lower-case letter followed by up to 62 lower-case
 *                  letters, digits, {@code _} or {@code -}
 * @param config    the configuration every copy runs (each copy gets its own name and, with port 0, its own port)
 * @param after     the services that must be healthy before this one starts (no duplicates, not itself)
 * @param instances how many copies run, 1 to {@value #MAX_INSTANCES}; more than one needs port 0 and no external URL
 */
public record ServiceSpec(String name, ServiceConfig config, List<String> after, int instances) {
    /** The most copies of one service a group runs. */
    public static final int MAX_INSTANCES = 32;

    /** Validates every value; see the class documentation. */
    public ServiceSpec {
        ServiceNames.requireServiceName("services." + ServiceNames.printable(name) + ".name", name);
        String prefix = "services." + name + ".";
        if (config == null) {
            throw new ServiceConfigException(prefix + "config", prefix + "config: must be set; build one with"
                    + " DjangoServiceManager.builder()...config()");
        }
        after = requireAfter(prefix, name, after);
        if (instances < 1 || instances > MAX_INSTANCES) {
            throw new ServiceConfigException(prefix + "instances", prefix + "instances: " + instances
                    + " is out of range; use 1 to " + MAX_INSTANCES);
        }
        if (instances > 1 && config.attached()) {
            throw new ServiceConfigException(prefix + "instances", prefix + "instances: " + instances
                    + " copies of an external service make no sense: it runs elsewhere at one URL; use 1");
        }
        if (instances > 1 && config.port() != 0) {
            throw new ServiceConfigException(prefix + "instances", prefix + "instances: " + instances
                    + " copies need port 0 so each gets its own free port (port is " + config.port() + ")");
        }
    }

    /** One copy of {@code config} named {@code name}, after nothing. */
    public static ServiceSpec of(String name, ServiceConfig config) {
        return new ServiceSpec(name, config, List.of(), 1);
    }

    /** A copy that starts once every service in {@code names} is healthy (replacing any earlier list). */
    public ServiceSpec after(String... names) {
        return new ServiceSpec(name, config, List.of(Objects.requireNonNull(names, "names")), instances);
    }

    /** A copy that runs {@code n} instances. */
    public ServiceSpec instances(int n) {
        return new ServiceSpec(name, config, after, n);
    }

    private static List<String> requireAfter(String prefix, String name, List<String> after) {
        if (after == null) {
            return List.of();
        }
        List<String> checked = new ArrayList<>();
        for (String other : after) {
            ServiceNames.requireServiceName(prefix + "after", other);
            if (other.equals(name)) {
                throw new ServiceConfigException(prefix + "after", prefix + "after: '" + name
                        + "' cannot run after itself; remove it from its own after list");
            }
            if (checked.contains(other)) {
                throw new ServiceConfigException(prefix + "after", prefix + "after: '" + other
                        + "' is listed twice; list each service once");
            }
            checked.add(other);
        }
        return List.copyOf(checked);
    }
}
