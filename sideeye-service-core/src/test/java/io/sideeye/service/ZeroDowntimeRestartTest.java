package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.fake.FakeChild;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@code restart()} of a backend that can share its port: the new generation serves before the old one stops. */
class ZeroDowntimeRestartTest {
    /** A fake backend that binds its port with SO_REUSEPORT and serves a private port, as it declares. */
    private static final List<String> SHARING = List.of("fake-backend", "--port={port}",
            "--private-port={privatePort}");

    private static Harness sharing() {
        return new Harness(b -> b.command(SHARING));
    }

    private static boolean restartNow(Harness h) {
        CompletableFuture<Boolean> f = h.manager.restart();
        h.scheduler.advanceUntil(f::isDone, Duration.ofSeconds(30));
        return f.join();
    }

    @Test
    void theNewGenerationIsHealthyOnItsPrivatePortBeforeTheOldOneIsStopped() {
        try (Harness h = sharing()) {
            h.startNow();
            FakeChild old = h.child();
            CompletableFuture<Boolean> restart = h.manager.restart();
            h.scheduler.advanceUntil(() -> h.launcher.children.size() == 2, Duration.ofSeconds(5));
            FakeChild next = h.child();
            assertThat(next.port()).isEqualTo(old.port());
            assertThat(next.privatePort).isPositive().isNotEqualTo(old.port());
            assertThat(old.terminateCalls).isZero();
            h.scheduler.advanceUntil(() -> old.terminateCalls > 0, Duration.ofSeconds(5));
            assertThat(h.manager.getStatus().pid()).isEqualTo(next.pid()); // promoted before the old one is told
            assertThat(h.http.calls).anyMatch(c -> c.uri().getPort() == next.privatePort);
            h.scheduler.advanceUntil(restart::isDone, Duration.ofSeconds(5));

            assertThat(restart.join()).isTrue();
            assertThat(old.isAlive()).isFalse();
            assertThat(next.isAlive()).isTrue();
            assertThat(h.state()).isEqualTo(ServiceState.RUNNING);
            assertThat(h.manager.getStatus().restartMode()).isEqualTo("zero-downtime (fake SO_REUSEPORT)");
            assertThat(h.names()).containsExactly("starting", "started", "restarting", "info", "started", "info",
                    "process-exit", "info");
            List<String> infos = h.events(ServiceEvent.Info.class).stream().map(ServiceEvent.Info::message).toList();
            assertThat(infos.get(0)).startsWith("Zero-downtime restart: starting a new generation beside pid "
                    + old.pid());
            assertThat(infos.get(1)).contains("new generation (pid " + next.pid() + ") is healthy")
                    .contains("stopping the old one (pid " + old.pid() + ")");
            assertThat(infos.get(2)).startsWith("Zero-downtime restart done");
        }
    }

    @Test
    void theServiceStaysRunningThroughoutTheHandover() {
        try (Harness h = sharing()) {
            h.startNow();
            CompletableFuture<Boolean> restart = h.manager.restart();
            while (!restart.isDone()) {
                assertThat(h.state()).isEqualTo(ServiceState.RUNNING);
                assertThat(h.manager.getStatus().isRunning()).isTrue();
                h.scheduler.advance(Duration.ofMillis(1));
            }
            assertThat(restart.join()).isTrue();
        }
    }

    @Test
    void aNewGenerationThatNeverBecomesHealthyIsRemovedAndTheOldOneKeepsServing() {
        try (Harness h = new Harness(b -> b.command(SHARING).startupTimeout(Duration.ofSeconds(2)))) {
            h.startNow();
            FakeChild old = h.child();
            h.launcher.initialHealth = FakeChild.Health.HTTP_500;
            assertThat(restartNow(h)).isFalse();
            FakeChild next = h.child();
            h.scheduler.advanceUntil(() -> !next.isAlive(), Duration.ofSeconds(5));

            assertThat(old.isAlive()).isTrue();
            assertThat(old.terminateCalls).isZero();
            assertThat(h.state()).isEqualTo(ServiceState.RUNNING);
            assertThat(h.manager.getStatus().pid()).isEqualTo(old.pid());
            assertThat(h.manager.getStatus().lastError()).startsWith("Zero-downtime restart failed: the new generation"
                    + " did not become healthy within 2s on its private port").endsWith("the old generation (pid "
                    + old.pid() + ") keeps serving port " + old.port());
        }
    }

