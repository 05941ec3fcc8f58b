package io.sideeye.cli.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a command knows before the configuration is resolved.
 *
 * @param file       the file given with {@code -c}, or null to use {@code SIDEEYE_CONFIG} or {@code ./sideeye.yaml}
 * @param profile    the profile given with {@code --profile}, or null to use {@code SIDEEYE_PROFILE}
 * @param flags      values given by command-line options, highest precedence
 * @param env        the environment ({@code SIDEEYE_*} overrides)
 * @param workingDir the folder relative paths from flags and the environment are resolved against
 */
public record ConfigRequest(Path file, String profile, List<Flag> flags, Map<String, String> env, Path workingDir) {

    /**
     * One value given on the command line.
     *
     * @param key    the configuration key, e.g. {@code port}
     * @param value  the value as given (text, or a boolean for switches)
     * @param option the option that gave it, e.g. {@code --port}, for messages
     */
    public record Flag(String key, Object value, String option) {
    }

    public ConfigRequest {
        flags = List.copyOf(flags);
        env = Map.copyOf(env);
        workingDir = workingDir.toAbsolutePath();
    }

    /** A request with no file, flags or environment overrides beyond what is given. */
    public static ConfigRequest of(Path file, String profile, List<Flag> flags) {
        return new ConfigRequest(file, profile, flags, System.getenv(), Path.of(""));
    }
}
