package io.sideeye.config;

/**
 * A value as written, before conversion: a YAML/JSON scalar ({@code String}, {@code Integer},
 * {@code Long}, {@code Double}, {@code Boolean}), a {@code List} or {@code Map} of such, or a
 * string from the environment or a flag; null when the file wrote {@code null} or nothing.
 *
 * @param value  the value
 * @param source where it was written
 */
public record RawValue(Object value, ConfigSource source) {
}
