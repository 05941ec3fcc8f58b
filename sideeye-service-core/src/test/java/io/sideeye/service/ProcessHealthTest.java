package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.fake.FakeChild;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link HealthMode#PROCESS}: alive is healthy, and no HTTP is ever sent for health. */
class ProcessHealthTest {

    private static Harness worker() {
        return new Harness(b -> b.healthMode(HealthMode.PROCESS));
    }

    @Test
    void startedFollowsTheSpawnWithoutAnyHealthRequest() {
        try (Harness h = worker()) {
            assertThat(h.startNow()).isTrue();
            assertThat(h.state()).isEqualTo(ServiceState.RUNNING);
            assertThat(h.names()).containsExactly("starting", "started");
            assertThat(h.events(ServiceEvent.Started.class).get(0).pid()).isEqualTo(h.child().pid());
            assertThat(h.http.calls).isEmpty();
            assertThat(h.manager.getStatus().lastHealthCheck().healthy()).isTrue();
        }
    }

    @Test
    void periodicChecksOnlyAskWhetherTheProcessIsAlive() {
        try (Harness h = worker()) {
            h.startNow();
            h.scheduler.advance(Duration.ofSeconds(3));
            assertThat(h.events(ServiceEvent.Healthy.class)).hasSize(3);
            assertThat(h.http.calls).isEmpty();
            var check = h.manager.healthCheck();
            h.scheduler.runDue();
            assertThat(check.join()).isTrue();
        }
    }

    @Test
    void aCrashedWorkerIsRestartedWithBackoff() {
        try (Harness h = worker()) {
            h.startNow();
            FakeChild first = h.child();
            first.exit(1);
            h.scheduler.advanceUntil(() -> h.launcher.children.size() == 2 && h.state() == ServiceState.RUNNING,
                    Duration.ofSeconds(5));
            assertThat(h.names()).containsSubsequence("started", "process-exit", "restarting", "starting", "started");
            assertThat(h.events(ServiceEvent.Restarting.class).get(0).delayMs()).isEqualTo(100);
            assertThat(h.child().isAlive()).isTrue();
            assertThat(h.http.calls).isEmpty();
        }
    }

    @Test
    void theHealthCheckOfAStoppedWorkerIsFalse() {
        try (Harness h = worker()) {
            h.startNow();
            h.stopNow();
            var check = h.manager.healthCheck();
            h.scheduler.runDue();
            assertThat(check.join()).isFalse();
        }
    }
}
