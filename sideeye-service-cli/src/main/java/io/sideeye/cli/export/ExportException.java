package io.sideeye.cli.export;

/**
 * A service or configuration that cannot be exported as asked; the message names the service or
 * value and says what to do instead. Nothing was written.
 */
public final class ExportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message the whole explanation shown to the user */
    public ExportException(String message) {
        super(message);
    }
}
