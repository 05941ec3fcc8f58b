package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.fake.FakeChild;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The health modes for a backend that cannot add the health app: {@code health: tcp}, and any
 * URL with expected status codes or body text; and the instance id a spawned backend with the
 * health contract must send.
 */
class HealthModesTest {

    private static boolean check(Harness h) {
        CompletableFuture<Boolean> f = h.manager.healthCheck();
        h.scheduler.advanceUntil(f::isDone, Duration.ofSeconds(5));
        return f.join();
    }

    @Test
    void aSpawnedBackendsHealthAnswerWithoutTheInstanceIdIsRejected() {
        try (Harness h = new Harness()) {
            assertThat(h.startNow()).isTrue();
            assertThat(h.manager.getStatus().identityChecked()).isTrue();

            h.child().health = FakeChild.Health.NO_INSTANCE; // a squatter that leaves the field out
            assertThat(check(h)).isFalse();
            assertThat(h.manager.getStatus().lastHealthCheck().error())
                    .contains("JSON answer without the instance id", "another server holds the port");
        }
    }

    @Test
    void tcpHealthIsTheAcceptedConnectionWithoutAnyHttpRequest() {
        try (Harness h = new Harness(b -> b.healthMode(HealthMode.TCP))) {
            h.launcher.initialHealth = FakeChild.Health.NOT_LISTENING;
            h.ports.accepting = port -> h.launcher.children.stream()
                    .anyMatch(c -> c.isAlive() && c.port() == port && c.health != FakeChild.Health.NOT_LISTENING);
            CompletableFuture<Boolean> started = h.manager.start();
            h.scheduler.advance(Duration.ofSeconds(1));
            assertThat(started).isNotDone();

            h.child().health = FakeChild.Health.NOT_FOUND; // listening; what it answers over HTTP does not matter
            h.scheduler.advanceUntil(started::isDone, Duration.ofSeconds(1));
            assertThat(started.join()).isTrue();
            assertThat(h.http.calls).isEmpty();
            ServiceStatus status = h.manager.getStatus();
            assertThat(status.identityChecked()).isFalse();
            assertThat(status.lastHealthCheck().healthy()).isTrue();
            assertThat(h.events(ServiceEvent.Warning.class)).extracting(ServiceEvent.Warning::message)
                    .anyMatch(m -> m.startsWith("health: tcp cannot tell this backend from another server"));

            long pid = h.child().pid();
            h.child().health = FakeChild.Health.NOT_LISTENING;
            h.scheduler.advanceUntil(() -> h.launcher.children.size() == 2, Duration.ofSeconds(10));
            assertThat(h.events(ServiceEvent.Unhealthy.class)).hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(u -> assertThat(u.error()).contains("does not accept connections"));
            assertThat(h.child().pid()).isNotEqualTo(pid);
            assertThat(h.http.calls).isEmpty();
        }
    }

    @Test
    void expectedStatusCodesMakeAnyUrlTheHealthEndpointWithoutTheIdentity() {
        try (Harness h = new Harness(b -> b.healthPath("/").healthStatus(List.of(200, 204)))) {
            h.launcher.initialHealth = FakeChild.Health.HTML_PAGE;
            h.http.api = call -> io.sideeye.service.fake.FakeHttp.page(200, "<html>Welcome</html>");
            assertThat(h.startNow()).isTrue();

            assertThat(h.manager.getStatus().identityChecked()).isFalse();
            assertThat(h.events(ServiceEvent.Warning.class)).extracting(ServiceEvent.Warning::message)
                    .anyMatch(m -> m.startsWith("healthStatus/healthBodyContains cannot tell this backend"));
            h.http.api = call -> io.sideeye.service.fake.FakeHttp.page(500, "<h1>Server Error</h1>");
            assertThat(check(h)).isFalse();
            assertThat(h.manager.getStatus().lastHealthCheck().error()).isEqualTo("HTTP 500 (expected 200 or 204)");
        }
    }

    @Test
    void bodyTextDecidesTogetherWithAny2xx() {
        try (Harness h = new Harness(b -> b.healthBodyContains("Welcome"))) {
            h.launcher.initialHealth = FakeChild.Health.HTML_PAGE;
            assertThat(h.startNow()).isTrue();

            h.child().health = FakeChild.Health.NO_INSTANCE;
            assertThat(check(h)).isFalse();
            assertThat(h.manager.getStatus().lastHealthCheck().error())
                    .isEqualTo("HTTP 200: the body does not contain \"Welcome\"");
        }
    }

    @Test
    void theHealthContractStaysTheDefaultAndProcessModeGivesNoIdentityWarning() {
        try (Harness h = new Harness(b -> b.healthMode(HealthMode.PROCESS))) {
            assertThat(h.startNow()).isTrue();
            assertThat(h.manager.getStatus().identityChecked()).isFalse();
            assertThat(h.events(ServiceEvent.Warning.class)).isEmpty();
        }
        try (Harness h = new Harness()) {
            assertThat(h.startNow()).isTrue();
            assertThat(h.events(ServiceEvent.Warning.class)).isEmpty();
        }
    }

    @Test
    void badExpectationsAreRefusedNamingTheKeyAndTheRemedy() {
        assertThat(refused(DjangoServiceManager.builder().healthStatus(List.of(200, 99))))
                .isEqualTo("healthStatus: 99 is not an HTTP status code; use codes from 100 to 599, e.g. [200, 204]");
        assertThat(refused(DjangoServiceManager.builder().healthMode(HealthMode.TCP).healthStatus(List.of(200))))
                .startsWith("healthStatus: only applies to healthMode http").contains("healthMode is tcp");
        assertThat(refused(DjangoServiceManager.builder().healthBodyContains("a\nb")))
                .startsWith("healthBodyContains: give a short piece of text");
        assertThat(refused(DjangoServiceManager.builder().healthMode(HealthMode.TCP).external("http://127.0.0.1:9")))
                .startsWith("healthMode: tcp is for a backend this manager starts");
        assertThat(DjangoServiceManager.builder().healthStatus(List.of(204, 200, 204)).config().healthStatus())
                .containsExactly(204, 200);
    }

    private static String refused(ServiceBuilder builder) {
        try {
            builder.config();
        } catch (ServiceConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted");
    }
}
