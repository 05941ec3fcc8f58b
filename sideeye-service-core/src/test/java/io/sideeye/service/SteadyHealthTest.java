package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.fake.FakeChild;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Periodic checks of a steady service: a passing one is recorded where it completes, without a
 * hand-off to the supervisor thread; anything else goes to the supervisor as before.
 */
class SteadyHealthTest {
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    @Test
    void aPassingCheckOfASteadyServiceDoesNotWakeTheSupervisorButIsReported() {
        try (Harness h = new Harness()) {
            h.startNow();
            h.scheduler.advance(INTERVAL);
            long handOffs = h.scheduler.executions();
            int healthy = h.events(ServiceEvent.Healthy.class).size();
            int samples = h.manager.getStatus().healthLatency().count();

            h.scheduler.advance(INTERVAL);

            assertThat(h.scheduler.executions()).isEqualTo(handOffs);
            assertThat(h.events(ServiceEvent.Healthy.class)).hasSize(healthy + 1);
            ServiceStatus status = h.manager.getStatus();
            assertThat(status.lastHealthCheck().healthy()).isTrue();
            assertThat(status.lastHealthCheck().timestamp()).isEqualTo(h.scheduler.now());
            assertThat(status.healthLatency().count()).isEqualTo(samples + 1);
            assertThat(status.isRunning()).isTrue();
        }
    }

    @Test
    void aFailingCheckGoesToTheSupervisorAndSoDoesThePassingOneAfterIt() {
        try (Harness h = new Harness()) {
            h.startNow();
            h.scheduler.advance(INTERVAL);
            h.child().health = FakeChild.Health.HTTP_500;
            long handOffs = h.scheduler.executions();

            h.scheduler.advance(INTERVAL);

            assertThat(h.scheduler.executions()).isEqualTo(handOffs + 1);
            assertThat(h.events(ServiceEvent.Unhealthy.class)).hasSize(1);
            assertThat(h.manager.getStatus().lastHealthCheck().status()).isEqualTo(500);

            h.child().health = FakeChild.Health.HEALTHY;
            h.scheduler.advance(INTERVAL);
            assertThat(h.scheduler.executions()).isEqualTo(handOffs + 2); // the recovery resets the count there
            assertThat(h.manager.getStatus().lastHealthCheck().healthy()).isTrue();

            h.scheduler.advance(INTERVAL);
            assertThat(h.scheduler.executions()).isEqualTo(handOffs + 2); // steady again
        }
    }

    @Test
    void aFailedCheckOnRequestEndsTheSteadinessSoThatTheFailureCountIsResetByTheNextPass() {
        try (Harness h = new Harness()) {
            h.startNow();
            h.scheduler.advance(INTERVAL);
            h.child().health = FakeChild.Health.HTTP_500;
            var manual = h.manager.healthCheck();
            h.scheduler.advanceUntil(manual::isDone, Duration.ofSeconds(5));
            assertThat(manual.join()).isFalse();
            h.child().health = FakeChild.Health.HEALTHY;
            h.scheduler.advance(INTERVAL); // passes: the count goes back to 0

            h.child().health = FakeChild.Health.HTTP_500;
            h.scheduler.advance(INTERVAL.multipliedBy(2)); // two failures: below the threshold of 3

            assertThat(h.events(ServiceEvent.Restarting.class)).isEmpty();
            h.scheduler.advance(INTERVAL);
            assertThat(h.events(ServiceEvent.Restarting.class)).hasSize(1);
        }
    }

    @Test
    void noPassingCheckIsReportedAfterTheStop() {
        try (Harness h = new Harness()) {
            h.startNow();
            h.scheduler.advance(INTERVAL.multipliedBy(3));
            h.stopNow();
            int healthy = h.events(ServiceEvent.Healthy.class).size();

            h.scheduler.advance(INTERVAL.multipliedBy(3));

            assertThat(h.events(ServiceEvent.Healthy.class)).hasSize(healthy);
            assertThat(h.state()).isEqualTo(ServiceState.STOPPED);
        }
    }
}
