package io.sideeye.service.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sideeye.service.fake.FakeChild;
import io.sideeye.service.fake.FakeLauncher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Shutdown is final: nothing spawns once it began, and what was spawning is ended with the rest. */
class OrphanGuardTest {
    private final OrphanGuard guard = new OrphanGuard(false);
    private final FakeLauncher launcher = new FakeLauncher();

    private FakeChild child() throws Exception {
        return (FakeChild) launcher.launch(new LaunchSpec(List.of("backend", "--port=8000"), null, Map.of(), null));
    }

    @Test
    void shutdownWaitsForASpawnUnderWayAndEndsItsChild() throws Exception {
        FakeChild running = child();
        guard.admit("backend");
        guard.spawned(running);
        guard.admit("backend"); // a restart is spawning when the JVM begins to exit

        CompletableFuture<Integer> hook = CompletableFuture.supplyAsync(() -> guard.shutdown(Duration.ofSeconds(10),
                Duration.ofSeconds(1)));
        await().atMost(Duration.ofSeconds(5)).until(guard::closed);
        assertThat(running.terminateCalls).as("nothing is ended before the spawn under way is in").isZero();
        assertThat(hook).isNotDone();

        FakeChild respawned = child();
        guard.spawned(respawned);

        assertThat(hook.get()).isZero();
        assertThat(running.isAlive()).isFalse();
        assertThat(respawned.isAlive()).as("the child that was spawning when shutdown began").isFalse();
        assertThat(respawned.terminateCalls).isEqualTo(1);
    }

    @Test
    void nothingSpawnsOnceShutdownBegan() {
        guard.shutdown(Duration.ofSeconds(1), Duration.ofSeconds(1));

        assertThatThrownBy(() -> guard.admit("/usr/bin/python3")).isInstanceOf(LaunchRefusedException.class)
                .hasMessage("'/usr/bin/python3' was not started: this JVM is shutting down, and a process started"
                        + " now could outlive it");
    }

    @Test
    void aFailedSpawnDoesNotHoldUpShutdown() throws Exception {
        guard.admit("backend");
        guard.spawned(null);

        assertThat(CompletableFuture.supplyAsync(() -> guard.shutdown(Duration.ofSeconds(30), Duration.ofSeconds(1))))
                .succeedsWithin(Duration.ofSeconds(5)).isEqualTo(0);
    }

    @Test
    void aChildIgnoringSigtermIsKilledAfterTheGrace() throws Exception {
        launcher.nextIgnoresSigterm = true;
        FakeChild stubborn = child();
        guard.admit("backend");
        guard.spawned(stubborn);

        assertThat(guard.shutdown(Duration.ofSeconds(1), Duration.ofMillis(50))).isEqualTo(1);
        assertThat(stubborn.killCalls).isEqualTo(1);
        assertThat(stubborn.isAlive()).isFalse();
    }
}