    @Test
    void aNewGenerationThatExitsDuringStartupFailsTheRestartAndTheOldOneKeepsServing() {
        try (Harness h = sharing()) {
            h.startNow();
            FakeChild old = h.child();
            h.launcher.initialHealth = FakeChild.Health.NOT_LISTENING;
            CompletableFuture<Boolean> restart = h.manager.restart();
            h.scheduler.advanceUntil(() -> h.launcher.children.size() == 2, Duration.ofSeconds(5));
            h.child().exit(1);
            h.scheduler.advanceUntil(restart::isDone, Duration.ofSeconds(5));

            assertThat(restart.join()).isFalse();
            assertThat(old.isAlive()).isTrue();
            assertThat(h.state()).isEqualTo(ServiceState.RUNNING);
            assertThat(h.events(ServiceEvent.Error.class).get(0).message())
                    .contains("exited during startup with code 1");
        }
    }

    @Test
    void aStopAskedForDuringTheHandoverWinsAndEndsBothGenerations() {
        try (Harness h = sharing()) {
            h.startNow();
            FakeChild old = h.child();
            h.launcher.initialHealth = FakeChild.Health.NOT_LISTENING; // the new generation is still starting
            CompletableFuture<Boolean> restart = h.manager.restart();
            h.scheduler.advanceUntil(() -> h.launcher.children.size() == 2, Duration.ofSeconds(5));
            FakeChild next = h.child();
            CompletableFuture<Boolean> stop = h.manager.stop();
            h.scheduler.advanceUntil(() -> stop.isDone() && restart.isDone(), Duration.ofSeconds(10));

            assertThat(stop.join()).isTrue();
            assertThat(restart.join()).isFalse();
            assertThat(old.isAlive()).isFalse();
            assertThat(next.isAlive()).isFalse();
            assertThat(h.state()).isEqualTo(ServiceState.STOPPED);
            h.scheduler.advance(Duration.ofSeconds(10));
            assertThat(h.launcher.alive()).isZero();
            assertThat(h.state()).isEqualTo(ServiceState.STOPPED);
        }
    }

    @Test
    void aStopWhileTheOldGenerationDrainsWaitsForItToo() {
        try (Harness h = sharing()) {
            h.startNow();
            FakeChild old = h.child();
            old.ignoresSigterm = true; // still finishing its requests
            CompletableFuture<Boolean> restart = h.manager.restart();
            h.scheduler.advanceUntil(() -> old.terminateCalls > 0, Duration.ofSeconds(5));
            FakeChild next = h.child();
            CompletableFuture<Boolean> stop = h.manager.stop();
            h.scheduler.advanceUntil(() -> !next.isAlive(), Duration.ofSeconds(5));
            h.scheduler.runDue();
            assertThat(stop).isNotDone();
            h.scheduler.advanceUntil(stop::isDone, Duration.ofSeconds(10)); // SIGKILL after shutdownTimeout

            assertThat(stop.join()).isTrue();
            assertThat(restart.join()).isTrue();
            assertThat(old.isAlive()).isFalse();
            assertThat(h.state()).isEqualTo(ServiceState.STOPPED);
        }
    }

    @Test
    void aRestartAskedForDuringAHandoverFollowsIt() {
        try (Harness h = sharing()) {
            h.startNow();
            CompletableFuture<Boolean> first = h.manager.restart();
            CompletableFuture<Boolean> second = h.manager.restart();
            h.scheduler.advanceUntil(() -> first.isDone() && second.isDone(), Duration.ofSeconds(20));

            assertThat(first.join()).isTrue();
            assertThat(second.join()).isTrue();
            assertThat(h.launcher.children).hasSize(3);
            assertThat(h.launcher.alive()).isEqualTo(1);
            assertThat(h.manager.getStatus().pid()).isEqualTo(h.child().pid());
        }
    }

    @Test
    void aServerThatCannotShareItsPortIsStoppedThenStartedAndTheStatusSaysWhy() {
        try (Harness h = new Harness()) {
            h.startNow();
            assertThat(h.manager.getStatus().restartMode())
                    .isEqualTo("stop-then-start (the server cannot share its port: the fake backend binds its port alone)");
            assertThat(restartNow(h)).isTrue();

            assertThat(h.launcher.children.get(0).isAlive()).isFalse();
            assertThat(h.names()).containsExactly("starting", "started", "restarting", "stopping",
                    "process-exit", "stopped", "starting", "started");
        }
    }

