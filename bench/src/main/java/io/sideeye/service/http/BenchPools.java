package io.sideeye.service.http;

import java.time.Duration;
import java.util.concurrent.Executor;

/** Gives the apiCall benchmarks the kind of executor the core's API transport uses, so that the bare client is configured alike. */
public final class BenchPools {
    private BenchPools() {}

    /** A pool configured like the shared API transport's executor. */
    public static Executor apiTransportPool() {
        return DaemonPool.create("bench-http-client", 8, Duration.ofSeconds(5));
    }
}
