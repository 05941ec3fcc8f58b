package io.sideeye.config;

/**
 * Where a configuration value came from, in order of increasing precedence:
 * defaults, the file, a profile of the file, an environment variable, a command-line flag.
 *
 * @param kind  the layer
 * @param where the exact place: {@code sideeye.yaml:12}, {@code SIDEEYE_PORT}, {@code --port}; empty for defaults
 */
public record ConfigSource(Kind kind, String where) {

    /** The layers of configuration, lowest precedence first. */
    public enum Kind { DEFAULT, FILE, PROFILE, ENV, FLAG }

    /** The built-in default. */
    public static final ConfigSource DEFAULT = new ConfigSource(Kind.DEFAULT, "");

    /** A value at {@code line} of {@code file} (line 0 when unknown). */
    public static ConfigSource file(String file, int line) {
        return new ConfigSource(Kind.FILE, line > 0 ? file + ":" + line : file);
    }

    /** A value of profile {@code profile} at {@code line} of {@code file}. */
    public static ConfigSource profile(String profile, String file, int line) {
        return new ConfigSource(Kind.PROFILE, "profile " + profile + ", " + (line > 0 ? file + ":" + line : file));
    }

    /** A value of environment variable {@code name}. */
    public static ConfigSource env(String name) {
        return new ConfigSource(Kind.ENV, name);
    }

    /** A value given by command-line option {@code option}. */
    public static ConfigSource flag(String option) {
        return new ConfigSource(Kind.FLAG, option);
    }

    /** How the source is shown in {@code --print-config} and in error messages. */
    @Override
    public String toString() {
        return switch (kind) {
            case DEFAULT -> "default";
            case FILE -> where;
            case PROFILE -> where;
            case ENV -> "environment variable " + where;
            case FLAG -> "option " + where;
        };
    }
}
