package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeedStatusTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    /** A status as the manager publishes it, through the same snapshot. */
    private static ServiceStatus status(ServiceState state, HealthCheckResult last) {
        return new StatusSnapshot(state, 0, 0, last, state.hasProcess() ? 4242L : null, 1, "http://127.0.0.1:8123",
                8123, null, state == ServiceState.FAILED ? "Max restart attempts reached (3)" : null, null, null)
                .toStatus(2, new StatusSnapshot.LatencyFigures(LatencySummary.EMPTY, LatencySummary.EMPTY),
                        state == ServiceState.EXTERNAL, false, true, null);
    }

    private static Optional<SeedStatus> forward(ServiceEvent e) {
        return SeedStatus.of(e);
    }

    @Test
    void lifecycleEventsAreForwardedByNameWithoutError() {
        assertThat(forward(new ServiceEvent.Starting(T0))).contains(new SeedStatus("starting", null));
        assertThat(forward(new ServiceEvent.Started(T0, 1, 8000, 20))).contains(new SeedStatus("started", null));
        assertThat(forward(new ServiceEvent.Stopping(T0))).contains(new SeedStatus("stopping", null));
        assertThat(forward(new ServiceEvent.Stopped(T0))).contains(new SeedStatus("stopped", null));
        assertThat(forward(new ServiceEvent.Restarting(T0, 1, 2000))).contains(new SeedStatus("restarting", null));
    }

    @Test
    void unhealthyCarriesTheErrorOrTheHttpStatus() {
        assertThat(forward(new ServiceEvent.Unhealthy(T0, 0, "connection refused", 1)))
                .contains(new SeedStatus("unhealthy", "connection refused"));
        assertThat(forward(new ServiceEvent.Unhealthy(T0, 503, null, 1)))
                .contains(new SeedStatus("unhealthy", "HTTP 503"));
    }

    @Test
    void errorCarriesItsMessageNotItsCause() {
        assertThat(forward(new ServiceEvent.Error(T0, "Django service failed to start", "Traceback ...")))
                .contains(new SeedStatus("error", "Django service failed to start"));
    }

    @Test
    void otherEventsAreNotForwarded() {
        assertThat(forward(new ServiceEvent.Stdout(T0, "line"))).isEmpty();
        assertThat(forward(new ServiceEvent.Stderr(T0, "line"))).isEmpty();
        assertThat(forward(new ServiceEvent.Healthy(T0, 200, null, 1))).isEmpty();
        assertThat(forward(new ServiceEvent.Info(T0, "hello"))).isEmpty();
        assertThat(forward(new ServiceEvent.Warning(T0, "careful"))).isEmpty();
        assertThat(forward(new ServiceEvent.ProcessExit(T0, 143, "SIGTERM"))).isEmpty();
        assertThat(forward(new ServiceEvent.ProcessError(T0, "spawn failed", null))).isEmpty();
        assertThat(forward(new ServiceEvent.ApiError(T0, "/notes/", "GET", "timed out"))).isEmpty();
    }

    @Test
    void snapshotsAreSaidInTheSameWords() {
        assertThat(SeedStatus.of(status(ServiceState.STOPPED, null))).isEqualTo(new SeedStatus("stopped", null));
        assertThat(SeedStatus.of(status(ServiceState.STARTING, null)).status()).isEqualTo("starting");
        assertThat(SeedStatus.of(status(ServiceState.BACKOFF, null)).status()).isEqualTo("restarting");
        assertThat(SeedStatus.of(status(ServiceState.STOPPING, null)).status()).isEqualTo("stopping");
        assertThat(SeedStatus.of(status(ServiceState.FAILED, null)))
                .isEqualTo(new SeedStatus("error", "Max restart attempts reached (3)"));
        assertThat(SeedStatus.of(status(ServiceState.RUNNING, new HealthCheckResult(T0, true, 200, null, 2))).status())
                .isEqualTo("started");
        assertThat(SeedStatus.of(status(ServiceState.RUNNING, new HealthCheckResult(T0, false, 500, null, 5))))
                .isEqualTo(new SeedStatus("unhealthy", "HTTP 500"));
        assertThat(SeedStatus.of(status(ServiceState.EXTERNAL, null)).status()).isEqualTo("starting");
        assertThat(SeedStatus.of(status(ServiceState.EXTERNAL, new HealthCheckResult(T0, false, 0, "connection refused", 5))))
                .isEqualTo(new SeedStatus("unhealthy", "connection refused"));
    }
}
