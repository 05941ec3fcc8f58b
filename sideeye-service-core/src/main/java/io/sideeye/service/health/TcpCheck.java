package io.sideeye.service.health;

import io.sideeye.service.HealthCheckResult;
import io.sideeye.service.net.PortProbe;
import io.sideeye.service.time.Scheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The health check of {@code health: tcp}: whether the port accepts a connection within the
 * check's timeout. Nothing is sent, so the backend logs nothing; the result's status is 0.
 */
public final class TcpCheck {
    private TcpCheck() {
    }

    /**
     * Connects to {@code host:port} on {@code blocking} (a connect may wait up to {@code timeout})
     * and completes with the result, timed by {@code clock}.
     */
    public static CompletableFuture<HealthCheckResult> run(PortProbe ports, String host, int port, Duration timeout,
                                                           Executor blocking, Scheduler clock) {
        long t0 = clock.nanoTime();
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        return CompletableFuture.supplyAsync(() -> ports.accepts(host, port, millis), blocking)
                .handle((accepted, error) -> {
                    boolean ok = Boolean.TRUE.equals(accepted);
                    return new HealthCheckResult(clock.now(), ok, 0, ok ? null : "port " + port + " on " + host
                            + " does not accept connections", (clock.nanoTime() - t0) / 1e6);
                });
    }
}
