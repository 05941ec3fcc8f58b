package io.sideeye.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The checks a group's services must pass together, and how a service becomes its instances. */
final class GroupRules {
    private GroupRules() {
    }

    /**
     * Rejects an empty group, duplicate names, an unknown default service and two managed services
     * on the same fixed port (one of them could never start).
     */
    static void validate(List<ServiceSpec> specs, String defaultService) {
        if (specs.isEmpty()) {
            throw new ServiceConfigException("services", "services: the group has no service; add one, e.g."
                    + " service(ServiceSpec.of(\"web\", config))");
        }
        Set<String> names = new LinkedHashSet<>();
        for (ServiceSpec spec : specs) {
            if (!names.add(spec.name())) {
                throw new ServiceConfigException("services." + spec.name(), "services." + spec.name()
                        + ": declared twice; give each service its own name");
            }
        }
        if (defaultService != null && !names.contains(defaultService)) {
            throw new ServiceConfigException("defaultService", "defaultService: '"
                    + ServiceNames.printable(defaultService) + "' is not a service of this group; use one of " + names);
        }
        Map<String, String> logFiles = new HashMap<>();
        for (ServiceSpec spec : specs) {
            Path log = spec.config().logFile();
            if (log == null) {
                continue;
            }
            if (spec.instances() > 1 && !log.toString().contains("{name}")) {
                throw new ServiceConfigException("services." + spec.name() + ".logFile", "services." + spec.name()
                        + ".logFile: " + log + " would be written by all " + spec.instances() + " copies at once; put"
                        + " {name} in it (e.g. " + log.resolveSibling("{name}.log") + "), which becomes each copy's name");
            }
            String other = logFiles.putIfAbsent(log.toAbsolutePath().normalize().toString()
                    .replace("{name}", spec.name()), spec.name());
            if (other != null) {
                throw new ServiceConfigException("services." + spec.name() + ".logFile", "services." + spec.name()
                        + ".logFile: " + log + " is also the log file of services." + other + "; give each service"
                        + " its own file, or use {name} in the path");
            }
        }
        Map<String, String> ports = new HashMap<>();
        for (ServiceSpec spec : specs) {
            ServiceConfig c = spec.config();
            if (c.attached() || c.port() == 0) {
                continue;
            }
            String address = c.connectHost() + ":" + c.port();
            String other = ports.putIfAbsent(address, spec.name());
            if (other != null) {
                throw new ServiceConfigException("services." + spec.name() + ".port", "services." + spec.name()
                        + ".port: " + c.port() + " on " + c.connectHost() + " is also the port of services." + other
                        + ", so only one of them could start; use port 0 (a free port) or another port");
            }
        }
    }

    /**
     * {@code specs} with {@code spec} in place of the service of the same name.
     *
     * @throws ServiceConfigException when no service has that name
     */
    static List<ServiceSpec> replaced(List<ServiceSpec> specs, ServiceSpec spec) {
        List<ServiceSpec> result = new ArrayList<>(specs);
        List<String> names = specs.stream().map(ServiceSpec::name).toList();
        int at = names.indexOf(spec.name());
        if (at < 0) {
            throw new ServiceConfigException("services." + spec.name(), "services." + spec.name() + ": is not a"
                    + " service of this group, and a replacement only changes a service it has; the services are "
                    + names);
        }
        result.set(at, spec);
        return result;
    }

    /** Each service's {@code after} list, in declaration order. */
    static Map<String, List<String>> afterLists(List<ServiceSpec> specs) {
        Map<String, List<String>> after = new LinkedHashMap<>();
        specs.forEach(spec -> after.put(spec.name(), spec.after()));
        return after;
    }

    /**
     * The managers of a service's instances, each with its own name: the service's name, or
     * {@code name#n} for instance n of several (which keeps their runtime records apart).
     */
    static List<DjangoServiceManager> instances(ServiceSpec spec, Function<ServiceConfig, DjangoServiceManager> factory) {
        List<DjangoServiceManager> managers = new ArrayList<>();
        try {
            for (int i = 1; i <= spec.instances(); i++) {
                String name = spec.instances() == 1 ? spec.name() : spec.name() + "#" + i;
                managers.add(factory.apply(spec.config().toBuilder().name(name).config()));
            }
        } catch (RuntimeException e) {
            managers.forEach(DjangoServiceManager::close);
            throw e;
        }
        return managers;
    }
}