    @Test
    void turnedOffTheRestartStopsThenStarts() {
        try (Harness h = new Harness(b -> b.command(SHARING).zeroDowntimeRestart(false))) {
            h.startNow();
            assertThat(h.manager.getStatus().restartMode()).isEqualTo("stop-then-start (zeroDowntimeRestart is off)");
            assertThat(restartNow(h)).isTrue();
            assertThat(h.names()).contains("stopping", "stopped");
        }
    }

    @Test
    void theRestartModeIsUnknownBeforeTheFirstStart() {
        try (Harness h = sharing()) {
            assertThat(h.manager.getStatus().restartMode()).isNull();
        }
    }

    @Test
    void aCrashOfTheOldGenerationDuringTheHandoverEndsItAndRecoversAsAnyCrash() {
        try (Harness h = sharing()) {
            h.startNow();
            FakeChild old = h.child();
            h.launcher.initialHealth = FakeChild.Health.NOT_LISTENING;
            CompletableFuture<Boolean> restart = h.manager.restart();
            h.scheduler.advanceUntil(() -> h.launcher.children.size() == 2, Duration.ofSeconds(5));
            FakeChild next = h.child();
            h.launcher.initialHealth = FakeChild.Health.HEALTHY;
            old.exit(137);
            h.scheduler.advanceUntil(restart::isDone, Duration.ofSeconds(5));
            assertThat(restart.join()).isFalse();
            h.scheduler.advanceUntil(() -> !next.isAlive(), Duration.ofSeconds(5));
            h.scheduler.advanceUntil(() -> h.state() == ServiceState.RUNNING, Duration.ofSeconds(10));

            assertThat(h.launcher.alive()).isEqualTo(1);
            assertThat(h.manager.getStatus().restartsTotal()).isEqualTo(1);
        }
    }

    @Test
    void aCrashedBackendsPortIsHeldUntilTheNextOneServesItAndItsWaitingConnectionsGoThere() {
        try (Harness h = sharing()) {
            h.startNow();
            FakeChild crashed = h.child();
            h.ports.waiting = 3;
            crashed.exit(137);
            h.scheduler.runDue();
            assertThat(h.ports.holds).containsExactly("hold " + crashed.port());
            h.scheduler.advanceUntil(() -> h.state() == ServiceState.RUNNING, Duration.ofSeconds(5));

            FakeChild next = h.child();
            assertThat(next.port()).isEqualTo(crashed.port());
            assertThat(next.privatePort).isPositive();
            assertThat(h.http.calls).anyMatch(c -> c.uri().getPort() == next.privatePort); // not the held port
            assertThat(h.ports.holds).containsExactly("hold " + crashed.port(), "handOver " + crashed.port());
            assertThat(h.events(ServiceEvent.Info.class)).extracting(ServiceEvent.Info::message)
                    .contains("3 connection(s) that arrived while the backend was replaced waited and were relayed to it");
        }
    }

    @Test
    void aStopOrARestartIsNoCrashAndHoldsNoPort() {
        try (Harness h = sharing()) {
            h.startNow();
            assertThat(restartNow(h)).isTrue();
            h.stopNow();
            assertThat(h.ports.holds).isEmpty();
        }
    }

    @Test
    void aHeldPortIsReleasedWhenTheServiceStopsOrFails() {
        try (Harness h = new Harness(b -> b.command(SHARING).maxRestartAttempts(1))) {
            h.startNow();
            int port = h.child().port();
            h.launcher.initialHealth = FakeChild.Health.NOT_LISTENING;
            h.child().exit(137);
            h.scheduler.advanceUntil(() -> h.launcher.children.size() == 2, Duration.ofSeconds(5));
            h.child().exit(1); // the replacement fails: attempts are exhausted
            h.scheduler.advanceUntil(() -> h.state() == ServiceState.FAILED, Duration.ofSeconds(5));
            assertThat(h.ports.holds).containsExactly("hold " + port, "close " + port);
        }
        try (Harness h = new Harness(b -> b.command(SHARING).restartDelay(Duration.ofSeconds(5)).maxRestartDelay(Duration.ofSeconds(5)))) {
            h.startNow();
            int port = h.child().port();
            h.child().exit(137);
            h.scheduler.runDue();
            h.stopNow(); // during the backoff
            assertThat(h.ports.holds).containsExactly("hold " + port, "close " + port);
        }
    }
}
