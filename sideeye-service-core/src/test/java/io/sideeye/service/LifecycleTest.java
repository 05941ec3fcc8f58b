package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.fake.FakeChild;
import io.sideeye.service.fake.FakeHttp;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void initialStatusIsStoppedWithSeedKeys() {
        try (Harness h = new Harness(b -> b.port(8123))) {
            ServiceStatus s = h.manager.getStatus();
            assertThat(s.state()).isEqualTo(ServiceState.STOPPED);
            assertThat(s.isRunning()).isFalse();
            assertThat(s.isStarting()).isFalse();
            assertThat(s.pid()).isNull();
            assertThat(s.uptime()).isZero();
            assertThat(s.restartAttempts()).isZero();
            assertThat(s.lastHealthCheck()).isNull();
            assertThat(s.url()).isEqualTo("http://127.0.0.1:8123");
            assertThat(ServiceJson.toJson(s).fieldNames()).toIterable().startsWith(
                    "isRunning", "isStarting", "isStopping", "restartAttempts", "lastHealthCheck", "pid", "uptime");
        }
    }

    @Test
    void startCompletesOnFirstHealthyAnswerAndReportsPidAndPort() {
        try (Harness h = new Harness()) {
            h.launcher.initialHealth = FakeChild.Health.NOT_LISTENING;
            CompletableFuture<Boolean> started = h.manager.start();
            h.scheduler.advance(Duration.ofMillis(100));
            assertThat(started).isNotDone();
            assertThat(h.state()).isEqualTo(ServiceState.STARTING);
            assertThat(h.manager.getStatus().isStarting()).isTrue();

            h.child().health = FakeChild.Health.HEALTHY;
            Duration readyAt = h.scheduler.elapsed();
            h.scheduler.advanceUntil(started::isDone, Duration.ofSeconds(1));

            assertThat(started).isCompletedWithValue(true);
            // adaptive polling: noticed within one thirty-second of the time waited (5 ms floor)
            assertThat(h.scheduler.elapsed().minus(readyAt)).isLessThanOrEqualTo(Duration.ofMillis(5));
            ServiceStatus s = h.manager.getStatus();
            assertThat(s.state()).isEqualTo(ServiceState.RUNNING);
            assertThat(s.pid()).isEqualTo(h.child().pid());
            assertThat(s.port()).isEqualTo(41000);
            assertThat(s.url()).isEqualTo("http://127.0.0.1:41000");
            assertThat(s.lastHealthCheck().healthy()).isTrue();
            ServiceEvent.Started e = h.events(ServiceEvent.Started.class).get(0);
            assertThat(e.pid()).isEqualTo(h.child().pid());
            assertThat(e.port()).isEqualTo(41000);
            assertThat(h.names()).containsExactly("starting", "started");
        }
    }

    @Test
    void childGetsIdentityTokenParentPidAndUnbufferedOutput() {
        try (Harness h = new Harness(b -> b.environment(java.util.Map.of("EXTRA", "1", "SIDEEYE_INSTANCE_ID", "x")))) {
            h.startNow();
            FakeChild c = h.child();
            assertThat(c.spec().command()).containsExactly("fake-backend", "--port=41000");
            assertThat(c.env("PYTHONUNBUFFERED")).isEqualTo("1");
            assertThat(c.env("SIDEEYE_INSTANCE_ID")).isNotEqualTo("x").hasSizeGreaterThan(20);
            assertThat(c.env("SIDEEYE_API_TOKEN")).hasSizeGreaterThanOrEqualTo(43);
            assertThat(c.env("SIDEEYE_PARENT_PID")).isEqualTo(Long.toString(ProcessHandle.current().pid()));
            assertThat(c.env("EXTRA")).isEqualTo("1");
            assertThat(c.env("DJANGO_SETTINGS_MODULE")).isEqualTo("fake.settings");
            assertThat(h.http.calls.get(0).headers()).containsEntry("Authorization",
                    "Bearer " + c.env("SIDEEYE_API_TOKEN"));
        }
    }

    @Test
    void tokenNeverAppearsInStatusOrEvents() {
        try (Harness h = new Harness()) {
            h.startNow();
            h.child().exit(1);
            h.scheduler.advance(Duration.ofSeconds(2));
            String token = h.launcher.children.get(0).env("SIDEEYE_API_TOKEN");
            assertThat(ServiceJson.write(h.manager.getStatus())).doesNotContain(token);
            h.events.forEach(e -> assertThat(ServiceJson.toJson(e).toString()).doesNotContain(token));
        }
    }

    @Test
    void startWhileRunningWarnsAndReturnsTrueWithoutSpawning() {
        try (Harness h = new Harness()) {
            h.startNow();
            assertThat(h.startNow()).isTrue();
            assertThat(h.launcher.children).hasSize(1);
            assertThat(h.events(ServiceEvent.Warning.class)).extracting(ServiceEvent.Warning::message)
                    .containsExactly("Django service is already running");
        }
    }

    @Test
    void concurrentStartsShareOneLaunch() {
        try (Harness h = new Harness()) {
            CompletableFuture<Boolean> a = h.manager.start();
            CompletableFuture<Boolean> b = h.manager.start();
            CompletableFuture<Boolean> c = h.manager.start();
            h.scheduler.advanceUntil(() -> a.isDone() && b.isDone() && c.isDone(), Duration.ofSeconds(1));
            assertThat(a).isCompletedWithValue(true);
            assertThat(b).isCompletedWithValue(true);
            assertThat(c).isCompletedWithValue(true);
            assertThat(h.launcher.children).hasSize(1);
            assertThat(h.names()).containsExactly("starting", "started");
        }
    }

    @Test
    void stopSendsSigtermToTreeAndReportsSignal() {
        try (Harness h = new Harness()) {
            h.startNow();
            assertThat(h.stopNow()).isTrue();
            assertThat(h.child().terminateCalls).isEqualTo(1);
            assertThat(h.child().isAlive()).isFalse();
            assertThat(h.state()).isEqualTo(ServiceState.STOPPED);
            assertThat(h.manager.getStatus().pid()).isNull();
            assertThat(h.manager.getStatus().uptime()).isZero();
            assertThat(h.names()).containsExactly("starting", "started", "stopping", "process-exit", "stopped");
            assertThat(h.events(ServiceEvent.ProcessExit.class).get(0).signal()).isEqualTo("SIGTERM");
            assertThat(h.manager.getStatus().lastExit().signal()).isEqualTo("SIGTERM");
        }
    }

    @Test
    void stopSendsSigkillExactlyAfterShutdownTimeout() {
        try (Harness h = new Harness(b -> b.shutdownTimeout(Duration.ofSeconds(3)))) {
            h.launcher.nextIgnoresSigterm = true;
            h.startNow();
            CompletableFuture<Boolean> stopped = h.manager.stop();
            h.scheduler.advance(Duration.ofMillis(2999));
            assertThat(stopped).isNotDone();
            assertThat(h.child().killCalls).isZero();
            assertThat(h.state()).isEqualTo(ServiceState.STOPPING);
            assertThat(h.manager.getStatus().isStopping()).isTrue();
            h.scheduler.advance(Duration.ofMillis(1));
            assertThat(stopped).isCompletedWithValue(true);
            assertThat(h.child().killCalls).isGreaterThanOrEqualTo(1);
            assertThat(h.events(ServiceEvent.ProcessExit.class).get(0).signal()).isEqualTo("SIGKILL");
            assertThat(h.events(ServiceEvent.Warning.class).get(0).message()).contains("3s", "SIGKILL");
        }
    }

    @Test
    void stopWhenStoppedIsHarmless() {
        try (Harness h = new Harness()) {
            assertThat(h.stopNow()).isTrue();
            assertThat(h.events).isEmpty();
        }
    }

    @Test
    void stopDuringStartingCancelsTheStartAndLeavesNoProcess() {
        try (Harness h = new Harness()) {
            h.launcher.initialHealth = FakeChild.Health.NOT_LISTENING;
            CompletableFuture<Boolean> started = h.manager.start();
            h.scheduler.advance(Duration.ofMillis(50));
            assertThat(h.stopNow()).isTrue();
            assertThat(started).isCompletedWithValue(false);
            assertThat(h.launcher.alive()).isZero();
            assertThat(h.state()).isEqualTo(ServiceState.STOPPED);
            assertThat(h.names()).containsExactly("starting", "error", "stopping", "process-exit", "stopped");
            h.scheduler.advance(Duration.ofSeconds(30)); // no late start, timeout or restart
            assertThat(h.launcher.children).hasSize(1);
            assertThat(h.state()).isEqualTo(ServiceState.STOPPED);
        }
    }

    @Test
    void earlyExitFailsAtOnceWithExitCodeAndStderrTail() {
        try (Harness h = new Harness(b -> b.startupTimeout(Duration.ofSeconds(30)))) {
            h.launcher.initialHealth = FakeChild.Health.NOT_LISTENING;
            CompletableFuture<Boolean> started = h.manager.start();
            h.scheduler.advance(Duration.ofMillis(20));
            h.child().print(true, "Traceback (most recent call last):");
            h.child().print(true, "  File \"manage.py\", line 11, in main");
            h.child().print(true, "ModuleNotFoundError: No module named 'django'");
            h.child().exit(1);
            h.scheduler.runDue();

            assertThat(started).isCompletedWithValue(false);
            assertThat(h.scheduler.elapsed()).isLessThan(Duration.ofSeconds(1));
            ServiceEvent.Error error = h.events(ServiceEvent.Error.class).get(0);
            assertThat(error.message()).contains("exited during startup with code 1",
                    "ModuleNotFoundError: No module named 'django'");
            assertThat(error.cause()).contains("Traceback", "ModuleNotFoundError");
            assertThat(h.manager.getStatus().lastError()).isEqualTo(error.message());
            assertThat(h.state()).isEqualTo(ServiceState.STOPPED);
            assertThat(h.launcher.children).hasSize(1); // a failing first start is not retried
        }
    }

    @Test
    void startupTimeoutKillsTheTreeAndFails() {
        try (Harness h = new Harness(b -> b.startupTimeout(Duration.ofSeconds(4)))) {
            h.launcher.initialHealth = FakeChild.Health.HTTP_500;
            CompletableFuture<Boolean> started = h.manager.start();
            h.scheduler.advance(Duration.ofMillis(3990));
            assertThat(started).isNotDone();
            h.scheduler.advance(Duration.ofMillis(20));
            assertThat(started).isCompletedWithValue(false);
            assertThat(h.child().terminateCalls).isEqualTo(1);
            assertThat(h.launcher.alive()).isZero();
            assertThat(h.events(ServiceEvent.Error.class).get(0).message())
                    .contains("did not become healthy within 4s", "HTTP 500");
            assertThat(h.state()).isEqualTo(ServiceState.STOPPED);
        }
    }

    @Test
    void busyPortIsAClearErrorAndNothingIsSpawned() {
        try (Harness h = new Harness(b -> b.port(8000))) {
            h.ports.busy.add(8000);
            assertThat(h.startNow()).isFalse();
            assertThat(h.launcher.children).isEmpty();
            assertThat(h.manager.getStatus().lastError()).contains("Port 8000 on 127.0.0.1 is already in use",
                    "port 0");
            assertThat(h.names()).containsExactly("starting", "error");
        }
    }

    @Test
    void spawnFailureIsAProcessErrorNamingTheCause() {
        try (Harness h = new Harness()) {
            h.launcher.failNext = new IOException("Cannot run program \"nope\": error=2, No such file or directory");
            assertThat(h.startNow()).isFalse();
            assertThat(h.names()).containsExactly("starting", "process-error", "error");
            assertThat(h.manager.getStatus().lastError()).contains("No such file or directory");
        }
    }

    @Test
    void unresolvableCommandFailsWithTheResolversExplanation() {
        try (Harness h = new Harness()) {
            h.resolver.failWith = "No Python interpreter with Django was found. Tried: python3 (no django)";
            assertThat(h.startNow()).isFalse();
            assertThat(h.manager.getStatus().lastError()).startsWith("No Python interpreter with Django");
        }
    }

    @Test
    void outputLinesBecomeEventsAndRecentLogs() {
        try (Harness h = new Harness(b -> b.logBufferLines(3))) {
            h.startNow();
            h.child().print(false, "one");
            h.child().print(true, "two");
            h.child().print(false, "three");
            h.child().print(false, "four");
            assertThat(h.events(ServiceEvent.Stdout.class)).extracting(ServiceEvent.Stdout::line)
                    .containsExactly("one", "three", "four");
            assertThat(h.events(ServiceEvent.Stderr.class)).extracting(ServiceEvent.Stderr::line)
                    .containsExactly("two");
            assertThat(h.manager.recentLogs()).extracting(LogLine::line).containsExactly("two", "three", "four");
            assertThat(h.manager.recentLogs().get(0).stream()).isEqualTo("stderr");
        }
    }

    @Test
    void restartStopsThenStartsAndResetsAttempts() {
        try (Harness h = new Harness()) {
            h.startNow();
            CompletableFuture<Boolean> r = h.manager.restart();
            h.scheduler.advanceUntil(r::isDone, Duration.ofSeconds(5));
            assertThat(r).isCompletedWithValue(true);
            assertThat(h.launcher.children).hasSize(2);
            assertThat(h.launcher.alive()).isEqualTo(1);
            assertThat(h.names()).containsExactly("starting", "started", "restarting", "stopping", "process-exit",
                    "stopped", "starting", "started");
        }
    }

    @Test
    void aStopAskedForWhileARestartIsStoppingIsTheLastWord() {
        try (Harness h = new Harness()) {
            h.startNow();
            h.child().ignoresSigterm = true; // the restart's stop takes until shutdownTimeout's SIGKILL
            CompletableFuture<Boolean> restart = h.manager.restart();
            h.scheduler.advance(Duration.ofMillis(10));
            assertThat(h.state()).isEqualTo(ServiceState.STOPPING);
            CompletableFuture<Boolean> stop = h.manager.stop();
            h.scheduler.advanceUntil(() -> restart.isDone() && stop.isDone(), Duration.ofSeconds(30));

            assertThat(stop).isCompletedWithValue(true);
            assertThat(restart).as("the restart's start was overridden by the later stop").isCompletedWithValue(false);
            h.scheduler.advance(Duration.ofSeconds(5));
            assertThat(h.state()).isEqualTo(ServiceState.STOPPED);
            assertThat(h.launcher.children).hasSize(1);
        }
    }

    @Test
    void aStartAskedForWhileStoppingStillStartsWhenNoStopFollows() {
        try (Harness h = new Harness()) {
            h.startNow();
            h.child().ignoresSigterm = true;
            CompletableFuture<Boolean> stop = h.manager.stop();
            h.scheduler.advance(Duration.ofMillis(10));
            CompletableFuture<Boolean> start = h.manager.start();
            h.scheduler.advanceUntil(() -> stop.isDone() && start.isDone(), Duration.ofSeconds(30));

            assertThat(start).isCompletedWithValue(true);
            assertThat(h.state()).isEqualTo(ServiceState.RUNNING);
            assertThat(h.launcher.children).hasSize(2);
        }
    }

    @Test
    void uptimeFollowsTheClock() {
        try (Harness h = new Harness()) {
            h.startNow();
            h.scheduler.advance(Duration.ofMillis(1500));
            assertThat(h.manager.getStatus().uptime()).isEqualTo(1500);
        }
    }

    @Test
    void aThrowingListenerDoesNotDisturbOthers() {
        try (Harness h = new Harness()) {
            h.manager.on("starting", e -> {
                throw new IllegalStateException("listener bug");
            });
            assertThat(h.startNow()).isTrue();
            assertThat(h.names()).containsExactly("starting", "started");
        }
    }

    @Test
    void closedManagerRefusesToStart() {
        Harness h = new Harness();
        h.startNow();
        CompletableFuture<Void> closed = CompletableFuture.runAsync(h.manager::close);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            h.scheduler.runDue(); // the fake clock stands still: the child obeys SIGTERM at once
            return closed.isDone();
        });
        closed.join();
        assertThat(h.launcher.alive()).isZero();
        assertThat(h.manager.start()).isCompletedExceptionally();
        h.close();
    }

    @Test
    void unknownEventNameIsRejected() {
        try (Harness h = new Harness()) {
            org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                    .isThrownBy(() -> h.manager.on("strated", e -> { }))
                    .withMessageContaining("'strated' is not an event name").withMessageContaining("started");
        }
    }

    @Test
    void healthAnswerKeepsLatency() {
        try (Harness h = new Harness()) {
            h.startNow();
            assertThat(h.manager.getStatus().lastHealthCheck().latencyMs()).isEqualTo(FakeHttp.LATENCY_NANOS / 1e6);
            assertThat(h.manager.getStatus().healthLatency().count()).isEqualTo(1);
        }
    }
}
