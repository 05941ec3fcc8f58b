package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.process.LaunchRefusedException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A restart refused because the JVM is shutting down ends the service; nothing retries it. */
class RefusedLaunchTest {
    private static final String REFUSED = "'fake-backend' was not started: this JVM is shutting down, and a process"
            + " started now could outlive it";

    @Test
    void aRestartRefusedDuringShutdownStopsWithoutRetrying() {
        try (Harness h = new Harness(b -> b.restartDelay(Duration.ZERO).maxRestartAttempts(1_000))) {
            h.startNow();
            h.launcher.failNext = new LaunchRefusedException(REFUSED);
            h.child().exit(143); // the shutdown hook ended it; the supervisor sees a crash

            h.scheduler.advance(Duration.ofSeconds(5));

            assertThat(h.launcher.children).as("launches").hasSize(1);
            assertThat(h.state()).isEqualTo(ServiceState.STOPPED);
            assertThat(h.manager.getStatus().lastError()).isEqualTo(REFUSED);
            assertThat(h.events(ServiceEvent.Warning.class)).extracting(ServiceEvent.Warning::message)
                    .containsExactly(REFUSED);
            assertThat(h.events(ServiceEvent.Error.class)).isEmpty();
            assertThat(h.names()).endsWith("process-exit", "info", "restarting", "starting", "warning");
        }
    }

    @Test
    void aGroupsRestartsRefusedDuringShutdownStopEveryInstanceWithoutRetrying() {
        try (GroupHarness h = new GroupHarness(g -> g.service(ServiceSpec.of("web",
                GroupHarness.config("web", b -> b.restartDelay(Duration.ZERO).maxRestartAttempts(1_000)))
                .instances(2)))) {
            assertThat(h.await(h.group.start())).isTrue();
            h.launcher.shuttingDown = true;
            h.children("web").forEach(c -> c.exit(143)); // the shutdown hook ended both

            h.scheduler.advance(Duration.ofSeconds(5));

            assertThat(h.children("web")).as("launches").hasSize(2);
            assertThat(h.group.status().get("web")).extracting(ServiceStatus::state)
                    .containsExactly(ServiceState.STOPPED, ServiceState.STOPPED);
        }
    }
}
