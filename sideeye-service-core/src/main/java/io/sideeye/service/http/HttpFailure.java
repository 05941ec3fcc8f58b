package io.sideeye.service.http;

import java.io.IOException;

/** A request that got no usable answer; {@link #getMessage()} is readable as it stands. */
public final class HttpFailure extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why no answer was used. */
    public enum Kind {
        /** Nothing listens on the port: {@code connection refused}. */
        REFUSED,
        /** No (complete) answer within the timeout: {@code timed out after 5s}. */
        TIMEOUT,
        /** The answer exceeded the size cap and was not read. */
        TOO_LARGE,
        /** Any other I/O failure (reset, malformed answer, ...). */
        IO
    }

    private final Kind kind;

    /** A failure of {@code kind} with a readable {@code message} (never holding a secret). */
    public HttpFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** A failure of {@code kind} with a readable {@code message} and the low-level {@code cause}. */
    public HttpFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** Why no answer was used. */
    public Kind kind() {
        return kind;
    }
}
