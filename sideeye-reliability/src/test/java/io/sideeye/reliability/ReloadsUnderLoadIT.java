package io.sideeye.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServerKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloads under load, nothing lost: plain HTTP clients ({@link PlainLoad}) send requests to the
 * service's port back to back while the manager restarts it, again and again
 * ({@code -Dsideeye.reloads}, 1,000 by default); not one request may fail. The backend is
 * the very light WSGI application of {@code src/test/resources/lightapp} under the
 * {@code waitress} preset (a generation starts in about 100 ms), so the count is the manager's
 * handover, not the backend's start.
 */
class ReloadsUnderLoadIT {
    private static final Path BACKEND = Path.of("..", "backend").toAbsolutePath().normalize();
    private static final Path VENV_PYTHON = BACKEND.resolve(".venv/bin/python");
    private static final Path LIGHT_APP = Path.of("src", "test", "resources", "lightapp").toAbsolutePath();
    private static final int CLIENTS = 4;

    @TempDir
    Path runtimeDir;

    @Test
    void noRequestFailsWhileTheServiceIsReloadedUnderLoad() throws Exception {
        assertThat(VENV_PYTHON).as("run scripts/setup-python first (./scripts/test does it)").isExecutable();
        int reloads = Integer.getInteger("sideeye.reloads", 1000);
        long began = System.nanoTime();
        try (DjangoServiceManager m = DjangoServiceManager.builder().projectDir(LIGHT_APP)
                .python(VENV_PYTHON.toString()).server(ServerKind.WAITRESS).wsgiApplication("light_app:app").port(0)
                .environment(Map.of("PYTHONPATH", BACKEND.toString(), "LIGHT_APP_WORK_MS", "2"))
                .runtimeDir(runtimeDir).healthCheckInterval(Duration.ofSeconds(1))
                .startupTimeout(Duration.ofSeconds(30)).shutdownTimeout(Duration.ofSeconds(5)).build()) {
            assertThat(m.start().get(60, TimeUnit.SECONDS)).isTrue();
            PlainLoad load = new PlainLoad(m.getStatus().port(), CLIENTS);
            long restartsBegan = System.nanoTime();
            int done = 0;
            try {
                for (; done < reloads; done++) {
                    assertThat(m.restart().get(60, TimeUnit.SECONDS)).as("restart %d of %d", done + 1, reloads).isTrue();
                }
            } finally {
                double restartSeconds = (System.nanoTime() - restartsBegan) / 1e9;
                load.close();
                Figures.record("reloads under load", String.format("reloads=%d of %d clients=%d answered=%d failed=%d"
                                + " failures=%s generationsAnswering=%d p50=%.1fms p99=%.1fms max=%.1fms"
                                + " perReload=%.0fms seconds=%.1f", done, reloads, CLIENTS, load.answered(),
                        load.failed(), load.failures(), load.generationsSeen(), load.latencyMs(0.5),
                        load.latencyMs(0.99), load.latencyMs(1.0), restartSeconds * 1000 / Math.max(1, done),
                        (System.nanoTime() - began) / 1e9));
            }
            assertThat(load.answered()).as("requests answered").isPositive();
            assertThat(load.failed()).as("failed requests while the service was restarted %d times: %s; first: %s",
                    reloads, load.failures(), load.firstFailures()).isZero();
        }
    }
}
