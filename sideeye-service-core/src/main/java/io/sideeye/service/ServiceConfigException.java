package io.sideeye.service;

/**
 * An invalid configuration value. The message names the field, the rejected value and what is
 * allowed, e.g. {@code port: -1 is out of range; use 0 (pick a free port) to 65535}.
 */
public class ServiceConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field   the configuration key that holds the bad value
     * @param message the whole sentence shown to the user, naming the field and the remedy
     */
    public ServiceConfigException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The configuration key (builder method name) whose value was rejected. */
    public String field() {
        return field;
    }
}
