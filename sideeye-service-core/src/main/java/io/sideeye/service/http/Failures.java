package io.sideeye.service.http;

import io.sideeye.service.time.DurationText;
import java.time.Duration;
import java.util.Locale;

/** The readable {@link HttpFailure}s both transports report, worded in one place. */
public final class Failures {
    private Failures() {
    }

    /** Nothing listens on the port. */
    public static HttpFailure refused(Throwable cause) {
        return new HttpFailure(HttpFailure.Kind.REFUSED, "connection refused", cause);
    }

    /** No complete answer within {@code timeout}: {@code timed out after 5s}. */
    public static HttpFailure timeout(Duration timeout, Throwable cause) {
        return new HttpFailure(HttpFailure.Kind.TIMEOUT, "timed out after " + DurationText.format(timeout), cause);
    }

    /** The connection was not established within {@code connectTimeout}. */
    public static HttpFailure connectTimeout(Duration connectTimeout, Throwable cause) {
        return new HttpFailure(HttpFailure.Kind.TIMEOUT, "connect timed out after "
                + DurationText.format(connectTimeout), cause);
    }

    /** The answer is larger than {@code max} bytes; {@code declared} is its Content-Length, or -1. */
    public static HttpFailure tooLarge(long max, long declared) {
        String size = declared >= 0 ? "answer of " + declared + " bytes" : "answer";
        return new HttpFailure(HttpFailure.Kind.TOO_LARGE, size + " exceeds the " + max
                + "-byte limit (maxResponseBytes); it was not read");
    }

    /** Any other failure, described by {@code what} (e.g. {@code connection reset}). */
    public static HttpFailure io(String what, Throwable cause) {
        return new HttpFailure(HttpFailure.Kind.IO, what, cause);
    }

    /** A failure from an I/O library as one of ours: its message, or its type when it has none. */
    public static HttpFailure io(Throwable cause) {
        String message = cause.getMessage();
        String what = message == null || message.isBlank()
                ? cause.getClass().getSimpleName()
                : Quoting.sanitize(message.toLowerCase(Locale.ROOT).startsWith("connection") ? message
                        : "I/O error: " + message, 200);
        return io(what, cause);
    }

    /** The first {@link HttpFailure} in {@code error}'s cause chain, or null. */
    public static HttpFailure find(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpFailure failure) {
                return failure;
            }
        }
        return null;
    }

    /**
     * A socket exchange's failure as one of ours: a timeout (connect or read) as TIMEOUT after
     * {@code timeout}, a refused connection as REFUSED, an unknown host with what to do, any
     * other I/O error as IO; HttpFailures and IllegalArgumentExceptions as they are.
     */
    public static Throwable ofSocket(Exception e, Duration timeout) {
        if (e instanceof HttpFailure || e instanceof IllegalArgumentException) {
            return e;
        }
        if (e instanceof java.net.SocketTimeoutException) {
            return timeout(timeout, e);
        }
        if (e instanceof java.net.ConnectException) {
            String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("timed out")) {
                return timeout(timeout, e);
            }
            return message.isEmpty() || message.contains("refused") ? refused(e) : io(e);
        }
        if (e instanceof java.net.UnknownHostException) {
            return io("unknown host " + Quoting.quote(e.getMessage(), 80)
                    + "; use an IP address or a name this machine can resolve", e);
        }
        return io(e);
    }
}
