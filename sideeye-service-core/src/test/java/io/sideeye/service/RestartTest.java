package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.fake.FakeChild;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RestartTest {

    @Test
    void crashRestartsAutomaticallyAfterTheFirstBackoffStep() {
        try (Harness h = new Harness(b -> b.restartDelay(Duration.ofMillis(200)))) {
            h.startNow();
            h.child().exit(137);
            h.scheduler.runDue();
            assertThat(h.state()).isEqualTo(ServiceState.BACKOFF);
            assertThat(h.manager.getStatus().restartAttempts()).isEqualTo(1);
            h.scheduler.advance(Duration.ofMillis(199));
            assertThat(h.launcher.children).hasSize(1);
            h.scheduler.advance(Duration.ofMillis(1));
            assertThat(h.launcher.children).hasSize(2);
            h.scheduler.advanceUntil(() -> h.state() == ServiceState.RUNNING, Duration.ofSeconds(1));
            assertThat(h.manager.getStatus().restartsTotal()).isEqualTo(1);
            assertThat(h.names()).containsExactly("starting", "started", "process-exit", "info", "restarting",
                    "starting", "started");
            assertThat(h.events(ServiceEvent.ProcessExit.class).get(0).signal()).isEqualTo("SIGKILL");
            assertThat(h.events(ServiceEvent.Info.class).get(0).message())
                    .isEqualTo("Attempting automatic restart (attempt 1/3)");
            assertThat(h.events(ServiceEvent.Restarting.class).get(0).delayMs()).isEqualTo(200);
        }
    }

    @Test
    void backoffDoublesUpToTheCapAndFailsAfterMaxAttempts() {
        try (Harness h = new Harness(b -> b.restartDelay(Duration.ofMillis(100)).maxRestartDelay(Duration.ofMillis(300))
                .maxRestartAttempts(4))) {
            h.startNow();
            h.launcher.initialHealth = FakeChild.Health.NOT_LISTENING; // every restart dies while starting
            h.child().exit(1);
            List<Duration> spawnGaps = new ArrayList<>();
            Duration last = h.scheduler.elapsed();
            for (int attempt = 1; attempt <= 4; attempt++) {
                int expected = attempt + 1;
                h.scheduler.advanceUntil(() -> h.launcher.children.size() == expected, Duration.ofSeconds(5));
                spawnGaps.add(h.scheduler.elapsed().minus(last));
                h.child().print(true, "boom " + attempt);
                h.child().exit(1);
                h.scheduler.runDue();
                last = h.scheduler.elapsed();
            }
            assertThat(spawnGaps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200),
                    Duration.ofMillis(300), Duration.ofMillis(300));
            assertThat(h.state()).isEqualTo(ServiceState.FAILED);
            ServiceEvent.Error error = h.events(ServiceEvent.Error.class).get(h.events(ServiceEvent.Error.class).size() - 1);
            assertThat(error.message()).startsWith("Max restart attempts reached after").contains("4/4");
            h.scheduler.advance(Duration.ofMinutes(5));
            assertThat(h.launcher.children).hasSize(5);
            assertThat(h.state()).isEqualTo(ServiceState.FAILED);
        }
    }

    @Test
    void listenersOfTheFinalErrorAlreadyReadFailedFromTheStatus() {
        try (Harness h = new Harness(b -> b.restartDelay(Duration.ofMillis(100)).maxRestartAttempts(1))) {
            List<ServiceState> seenByErrorListener = new ArrayList<>();
            h.manager.on(ServiceEvent.Error.class, e -> seenByErrorListener.add(h.manager.getStatus().state()));
            h.startNow();
            h.launcher.initialHealth = FakeChild.Health.NOT_LISTENING;
            h.child().exit(1);
            h.scheduler.advanceUntil(() -> h.launcher.children.size() == 2, Duration.ofSeconds(5));
            h.child().exit(1);
            h.scheduler.runDue();
            assertThat(seenByErrorListener).last().isEqualTo(ServiceState.FAILED);
        }
    }

    @Test
    void startAfterFailedTriesAgainWithFreshAttempts() {
        try (Harness h = new Harness(b -> b.maxRestartAttempts(1))) {
            h.startNow();
            h.launcher.initialHealth = FakeChild.Health.NOT_LISTENING;
            h.child().exit(1);
            h.scheduler.advanceUntil(() -> h.launcher.children.size() == 2, Duration.ofSeconds(1));
            h.child().exit(1);
            h.scheduler.runDue();
            assertThat(h.state()).isEqualTo(ServiceState.FAILED);
            h.launcher.initialHealth = FakeChild.Health.HEALTHY;
            assertThat(h.startNow()).isTrue();
            assertThat(h.manager.getStatus().restartAttempts()).isZero();
        }
    }

    @Test
    void noAutomaticRestartWhenMaxAttemptsIsZero() {
        try (Harness h = new Harness(b -> b.maxRestartAttempts(0))) {
            h.startNow();
            h.child().exit(1);
            h.scheduler.advance(Duration.ofSeconds(10));
            assertThat(h.state()).isEqualTo(ServiceState.FAILED);
            assertThat(h.launcher.children).hasSize(1);
        }
    }

    @Test
    void attemptsResetOnlyAfterStayingUpForRestartResetAfter() {
        try (Harness h = new Harness(b -> b.restartResetAfter(Duration.ofSeconds(60)).maxRestartAttempts(2)
                .healthCheckInterval(Duration.ofSeconds(30)))) {
            h.startNow();
            h.child().exit(1);
            h.scheduler.advanceUntil(() -> h.state() == ServiceState.RUNNING, Duration.ofSeconds(5));
            assertThat(h.manager.getStatus().restartAttempts()).isEqualTo(1);
            h.scheduler.advance(Duration.ofSeconds(59));
            assertThat(h.manager.getStatus().restartAttempts()).isEqualTo(1);
            h.scheduler.advance(Duration.ofSeconds(1));
            assertThat(h.manager.getStatus().restartAttempts()).isZero();
            assertThat(h.manager.getStatus().restartsTotal()).isEqualTo(1);
        }
    }

    @Test
    void aServiceThatCrashesRightAfterEveryStartEndsFailed() {
        try (Harness h = new Harness(b -> b.maxRestartAttempts(3))) {
            h.startNow();
            for (int i = 0; i < 10 && h.state() != ServiceState.FAILED; i++) {
                h.scheduler.advanceUntil(() -> h.state() == ServiceState.RUNNING || h.state() == ServiceState.FAILED,
                        Duration.ofSeconds(5));
                if (h.state() == ServiceState.RUNNING) {
                    h.scheduler.advance(Duration.ofSeconds(1));
                    h.child().exit(1);
                    h.scheduler.runDue();
                }
            }
            assertThat(h.state()).isEqualTo(ServiceState.FAILED);
            assertThat(h.launcher.children).hasSize(4);
        }
    }

    @Test
    void unhealthyThresholdTriggersRestartThroughThePolicy() {
        try (Harness h = new Harness(b -> b.unhealthyThreshold(3).healthCheckInterval(Duration.ofSeconds(1))
                .healthCheckTimeout(Duration.ofMillis(500)))) {
            h.startNow();
            Duration hungAt = h.scheduler.elapsed();
            h.child().health = FakeChild.Health.HANG;
            h.scheduler.advanceUntil(() -> h.state() == ServiceState.BACKOFF, Duration.ofSeconds(10));
            // checks at 1 s, 2 s and 3 s after start, each timing out 500 ms later: decided at 3.5 s exactly
            assertThat(h.scheduler.elapsed().minus(hungAt)).isEqualTo(Duration.ofMillis(3500));
            assertThat(h.events(ServiceEvent.Unhealthy.class)).hasSize(3)
                    .allSatisfy(u -> assertThat(u.error()).contains("timed out"));
            assertThat(h.events(ServiceEvent.Warning.class).get(0).message())
                    .contains("failed 3 consecutive health checks");
            assertThat(h.launcher.children.get(0).terminateCalls).isEqualTo(1);
            h.scheduler.advanceUntil(() -> h.state() == ServiceState.RUNNING, Duration.ofSeconds(5));
            assertThat(h.launcher.children).hasSize(2);
            assertThat(h.launcher.alive()).isEqualTo(1);
        }
    }

    @Test
    void aHungProcessIgnoringSigtermIsKilledBeforeTheNewOneSpawns() {
        try (Harness h = new Harness(b -> b.restartDelay(Duration.ZERO).shutdownTimeout(Duration.ofSeconds(2)))) {
            h.launcher.nextIgnoresSigterm = true;
            h.startNow();
            h.launcher.nextIgnoresSigterm = false;
            h.child().health = FakeChild.Health.HTTP_500;
            h.scheduler.advanceUntil(() -> h.state() == ServiceState.BACKOFF, Duration.ofSeconds(10));
            h.scheduler.advance(Duration.ofMillis(1999));
            assertThat(h.launcher.children).hasSize(1); // the port is still held
            h.scheduler.advance(Duration.ofMillis(1));
            assertThat(h.launcher.children.get(0).isAlive()).isFalse();
            h.scheduler.advanceUntil(() -> h.state() == ServiceState.RUNNING, Duration.ofSeconds(1));
            assertThat(h.launcher.children).hasSize(2);
            assertThat(h.launcher.alive()).isEqualTo(1);
        }
    }

    @Test
    void aPassingCheckResetsTheFailureCount() {
        try (Harness h = new Harness(b -> b.unhealthyThreshold(2))) {
            h.startNow();
            h.child().health = FakeChild.Health.HTTP_500;
            h.scheduler.advance(Duration.ofSeconds(1));
            h.child().health = FakeChild.Health.HEALTHY;
            h.scheduler.advance(Duration.ofSeconds(1));
            h.child().health = FakeChild.Health.HTTP_500;
            h.scheduler.advance(Duration.ofSeconds(1));
            assertThat(h.state()).isEqualTo(ServiceState.RUNNING);
            h.scheduler.advance(Duration.ofSeconds(1));
            assertThat(h.state()).isEqualTo(ServiceState.BACKOFF);
        }
    }

    @Test
    void stopDuringBackoffCancelsTheRestart() {
        try (Harness h = new Harness(b -> b.restartDelay(Duration.ofSeconds(5)).maxRestartDelay(Duration.ofSeconds(5)))) {
            h.startNow();
            h.child().exit(1);
            h.scheduler.runDue();
            assertThat(h.stopNow()).isTrue();
            h.scheduler.advance(Duration.ofMinutes(1));
            assertThat(h.launcher.children).hasSize(1);
            assertThat(h.state()).isEqualTo(ServiceState.STOPPED);
        }
    }

    @Test
    void startDuringBackoffLaunchesAtOnce() {
        try (Harness h = new Harness(b -> b.restartDelay(Duration.ofSeconds(5)).maxRestartDelay(Duration.ofSeconds(5)))) {
            h.startNow();
            h.child().exit(1);
            h.scheduler.runDue();
            CompletableFuture<Boolean> started = h.manager.start();
            h.scheduler.advanceUntil(started::isDone, Duration.ofSeconds(1));
            assertThat(started).isCompletedWithValue(true);
            assertThat(h.launcher.children).hasSize(2);
            h.scheduler.advance(Duration.ofSeconds(10)); // the cancelled backoff must not spawn a third
            assertThat(h.launcher.children).hasSize(2);
        }
    }

    @Test
    void portZeroKeepsTheSamePortAcrossRestartsWhileItIsFree() {
        try (Harness h = new Harness()) {
            h.startNow();
            int port = h.manager.getStatus().port();
            h.child().exit(1);
            h.scheduler.advanceUntil(() -> h.state() == ServiceState.RUNNING, Duration.ofSeconds(5));
            assertThat(h.manager.getStatus().port()).isEqualTo(port);
        }
    }
}
