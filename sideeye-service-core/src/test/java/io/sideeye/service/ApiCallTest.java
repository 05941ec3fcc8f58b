package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sideeye.service.fake.FakeChild;
import io.sideeye.service.fake.FakeHttp;
import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.HttpFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiCallTest {

    @Test
    void getJoinsBaseUrlAndApiPathAndSendsTheToken() {
        try (Harness h = new Harness()) {
            h.startNow();
            h.http.api = call -> FakeHttp.reply(200, "[{\"id\":1}]");
            ApiResponse r = h.manager.apiCall("/notes/").join();
            assertThat(r.success()).isTrue();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.data().get(0).get("id").asInt()).isEqualTo(1);
            assertThat(r.error()).isNull();
            HttpCall sent = h.http.calls.get(h.http.calls.size() - 1);
            assertThat(sent.uri().toString()).isEqualTo("http://127.0.0.1:41000/api/notes/");
            assertThat(sent.method()).isEqualTo("GET");
            assertThat(sent.headers()).containsEntry("Authorization", "Bearer " + h.child().env("SIDEEYE_API_TOKEN"));
        }
    }

    @Test
    void postSendsDataAsJson() {
        try (Harness h = new Harness()) {
            h.startNow();
            h.http.api = call -> FakeHttp.reply(201, new String(call.body(), StandardCharsets.UTF_8));
            ApiResponse r = h.manager.apiCall("/notes/", "post", Map.of("title", "hello")).join();
            assertThat(r.success()).isTrue();
            assertThat(r.data().get("title").asText()).isEqualTo("hello");
            HttpCall sent = h.http.calls.get(h.http.calls.size() - 1);
            assertThat(sent.method()).isEqualTo("POST");
            assertThat(sent.headers()).containsEntry("Content-Type", "application/json");
        }
    }

    @Test
    void httpErrorIsAnUnsuccessfulResponseNotAnException() {
        try (Harness h = new Harness()) {
            h.startNow();
            h.http.api = call -> FakeHttp.reply(404, "{\"error\":\"not found\"}");
            ApiResponse r = h.manager.apiCall("/notes/99/").join();
            assertThat(r.success()).isFalse();
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.error()).startsWith("HTTP 404");
            assertThat(r.data().get("error").asText()).isEqualTo("not found");
        }
    }

    @Test
    void notRunningFailsWithTheSeedsMessage() {
        try (Harness h = new Harness()) {
            CompletableFuture<ApiResponse> f = h.manager.apiCall("/notes/");
            assertThatThrownBy(f::join).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(ServiceNotRunningException.class)
                    .hasRootCauseMessage("Django service is not running");
            assertThat(h.http.calls).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example/x", "//evil.example/x", "/a/../b", "/a#b", "/a b", "/a\r\nX: y",
        "notes/"})
    void invalidEndpointsFailBeforeAnyRequest(String endpoint) {
        try (Harness h = new Harness()) {
            h.startNow();
            int before = h.http.calls.size();
            assertThatThrownBy(() -> h.manager.apiCall(endpoint).join())
                    .hasCauseInstanceOf(IllegalArgumentException.class);
            assertThat(h.http.calls).hasSize(before);
        }
    }

    @Test
    void unknownMethodIsRejected() {
        try (Harness h = new Harness()) {
            h.startNow();
            assertThatThrownBy(() -> h.manager.apiCall("/notes/", "BREW", null).join())
                    .hasCauseInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusedConnectionIsReportedAndTriggersAnImmediateHealthCheck() {
        try (Harness h = new Harness(b -> b.healthCheckInterval(Duration.ofMinutes(10)))) {
            h.startNow();
            h.child().health = FakeChild.Health.NOT_LISTENING;
            long checksBefore = h.http.healthCalls();
            ApiResponse r = h.manager.apiCall("/notes/").join();
            h.scheduler.runDue();
            assertThat(r.success()).isFalse();
            assertThat(r.status()).isZero();
            assertThat(r.error()).isEqualTo("connection refused");
            assertThat(h.events(ServiceEvent.ApiError.class)).singleElement()
                    .satisfies(e -> assertThat(e.endpoint()).isEqualTo("/notes/"));
            assertThat(h.http.healthCalls()).isEqualTo(checksBefore + 1);
            assertThat(h.events(ServiceEvent.Unhealthy.class)).hasSize(1);
        }
    }

    private static long apiCalls(Harness h) {
        return h.http.calls.size() - h.http.healthCalls();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
    void anIdempotentMethodIsSentOnceMoreAfterARefusedConnection(String method) {
        try (Harness h = new Harness(b -> b.healthCheckInterval(Duration.ofMinutes(10)))) {
            h.startNow();
            h.http.apiFailures.add(new HttpFailure(HttpFailure.Kind.REFUSED, "connection refused"));
            long before = apiCalls(h);
            ApiResponse r = h.manager.apiCall("/notes/1/", method, null).join();
            assertThat(r.success()).isTrue();
            assertThat(apiCalls(h) - before).isEqualTo(2);
            assertThat(h.events(ServiceEvent.ApiError.class)).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"connection reset", "Connection reset by peer",
        "connection closed before the answer was complete"})
    void aGetIsSentOnceMoreAfterAResetOrClosedConnection(String message) {
        try (Harness h = new Harness()) {
            h.startNow();
            h.http.apiFailures.add(new HttpFailure(HttpFailure.Kind.IO, message));
            long before = apiCalls(h);
            assertThat(h.manager.apiCall("/notes/").join().success()).isTrue();
            assertThat(apiCalls(h) - before).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PATCH"})
    void postAndPatchAreNeverSentTwice(String method) {
        try (Harness h = new Harness(b -> b.healthCheckInterval(Duration.ofMinutes(10)))) {
            h.startNow();
            h.http.apiFailures.add(new HttpFailure(HttpFailure.Kind.REFUSED, "connection refused"));
            long before = apiCalls(h);
            ApiResponse r = h.manager.apiCall("/notes/", method, Map.of("title", "x")).join();
            assertThat(r.success()).isFalse();
            assertThat(r.error()).isEqualTo("connection refused");
            assertThat(apiCalls(h) - before).isEqualTo(1);
        }
    }

    @Test
    void aTimeoutOrAnOtherFailureIsNotRetried() {
        try (Harness h = new Harness(b -> b.healthCheckInterval(Duration.ofMinutes(10)))) {
            h.startNow();
            h.http.apiFailures.add(new HttpFailure(HttpFailure.Kind.TIMEOUT, "timed out after 5s"));
            h.http.apiFailures.add(new HttpFailure(HttpFailure.Kind.IO, "I/O error: malformed status line"));
            long before = apiCalls(h);
            assertThat(h.manager.apiCall("/notes/").join().error()).isEqualTo("timed out after 5s");
            assertThat(h.manager.apiCall("/notes/").join().error()).isEqualTo("I/O error: malformed status line");
            assertThat(apiCalls(h) - before).isEqualTo(2);
        }
    }

    @Test
    void theSecondAttemptIsTheLast() {
        try (Harness h = new Harness(b -> b.healthCheckInterval(Duration.ofMinutes(10)))) {
            h.startNow();
            for (int i = 0; i < 3; i++) {
                h.http.apiFailures.add(new HttpFailure(HttpFailure.Kind.IO, "connection reset"));
            }
            long before = apiCalls(h);
            ApiResponse r = h.manager.apiCall("/notes/").join();
            assertThat(r.success()).isFalse();
            assertThat(r.error()).isEqualTo("connection reset");
            assertThat(apiCalls(h) - before).isEqualTo(2);
            assertThat(h.events(ServiceEvent.ApiError.class)).hasSize(1);
        }
    }

    @Test
    void a401FromALaunchThatReplacedTheOneCalledIsAskedAgainWithTheNewToken() {
        try (Harness h = new Harness(b -> b.healthCheckInterval(Duration.ofMinutes(10)))) {
            h.startNow();
            String first = h.child().env("SIDEEYE_API_TOKEN");
            java.util.concurrent.atomic.AtomicBoolean restarted = new java.util.concurrent.atomic.AtomicBoolean();
            h.http.api = call -> {
                if (restarted.compareAndSet(false, true)) { // the backend is replaced while the call is on its way
                    CompletableFuture<Boolean> restart = h.manager.restart();
                    h.scheduler.advanceUntil(restart::isDone, Duration.ofSeconds(30));
                }
                String token = h.child().env("SIDEEYE_API_TOKEN");
                return call.headers().get("Authorization").equals("Bearer " + token)
                        ? FakeHttp.reply(200, "{\"ok\":true}") : FakeHttp.reply(401, "{\"error\":\"wrong token\"}");
            };
            ApiResponse r = h.manager.apiCall("/notes/").join();
            assertThat(r.success()).as(String.valueOf(r)).isTrue();
            assertThat(h.child().env("SIDEEYE_API_TOKEN")).isNotEqualTo(first);
            assertThat(h.http.calls.stream().filter(c -> c.uri().getPath().equals("/api/notes/")))
                    .extracting(c -> c.headers().get("Authorization"))
                    .containsExactly("Bearer " + first, "Bearer " + h.child().env("SIDEEYE_API_TOKEN"));
        }
    }

    @Test
    void a401FromTheSameLaunchIsTheAnswer() {
        try (Harness h = new Harness()) {
            h.startNow();
            h.http.api = call -> FakeHttp.reply(401, "{\"error\":\"wrong token\"}");
            long before = apiCalls(h);
            assertThat(h.manager.apiCall("/notes/").join().status()).isEqualTo(401);
            assertThat(apiCalls(h) - before).isEqualTo(1);
        }
    }
}
