package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.fake.FakeChild;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class HealthTest {

    private static boolean check(Harness h) {
        CompletableFuture<Boolean> f = h.manager.healthCheck();
        h.scheduler.advanceUntil(f::isDone, Duration.ofSeconds(5));
        return f.join();
    }

    @Test
    void healthCheckPasses() {
        try (Harness h = new Harness()) {
            h.startNow();
            assertThat(check(h)).isTrue();
            assertThat(h.manager.getStatus().lastHealthCheck().healthy()).isTrue();
            assertThat(h.manager.getStatus().lastHealthCheck().status()).isEqualTo(200);
        }
    }

    @Test
    void http500IsUnhealthy() {
        try (Harness h = new Harness()) {
            h.startNow();
            h.child().health = FakeChild.Health.HTTP_500;
            assertThat(check(h)).isFalse();
            HealthCheckResult last = h.manager.getStatus().lastHealthCheck();
            assertThat(last.status()).isEqualTo(500);
            assertThat(last.error()).contains("500");
            assertThat(h.events(ServiceEvent.Unhealthy.class)).hasSize(1);
        }
    }

    @Test
    void connectionRefusedIsUnhealthy() {
        try (Harness h = new Harness()) {
            h.startNow();
            h.child().health = FakeChild.Health.NOT_LISTENING;
            assertThat(check(h)).isFalse();
            assertThat(h.manager.getStatus().lastHealthCheck().error()).isEqualTo("connection refused");
        }
    }

    @Test
    void anotherServersInstanceIsNotOurs() {
        try (Harness h = new Harness()) {
            h.startNow();
            h.child().health = FakeChild.Health.WRONG_INSTANCE;
            assertThat(check(h)).isFalse();
            assertThat(h.manager.getStatus().lastHealthCheck().error()).contains("instance");
        }
    }

    @Test
    void aSquatterWithAnotherInstanceNeverCountsAsReady() {
        try (Harness h = new Harness(b -> b.startupTimeout(Duration.ofSeconds(2)))) {
            h.launcher.initialHealth = FakeChild.Health.WRONG_INSTANCE;
            assertThat(h.startNow()).isFalse();
            assertThat(h.manager.getStatus().lastError()).contains("instance");
        }
    }

    @Test
    void healthCheckWhenStoppedIsFalseWithoutARequest() {
        try (Harness h = new Harness()) {
            assertThat(check(h)).isFalse();
            assertThat(h.http.calls).isEmpty();
        }
    }

    @Test
    void periodicChecksRunAtTheInterval() {
        try (Harness h = new Harness(b -> b.healthCheckInterval(Duration.ofSeconds(2)))) {
            h.startNow();
            long before = h.http.healthCalls();
            h.scheduler.advance(Duration.ofSeconds(10));
            assertThat(h.http.healthCalls() - before).isEqualTo(5);
            assertThat(h.events(ServiceEvent.Healthy.class)).hasSize(5);
        }
    }

    @Test
    void stoppedServiceIsNotProbed() {
        try (Harness h = new Harness()) {
            h.startNow();
            h.stopNow();
            long before = h.http.healthCalls();
            h.scheduler.advance(Duration.ofMinutes(1));
            assertThat(h.http.healthCalls()).isEqualTo(before);
        }
    }
}
