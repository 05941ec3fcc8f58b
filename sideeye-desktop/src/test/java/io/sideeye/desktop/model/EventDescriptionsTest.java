package io.sideeye.desktop.model;

import static io.sideeye.desktop.model.Statuses.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.ServiceEvent;
import org.junit.jupiter.api.Test;

class EventDescriptionsTest {

    @Test
    void outputLinesKeepTheirTextAndStream() {
        assertThat(EventDescriptions.of(new ServiceEvent.Stdout(T0, "GET /api/health/ 200")))
                .isEqualTo(new LogEntry(T0, LogKind.STDOUT, "GET /api/health/ 200"));
        assertThat(EventDescriptions.of(new ServiceEvent.Stderr(T0, "Traceback (most recent call last):")))
                .isEqualTo(new LogEntry(T0, LogKind.STDERR, "Traceback (most recent call last):"));
    }

    @Test
    void failuresAreErrorsWithTheirEvidence() {
        LogEntry e = EventDescriptions.of(new ServiceEvent.Error(T0, "Django service failed to start",
                "ModuleNotFoundError: No module named 'django'\n"));
        assertThat(e.kind()).isEqualTo(LogKind.ERROR);
        assertThat(e.text()).isEqualTo("Error: Django service failed to start" + System.lineSeparator()
                + "ModuleNotFoundError: No module named 'django'");
        assertThat(EventDescriptions.of(new ServiceEvent.ApiError(T0, "/notes/", "POST", "connection refused")).text())
                .isEqualTo("API call failed: POST /notes/: connection refused");
    }

    @Test
    void healthAndExitsAreSaidPlainly() {
        assertThat(EventDescriptions.of(new ServiceEvent.Unhealthy(T0, 503, null, 12.3)))
                .isEqualTo(new LogEntry(T0, LogKind.WARNING, "Health check failed: HTTP 503 after 12 ms"));
        assertThat(EventDescriptions.of(new ServiceEvent.Healthy(T0, 200, null, 1.25)).text())
                .isEqualTo("Health check passed: HTTP 200 in 1.3 ms");
        assertThat(EventDescriptions.of(new ServiceEvent.ProcessExit(T0, 143, "SIGTERM")).text())
                .isEqualTo("Process ended by SIGTERM (exit code 143)");
        assertThat(EventDescriptions.of(new ServiceEvent.ProcessExit(T0, 1, null)).text())
                .isEqualTo("Process exited with code 1");
        assertThat(EventDescriptions.of(new ServiceEvent.Restarting(T0, 2, 4000)).text())
                .isEqualTo("Restarting the backend in 4000 ms (attempt 2)");
        assertThat(EventDescriptions.of(new ServiceEvent.Restarting(T0, 0, 0)).text())
                .isEqualTo("Restarting the backend");
    }
}
