package io.sideeye.config;

import io.sideeye.service.ServiceConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The merged, validated configuration and where each value came from.
 *
 * @param config   the configuration to run
 * @param sources  the source of every key's value
 * @param file     the configuration file used, or null when none
 * @param profile  the profile applied, or null
 * @param warnings things worth telling the user that do not stop the run (e.g. a misspelled variable)
 */
public record ResolvedConfig(ServiceConfig config, Map<ConfigKey, ConfigSource> sources, Path file, String profile,
                             List<String> warnings) {
    /** Keeps unmodifiable copies of the sources and warnings. */
    public ResolvedConfig {
        sources = Map.copyOf(sources);
        warnings = List.copyOf(warnings);
    }

    /** Where the value of {@code key} came from. */
    public ConfigSource sourceOf(ConfigKey key) {
        return sources.getOrDefault(key, ConfigSource.DEFAULT);
    }
}
