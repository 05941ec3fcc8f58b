package io.sideeye.config;

import io.sideeye.service.ServiceSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The keys of a service that shape the group rather than its process ({@link ServiceSpec}):
 * what it starts after, and how many copies run. {@code after} belongs under a service;
 * {@code instances} may also be written at the top level, as a default every service inherits.
 */
public enum GroupKey {
    /** The services this one starts after (once they are healthy); stopped before them. */
    AFTER("after", ValueType.NAMES, false, ServiceSpec::after),
    /** How many copies of the service run, each on its own free port. */
    INSTANCES("instances", ValueType.COUNT, true, ServiceSpec::instances);

    private final String key;
    private final ValueType type;
    private final boolean inheritable;
    private final Function<ServiceSpec, Object> read;

    @SuppressWarnings("unchecked")
    GroupKey(String key, ValueType type, boolean inheritable, Function<ServiceSpec, ?> read) {
        this.key = key;
        this.type = type;
        this.inheritable = inheritable;
        this.read = (Function<ServiceSpec, Object>) read;
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
        return read.apply(spec);
    }

    /** The value as shown by {@code --print-config}. */
    public String render(Object value) {
        return type.render(value);
    }

    /** The key with this name. */
    public static Optional<GroupKey> byKey(String name) {
        return Arrays.stream(values()).filter(k -> k.key.equals(name)).findFirst();
    }

    /** All key names. */
    public static List<String> names() {
        return Arrays.stream(values()).map(GroupKey::key).toList();
    }
}
