package io.sideeye.service.http;

import java.util.concurrent.CompletableFuture;

/**
 * Sends HTTP requests to the backend without blocking the caller. Health checks go through
 * {@code probe.SocketHttpProbe} (cheapest per request), API calls through {@code client.JdkHttpTransport}
 * (every method, pooled connections); both are JVM-wide singletons.
 */
public interface HttpTransport extends AutoCloseable {

    /**
     * Sends {@code call} without blocking. The future completes with the reply (any status), or
     * exceptionally with an {@link HttpFailure}, or with an {@link IllegalArgumentException} for a
     * call that cannot be sent (e.g. a header holding a line break).
     */
    CompletableFuture<HttpReply> send(HttpCall call);

    /** Releases threads and pooled connections; the JVM-wide instances ignore it. */
    @Override
    void close();
}
