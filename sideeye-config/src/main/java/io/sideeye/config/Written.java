package io.sideeye.config;

/**
 * One key as written in one place, before conversion.
 *
 * @param key   the key as written ({@code port}, {@code tokenEnv}, ...)
 * @param raw   the value and where it was written
 * @param label how messages name it: {@code port}, {@code services.worker.port}, {@code worker.port}
 */
record Written(String key, RawValue raw, String label) {

    /** The setting it fills: {@code tokenEnv} and {@code token} are two ways of giving the token. */
    String slot() {
        return key.equals(KeyRules.TOKEN_ENV) ? ConfigKey.TOKEN.key() : key;
    }

    /** {@code source: label: message}, the form of every message about a value. */
    ConfigException error(String message) {
        return new ConfigException(raw.source() + ": " + label + ": " + message);
    }
}
