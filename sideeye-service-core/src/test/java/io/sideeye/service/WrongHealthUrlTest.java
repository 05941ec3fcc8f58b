package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.fake.FakeChild;
import io.sideeye.service.health.ReadinessSchedule;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A start whose health URL can never answer healthy fails within seconds, saying what to do. */
class WrongHealthUrlTest {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private static Harness harness(FakeChild.Health answer) {
        Harness h = new Harness(b -> b.startupTimeout(STARTUP_TIMEOUT).maxRestartAttempts(0));
        h.launcher.initialHealth = answer;
        return h;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "NOT_FOUND      | HTTP 404: no URL of the backend matches this path",
        "FORBIDDEN      | HTTP 403: this URL needs a login",
        "LOGIN_REDIRECT | HTTP 302: a redirect (to a login page",
        "HTML_PAGE      | HTTP 200: an HTML page, not the health JSON",
        "NO_INSTANCE    | HTTP 200: not the sideeye health app's answer (no instance id)",
    })
    void failsAfterTwoSecondsOfSuchAnswersWithTheRemedyNotAfterTheStartupTimeout(FakeChild.Health answer,
                                                                                  String reason) {
        try (Harness h = harness(answer)) {
            assertThat(h.startNow()).isFalse();

            assertThat(h.scheduler.elapsed()).isBetween(ReadinessSchedule.WRONG_ANSWER_WINDOW,
                    ReadinessSchedule.WRONG_ANSWER_WINDOW.plusMillis(100));
            assertThat(h.state()).isEqualTo(ServiceState.STOPPED);
            assertThat(h.child().isAlive()).isFalse();
            String error = h.manager.getStatus().lastError();
            assertThat(error).contains("/api/health/", reason, "'sideeye_health' in INSTALLED_APPS",
                    "healthStatus or healthBodyContains", "health: tcp", "sideeye doctor",
                    "docs/TROUBLESHOOTING.md#");
            assertThat(h.events(ServiceEvent.Error.class)).extracting(ServiceEvent.Error::message).containsExactly(error);
            assertThat(h.http.healthCalls()).as("a handful of requests in the backend's log").isLessThanOrEqualTo(5);
        }
    }

    @Test
    void a503WhileWarmingUpStillWaitsForTheHealthyAnswer() {
        try (Harness h = harness(FakeChild.Health.HTTP_503)) {
            CompletableFuture<Boolean> started = h.manager.start();
            h.scheduler.advance(Duration.ofSeconds(20));
            assertThat(started).isNotDone();
            assertThat(h.http.healthCalls()).as("each 503 is a line in the backend's log: polls slow down")
                    .isBetween(10L, 16L);

            h.child().health = FakeChild.Health.HEALTHY;
            h.scheduler.advanceUntil(started::isDone, ReadinessSchedule.ANSWERED_CEILING);
            assertThat(started.join()).isTrue();
        }
    }

    @Test
    void aWrongAnswerThatGivesWayToTheHealthAppWithinTheWindowIsForgotten() {
        try (Harness h = harness(FakeChild.Health.NOT_FOUND)) {
            CompletableFuture<Boolean> started = h.manager.start();
            h.scheduler.advance(Duration.ofMillis(1500));
            h.child().health = FakeChild.Health.HTTP_503; // the URL conf reloaded; now warming up
            h.scheduler.advance(Duration.ofMillis(1000));
            h.child().health = FakeChild.Health.NOT_FOUND;
            h.scheduler.advance(Duration.ofMillis(1500));
            assertThat(started).as("the 2 s count starts again after a 503").isNotDone();

            h.child().health = FakeChild.Health.HEALTHY;
            h.scheduler.advanceUntil(started::isDone, Duration.ofSeconds(1));
            assertThat(started.join()).isTrue();
        }
    }

    @Test
    void withExpectedStatusCodesANotFoundFailsFastWithTheirRemedy() {
        try (Harness h = new Harness(b -> b.startupTimeout(STARTUP_TIMEOUT).healthStatus(java.util.List.of(200)))) {
            h.launcher.initialHealth = FakeChild.Health.NOT_FOUND;
            assertThat(h.startNow()).isFalse();

            assertThat(h.scheduler.elapsed()).isLessThan(Duration.ofSeconds(3));
            assertThat(h.manager.getStatus().lastError()).contains("HTTP 404", "set healthStatus to the codes",
                    "health: tcp").doesNotContain("INSTALLED_APPS");
        }
    }

    @Test
    void withoutAnAnswerTheStartStillWaitsForTheStartupTimeout() {
        try (Harness h = harness(FakeChild.Health.NOT_LISTENING)) {
            assertThat(h.startNow()).isFalse();

            assertThat(h.scheduler.elapsed()).isGreaterThanOrEqualTo(STARTUP_TIMEOUT);
            assertThat(h.manager.getStatus().lastError()).contains("did not become healthy within 30s",
                    "run `sideeye doctor` (see docs/TROUBLESHOOTING.md#the-backend-does-not-become-healthy)");
        }
    }
}
