package io.sideeye.desktop.model;

import io.sideeye.service.HealthCheckResult;
import io.sideeye.service.LatencySummary;
import io.sideeye.service.ServiceState;
import io.sideeye.service.ServiceStatus;
import java.time.Instant;

/** Status snapshots for tests. */
final class Statuses {
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    private Statuses() {
    }

    static ServiceStatus of(ServiceState state) {
        return of(state, null, 0);
    }

    static ServiceStatus of(ServiceState state, HealthCheckResult last, long uptime) {
        boolean running = state == ServiceState.RUNNING || (state == ServiceState.EXTERNAL && last != null && last.healthy());
        Long pid = state.hasProcess() ? 4242L : null;
        return new ServiceStatus(running, state == ServiceState.STARTING, state == ServiceState.STOPPING, 0, last, pid,
                uptime, state, "http://127.0.0.1:8123", 8123, 2, null,
                state == ServiceState.FAILED ? "Max restart attempts reached (3)" : null,
                LatencySummary.EMPTY, LatencySummary.EMPTY, state == ServiceState.EXTERNAL, false,
                state != ServiceState.EXTERNAL, null);
    }

    static HealthCheckResult healthy(double latencyMs) {
        return new HealthCheckResult(T0, true, 200, null, latencyMs);
    }

    static HealthCheckResult unhealthy(int status, String error) {
        return new HealthCheckResult(T0, false, status, error, 5);
    }
}
