package io.sideeye.config;

import io.sideeye.service.ServiceBuilder;
import io.sideeye.service.ServiceConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The keys whose values differ between two configurations, and what applying them takes.
 *
 * @param changed the differing keys, in documentation order
 * @param before  the old configuration
 * @param after   the new configuration
 */
public record ConfigDiff(List<ConfigKey> changed, ServiceConfig before, ServiceConfig after) {

    /** Compares two configurations key by key. */
    public static ConfigDiff between(ServiceConfig before, ServiceConfig after) {
        List<ConfigKey> changed = Arrays.stream(ConfigKey.values())
                .filter(k -> !Objects.equals(k.valueIn(before), k.valueIn(after))).toList();
        return new ConfigDiff(changed, before, after);
    }

    /** Whether nothing differs. */
    public boolean isEmpty() {
        return changed.isEmpty();
    }

    /** Whether a changed key alters the backend process itself (command, port, python, environment, ...). */
    public boolean needsBackendRestart() {
        return changed.stream().anyMatch(k -> k.change() == ConfigKey.Change.RESTART);
    }

    /** The changed keys that alter the backend process. */
    public List<ConfigKey> restartKeys() {
        return changed.stream().filter(k -> k.change() == ConfigKey.Change.RESTART).toList();
    }

    /**
     * {@code target} with every changed key set to its new value: how a running copy of a
     * service (which keeps its own name and port) takes on the new settings.
     */
    public ServiceConfig applyTo(ServiceConfig target) {
        ServiceBuilder builder = target.toBuilder();
        changed.forEach(k -> k.applyTo(builder, k.valueIn(after)));
        return builder.config();
    }

    /** {@code healthCheckInterval 10s -> 1s, port 8000 -> 8001}. */
    public String describe() {
        return changed.stream().map(k -> k.key() + " " + k.render(k.valueIn(before)) + " -> " + k.render(k.valueIn(after)))
                .collect(Collectors.joining(", "));
    }
}
