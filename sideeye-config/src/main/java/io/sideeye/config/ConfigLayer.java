package io.sideeye.config;

import java.util.Map;

/**
 * One layer of a configuration file: its top level, or one profile. Values outside
 * {@code services:} are defaults every service inherits; a service's block overrides them.
 *
 * @param values   keys other than {@code services} and {@code profiles}, in file order
 * @param services the {@code services:} blocks by name, in file order (empty when the layer has none)
 */
public record ConfigLayer(Map<String, RawValue> values, Map<String, ServiceBlock> services) {
    /** A layer with nothing set. */
    public static final ConfigLayer EMPTY = new ConfigLayer(Map.of(), Map.of());

    /**
     * One entry of {@code services:}.
     *
     * @param name   the service's name as written
     * @param line   the line the name is written on
     * @param values the service's own keys, in file order
     */
    public record ServiceBlock(String name, int line, Map<String, RawValue> values) {
    }
}
