package io.sideeye.cli.config;

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
 * @param services the services whose settings changed, with what changed, in declaration order
 */
public record GroupDiff(List<String> shape, Map<String, ConfigDiff> services) {
    /** Keeps unmodifiable copies, in order. */
    public GroupDiff {
        shape = List.copyOf(shape);
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
        Map<String, ConfigDiff> services = new LinkedHashMap<>();
        for (ServiceSpec next : after.services()) {
            if (!before.names().contains(next.name())) {
                continue;
            }
            ServiceSpec old = before.spec(next.name());
            for (GroupKey key : GroupKey.values()) {
                if (!Objects.equals(key.valueIn(old), key.valueIn(next))) {
                    shape.add(next.name() + "." + key.key() + " " + key.render(key.valueIn(old)) + " -> "
                            + key.render(key.valueIn(next)));
                }
            }
            ConfigDiff diff = ConfigDiff.between(old.config(), next.config());
            if (!diff.isEmpty()) {
                services.put(next.name(), diff);
            }
        }
        return new GroupDiff(shape, services);
    }

    /** Whether nothing differs. */
    public boolean isEmpty() {
        return shape.isEmpty() && services.isEmpty();
    }

    /** Whether the group's shape changed, which takes a new group. */
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
