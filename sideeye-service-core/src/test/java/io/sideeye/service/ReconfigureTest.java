package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sideeye.service.fake.FakeChild;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ReconfigureTest {

    private static boolean apply(Harness h, ServiceConfig next) {
        CompletableFuture<Boolean> f = h.manager.reconfigure(next);
        h.scheduler.runDue();
        return f.join();
    }

    @Test
    void aNewHealthIntervalAppliesWithoutRestartingTheBackend() {
        try (Harness h = new Harness(b -> b.healthCheckInterval(Duration.ofSeconds(10)))) {
            h.startNow();
            long pid = h.manager.getStatus().pid();
            long before = h.http.healthCalls();
            assertThat(apply(h, h.manager.config().toBuilder().healthCheckInterval(Duration.ofSeconds(1)).config()))
                    .isTrue();
            h.scheduler.advance(Duration.ofSeconds(5));
            assertThat(h.http.healthCalls() - before).isEqualTo(5);
            assertThat(h.manager.getStatus().pid()).isEqualTo(pid);
            assertThat(h.launcher.children).hasSize(1);
            assertThat(h.manager.config().healthCheckInterval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(h.events(ServiceEvent.Info.class)).extracting(ServiceEvent.Info::message)
                    .contains("Configuration applied without a restart: healthCheckInterval");
        }
    }

    @Test
    void aNewRestartPolicyGovernsTheNextCrash() {
        try (Harness h = new Harness(b -> b.restartDelay(Duration.ofMillis(100)))) {
            h.startNow();
            apply(h, h.manager.config().toBuilder().restartDelay(Duration.ofSeconds(3))
                    .maxRestartDelay(Duration.ofSeconds(3)).unhealthyThreshold(1).config());
            h.child().exit(1);
            h.scheduler.runDue();
            h.scheduler.advance(Duration.ofMillis(2999));
            assertThat(h.launcher.children).hasSize(1);
            h.scheduler.advance(Duration.ofMillis(1));
            assertThat(h.launcher.children).hasSize(2);
            h.scheduler.advanceUntil(() -> h.state() == ServiceState.RUNNING, Duration.ofSeconds(1));
            h.child().health = FakeChild.Health.HTTP_500; // threshold 1: one failed check restarts
            h.scheduler.advance(Duration.ofSeconds(1));
            assertThat(h.state()).isEqualTo(ServiceState.BACKOFF);
        }
    }

    @Test
    void processSettingsAreRefusedNamingThemAndChangeNothing() {
        try (Harness h = new Harness()) {
            h.startNow();
            ServiceConfig before = h.manager.config();
            ServiceConfig next = before.toBuilder().port(9000).environment(Map.of("A", "1"))
                    .command(List.of("other", "--port={port}")).healthCheckInterval(Duration.ofSeconds(3)).config();
            assertThatThrownBy(() -> h.manager.reconfigure(next).join())
                    .hasCauseInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("changing port, command, environment changes the backend process");
            assertThat(h.manager.config()).isEqualTo(before);
        }
    }

    @Test
    void theSameConfigurationChangesNothing() {
        try (Harness h = new Harness()) {
            h.startNow();
            assertThat(apply(h, h.manager.config())).isFalse();
            assertThat(h.events(ServiceEvent.Info.class)).isEmpty();
        }
    }
}
