package io.sideeye.config;

import io.sideeye.service.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What changed between two configurations of a group: the group's shape (which services, what
 * each starts after, how many copies, the default service), and each service's settings.
 *
 * @param shape    descriptions of changes to the group's shape, e.g. {@code worker.instances 1 -> 2}; empty when none
 * @param regroups whether the set of services or the default service changed
 * @param replacements the services to replace inside the running group, in declaration order: those
 *                     whose {@code after} list, number of copies or process settings
 *                     ({@link ConfigDiff#needsBackendRestart()}) changed; meaningless when {@code regroups}
 * @param services the services whose settings changed, with what changed, in declaration order
 */
public record GroupDiff(List<String> shape, boolean regroups, List<String> replacements,
                        Map<String, ConfigDiff> services) {
    /** Keeps unmodifiable copies, in order. */
    public GroupDiff {
        shape = List.copyOf(shape);
        replacements = List.copyOf(replacements);
        services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    /** Compares two configurations service by service. */
    public static GroupDiff between(ResolvedGroup before, ResolvedGroup after) {
        List<String> shape = new ArrayList<>();
        if (!before.names().equals(after.names())) {
            shape.add("services " + String.join(", ", before.names()) + " -> " + String.join(", ", after.names()));
        }
        if (!before.defaultService().equals(after.defaultService())) {
            shape.add("defaultService " + before.defaultService() + " -> " + after.defaultService());
        }
        boolean regroups = !shape.isEmpty();
        List<String> replacements = new ArrayList<>();
        Map<String, ConfigDiff> services = new LinkedHashMap<>();
        for (ServiceSpec next : after.services()) {
            if (!before.names().contains(next.name())) {
                continue;
            }
            ServiceSpec old = before.spec(next.name());
            boolean respec = false;
            for (GroupKey key : GroupKey.values()) {
                if (!Objects.equals(key.valueIn(old), key.valueIn(next))) {
                    shape.add(next.name() + "." + key.key() + " " + key.render(key.valueIn(old)) + " -> "
                            + key.render(key.valueIn(next)));
                    respec = true;
                }
            }
            ConfigDiff diff = ConfigDiff.between(old.config(), next.config());
            if (!diff.isEmpty()) {
                services.put(next.name(), diff);
            }
            if (respec || diff.needsBackendRestart()) {
                replacements.add(next.name());
            }
        }
        return new GroupDiff(shape, regroups, replacements, services);
    }

    /** Whether nothing differs. */
    public boolean isEmpty() {
        return shape.isEmpty() && services.isEmpty();
    }

    /** Whether the group's shape changed (its services, their {@code after} lists or copies, the default). */
    public boolean reshapes() {
        return !shape.isEmpty();
    }

    /**
     * What changed: {@code healthCheckInterval 10s -> 1s} for a lone service ({@code named}
     * false), else {@code worker: healthCheckInterval 10s -> 1s; web: port 8000 -> 8001}.
     */
    public String describe(boolean named) {
        List<String> parts = new ArrayList<>(shape);
        services.forEach((name, diff) -> parts.add(named ? name + ": " + diff.describe() : diff.describe()));
        return parts.stream().collect(Collectors.joining("; "));
    }
}
