package io.sideeye.config;

/**
 * Bad configuration: a file that cannot be read or parsed, an unknown key, a wrong type or an
 * out-of-range value. The message is one sentence naming the place (file and line, environment
 * variable or option), the key and what is allowed. Commands turn it into exit code 2.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message the complete, user-facing message */
    public ConfigException(String message) {
        super(message);
    }

    /** @param message the complete, user-facing message; {@code cause} is kept for debugging only */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
