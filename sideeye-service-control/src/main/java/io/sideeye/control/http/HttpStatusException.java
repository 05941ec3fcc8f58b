package io.sideeye.control.http;

/**
 * A request the server cannot serve as asked (400, 413, 415, ...). The message is shown to the
 * client in the JSON error envelope, so it must say what was wrong and never echo secrets.
 */
public final class HttpStatusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** A refusal with {@code status} and a readable {@code message}. */
    public HttpStatusException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status to answer with. */
    public int status() {
        return status;
    }
}
