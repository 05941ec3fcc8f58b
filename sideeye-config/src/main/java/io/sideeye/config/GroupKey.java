package io.sideeye.config;

import io.sideeye.service.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The keys of a service that shape the group rather than its process ({@link ServiceSpec}):
 * what it starts after, and how many copies run. {@code after} belongs under a service;
 * {@code instances} may also be written at the top level, as a default every service inherits.
 * Values are read with a switch rather than a lambda per key, as {@link ConfigKey}'s are: each
 * lambda would be a class that every start loads and the daemon keeps.
 */
public enum GroupKey {
    /** The services this one starts after (once they are healthy); stopped before them. */
    AFTER("after", ValueType.NAMES, false),
    /** How many copies of the service run, each on its own free port. */
    INSTANCES("instances", ValueType.COUNT, true);

    private final String key;
    private final ValueType type;
    private final boolean inheritable;

    GroupKey(String key, ValueType type, boolean inheritable) {
        this.key = key;
        this.type = type;
        this.inheritable = inheritable;
    }

    /** The key as written, e.g. {@code after}. */
    public String key() {
        return key;
    }

    /** The kind of value it holds. */
    public ValueType type() {
        return type;
    }

    /** Whether it may be written outside a service, as a default for every service. */
    public boolean inheritable() {
        return inheritable;
    }

    /** Reads the value from a service's spec. */
    public Object valueIn(ServiceSpec spec) {
        return switch (this) {
            case AFTER -> spec.after();
            case INSTANCES -> spec.instances();
        };
    }

    /** The value as shown by {@code --print-config}. */
    public String render(Object value) {
        return type.render(value);
    }

    /** The key with this name. */
    public static Optional<GroupKey> byKey(String name) {
        for (GroupKey k : values()) {
            if (k.key.equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** All key names. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (GroupKey k : values()) {
            names.add(k.key);
        }
        return List.copyOf(names);
    }
}
