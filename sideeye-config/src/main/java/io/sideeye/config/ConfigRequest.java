package io.sideeye.config;

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
 * @param useFiles   false to ignore configuration files and {@code SIDEEYE_*} variables (defaults and flags only)
 */
public record ConfigRequest(Path file, String profile, List<Flag> flags, Map<String, String> env, Path workingDir,
                            boolean useFiles) {

    /**
     * One value given on the command line.
     *
     * @param key    the configuration key, e.g. {@code port}
     * @param value  the value as given (text, or a boolean for switches)
     * @param option the option that gave it, e.g. {@code --port}, for messages
     */
    public record Flag(String key, Object value, String option) {
    }

    /** Keeps unmodifiable copies and an absolute working directory. */
    public ConfigRequest {
        flags = List.copyOf(flags);
        env = Map.copyOf(env);
        workingDir = workingDir.toAbsolutePath();
    }

    /** A request that reads files and the environment as usual. */
    public ConfigRequest(Path file, String profile, List<Flag> flags, Map<String, String> env, Path workingDir) {
        this(file, profile, flags, env, workingDir, true);
    }

    /** A request for the defaults and {@code flags} only: no file, no environment overrides. */
    public static ConfigRequest flagsOnly(List<Flag> flags, Path workingDir) {
        return new ConfigRequest(null, null, flags, Map.of(), workingDir, false);
    }
}
