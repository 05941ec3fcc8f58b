package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DevModeTest {

    @Test
    void devModeSpawnsNothingAndMonitorsTheExternalUrl() {
        try (Harness h = new Harness(b -> b.dev(true).port(8000))) {
            assertThat(h.startNow()).isTrue();
            assertThat(h.launcher.children).isEmpty();
            assertThat(h.state()).isEqualTo(ServiceState.EXTERNAL);
            assertThat(h.events(ServiceEvent.Info.class)).extracting(ServiceEvent.Info::message)
                    .containsExactly("Development mode: Django service managed externally");
            h.scheduler.advance(Duration.ofSeconds(3));
            assertThat(h.http.calls).hasSize(3).allSatisfy(c -> {
                assertThat(c.uri().toString()).isEqualTo("http://127.0.0.1:8000/api/health/");
                assertThat(c.headers()).doesNotContainKey("Authorization");
            });
            // nothing listens there in this test: unhealthy, but never a restart
            assertThat(h.events(ServiceEvent.Unhealthy.class)).hasSize(3);
            assertThat(h.state()).isEqualTo(ServiceState.EXTERNAL);
            assertThat(h.names()).doesNotContain("restarting", "starting");
        }
    }

    @Test
    void devModeApiCallsGoToTheExternalServiceEvenWhenNotStarted() {
        try (Harness h = new Harness(b -> b.dev(true).port(8000))) {
            ApiResponse r = h.manager.apiCall("/notes/").join();
            assertThat(r.error()).isEqualTo("connection refused"); // attempted, not refused as "not running"
            assertThat(h.http.calls.get(0).uri().toString()).isEqualTo("http://127.0.0.1:8000/api/notes/");
        }
    }

    @Test
    void stopInDevModeKillsNothing() {
        try (Harness h = new Harness(b -> b.dev(true).port(8000))) {
            h.startNow();
            assertThat(h.stopNow()).isTrue();
            assertThat(h.state()).isEqualTo(ServiceState.STOPPED);
        }
    }
}
