package io.sideeye.control;

/** The control server could not start (e.g. its port is taken); the message says what to do. */
public final class ControlServerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a readable message and its cause. */
    public ControlServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
