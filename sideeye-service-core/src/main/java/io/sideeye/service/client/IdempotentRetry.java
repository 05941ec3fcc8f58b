package io.sideeye.service.client;

import io.sideeye.service.ApiResponse;
import io.sideeye.service.http.HttpFailure;
import java.util.Locale;
import java.util.Set;

/**
 * When {@code apiCall} sends a request a second time: once, for an idempotent method (GET, HEAD,
 * PUT, DELETE, OPTIONS), after a connection failure, never for POST or PATCH.
 *
 * <p>A connection failure is a refused connection (nothing listened: the request never reached
 * a server), or a connection reset or closed before a complete answer: what a client sees when
 * a backend is replaced between two calls on a kept-alive connection, or dies while answering.
 * Sending an idempotent request again then cannot change the outcome of the first one. A
 * timeout is not retried: the server may still be working on the request, and a second attempt
 * would double the caller's wait. An HTTP error status is an answer and is never retried.
 */
public final class IdempotentRetry {
    /** The methods sent again after a connection failure. */
    public static final Set<String> METHODS = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    private IdempotentRetry() {
    }

    /** True when a request with {@code normalizedMethod} that ended in {@code failure} is sent once more. */
    public static boolean applies(String normalizedMethod, HttpFailure failure) {
        return METHODS.contains(normalizedMethod) && connectionFailure(failure);
    }

    /**
     * True when {@code response}, the outcome of a call with {@code method} (any case; null is
     * GET), is a connection failure after which an idempotent call may be sent elsewhere.
     */
    public static boolean applies(String method, ApiResponse response) {
        String verb = method == null ? "GET" : method.trim().toUpperCase(Locale.ROOT);
        if (response.success() || response.status() != 0 || response.error() == null || !METHODS.contains(verb)) {
            return false;
        }
        String error = response.error();
        HttpFailure.Kind kind = error.equals("connection refused") ? HttpFailure.Kind.REFUSED : HttpFailure.Kind.IO;
        return connectionFailure(new HttpFailure(kind, error));
    }

    /** Refused, reset, or closed before a complete answer. */
    static boolean connectionFailure(HttpFailure failure) {
        if (failure.kind() == HttpFailure.Kind.REFUSED) {
            return true;
        }
        if (failure.kind() != HttpFailure.Kind.IO) {
            return false;
        }
        String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
        return message.startsWith("connection reset") || message.startsWith("connection closed")
                || message.contains("broken pipe");
    }
}
