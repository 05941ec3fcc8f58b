package io.sideeye.desktop.model;

import static io.sideeye.desktop.model.Statuses.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceState;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForwardedStatusTest {

    private static Optional<ForwardedStatus> forward(ServiceEvent e) {
        return ForwardedStatus.of(e);
    }

    @Test
    void lifecycleEventsAreForwardedByNameWithoutError() {
        assertThat(forward(new ServiceEvent.Starting(T0))).contains(new ForwardedStatus("starting", null));
        assertThat(forward(new ServiceEvent.Started(T0, 1, 8000, 20))).contains(new ForwardedStatus("started", null));
        assertThat(forward(new ServiceEvent.Stopping(T0))).contains(new ForwardedStatus("stopping", null));
        assertThat(forward(new ServiceEvent.Stopped(T0))).contains(new ForwardedStatus("stopped", null));
        assertThat(forward(new ServiceEvent.Restarting(T0, 1, 2000))).contains(new ForwardedStatus("restarting", null));
    }

    @Test
    void unhealthyCarriesTheErrorOrTheHttpStatus() {
        assertThat(forward(new ServiceEvent.Unhealthy(T0, 0, "connection refused", 1)))
                .contains(new ForwardedStatus("unhealthy", "connection refused"));
        assertThat(forward(new ServiceEvent.Unhealthy(T0, 503, null, 1)))
                .contains(new ForwardedStatus("unhealthy", "HTTP 503"));
    }

    @Test
    void errorCarriesItsMessageNotItsCause() {
        assertThat(forward(new ServiceEvent.Error(T0, "Django service failed to start", "Traceback ...")))
                .contains(new ForwardedStatus("error", "Django service failed to start"));
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
        assertThat(ForwardedStatus.of(Statuses.of(ServiceState.STOPPED))).isEqualTo(new ForwardedStatus("stopped", null));
        assertThat(ForwardedStatus.of(Statuses.of(ServiceState.STARTING)).status()).isEqualTo("starting");
        assertThat(ForwardedStatus.of(Statuses.of(ServiceState.BACKOFF)).status()).isEqualTo("restarting");
        assertThat(ForwardedStatus.of(Statuses.of(ServiceState.STOPPING)).status()).isEqualTo("stopping");
        assertThat(ForwardedStatus.of(Statuses.of(ServiceState.FAILED)))
                .isEqualTo(new ForwardedStatus("error", "Max restart attempts reached (3)"));
        assertThat(ForwardedStatus.of(Statuses.of(ServiceState.RUNNING, Statuses.healthy(2), 10)).status())
                .isEqualTo("started");
        assertThat(ForwardedStatus.of(Statuses.of(ServiceState.RUNNING, Statuses.unhealthy(500, null), 10)))
                .isEqualTo(new ForwardedStatus("unhealthy", "HTTP 500"));
        assertThat(ForwardedStatus.of(Statuses.of(ServiceState.EXTERNAL)).status()).isEqualTo("starting");
        assertThat(ForwardedStatus.of(Statuses.of(ServiceState.EXTERNAL, Statuses.unhealthy(0, "connection refused"), 0)))
                .isEqualTo(new ForwardedStatus("unhealthy", "connection refused"));
    }
}
