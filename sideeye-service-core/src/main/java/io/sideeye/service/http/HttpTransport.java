package io.sideeye.service.http;

import java.util.concurrent.CompletableFuture;

/**
 * Sends HTTP requests to the backend; shared by health checks and API calls. Implementations
 * reuse connections and never block the caller. The returned future completes with the reply
 * (any status) or exceptionally with an {@link HttpFailure}.
 */
public interface HttpTransport extends AutoCloseable {

    /**
     * Sends {@code call} without blocking. The future completes with the reply (any status), or
     * exceptionally with an {@link HttpFailure}, or with an {@link IllegalArgumentException} for a
     * call that cannot be sent (e.g. a header holding a line break).
     */
    CompletableFuture<HttpReply> send(HttpCall call);

    /** Releases threads and pooled connections. */
    @Override
    void close();
}
