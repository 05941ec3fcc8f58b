package io.sideeye.service.http;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executor;

/** Gives the apiCall benchmark the executor the core's API transport uses, to isolate its cost. */
public final class BenchPools {
    private BenchPools() {}

    /** A pool configured like the shared API transport's executor. */
    public static Executor apiTransportPool() {
        return DaemonPool.create("bench-http-client", 8, Duration.ofSeconds(5));
    }

    /** The body handler the API transport uses (answers capped at {@code maxBytes}). */
    public static HttpResponse.BodyHandler<byte[]> cappedBody(long maxBytes) {
        return CappedBodySubscriber.handler(maxBytes, s -> { });
    }
}
