package io.sideeye.service.probe;

import static io.sideeye.service.http.Calls.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sideeye.service.http.Calls;
import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.LocalServer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The probe loop's own behaviour: coalescing windows, which calls it takes, cancellation, its thread. */
class ProbeLoopTest {
    private static final long MS = 1_000_000;

    private final ProbeLoop loop = new ProbeLoop("test-probe-loop", Duration.ofMillis(200));

    /** The start of a check, once answered. */
    private CompletableFuture<Long> startOf(long earliest, long due, HttpCall call) {
        CompletableFuture<Long> started = new CompletableFuture<>();
        loop.sendBetween(earliest, due, call, (start, reply, error) -> {
            if (reply != null) {
                started.complete(start);
            } else {
                started.completeExceptionally(error);
            }
        });
        return started;
    }

    @Test
    void aDueCheckTakesAlongTheChecksWhoseWindowIsOpenButNotTheOthers() throws Exception {
        try (LocalServer server = new LocalServer()) {
            HttpCall call = get(server.uri("/api/health/"));
            long now = System.nanoTime();
            CompletableFuture<Long> first = startOf(now + 300 * MS, now + 300 * MS, call);
            CompletableFuture<Long> open = startOf(now + 100 * MS, now + 900 * MS, call);
            CompletableFuture<Long> closed = startOf(now + 1200 * MS, now + 1500 * MS, call);

            long firstStart = first.get(30, TimeUnit.SECONDS);

            assertThat(firstStart - (now + 300 * MS)).isGreaterThanOrEqualTo(0);
            assertThat(open.get(30, TimeUnit.SECONDS)).isEqualTo(firstStart); // started with it, before its due time
            assertThat(closed.get(30, TimeUnit.SECONDS) - (now + 1200 * MS)).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aCheckCancelledBeforeItsTimeNeverStarts() throws Exception {
        try (LocalServer server = new LocalServer()) {
            HttpCall call = get(server.uri("/api/health/"));
            long now = System.nanoTime();
            CompletableFuture<Long> cancelled = new CompletableFuture<>();
            loop.sendBetween(now + 100 * MS, now + 100 * MS, call, (start, reply, error) -> cancelled.complete(start))
                    .cancel();
            CompletableFuture<Long> later = startOf(now + 300 * MS, now + 300 * MS, call);

            later.get(30, TimeUnit.SECONDS);

            assertThat(cancelled).isNotDone();
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void cancellingARunningCheckHangsUp() throws Exception {
        Calls.assertCancellingClosesTheConnection(new LoopTransport(loop));
    }

    @Test
    void takesPlainHttpToAnIpAddressOnly() {
        assertThat(ProbeLoop.accepts(get(URI.create("http://127.0.0.1:8000/api/health/")))).isTrue();
        assertThat(ProbeLoop.accepts(get(URI.create("http://[::1]:8000/api/health/")))).isTrue();
        assertThat(ProbeLoop.accepts(get(URI.create("http://localhost:8000/api/health/")))).isFalse();
        assertThat(ProbeLoop.accepts(get(URI.create("http://backend.internal/api/health/")))).isFalse();
        assertThat(ProbeLoop.accepts(get(URI.create("https://127.0.0.1:8443/api/health/")))).isFalse();
        assertThatThrownBy(() -> loop.sendBetween(0, 0, get(URI.create("http://localhost:8000/")), (s, r, e) -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IP address");
    }

    @Test
    void theThreadEndsWhenIdleAndComesBackForTheNextCheck() throws Exception {
        try (LocalServer server = new LocalServer()) {
            HttpCall call = get(server.uri("/api/health/"));
            long now = System.nanoTime();
            startOf(now, now, call).get(30, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(30)).until(() -> !loop.isRunning());

            now = System.nanoTime();
            assertThat(startOf(now, now, call).get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(now);
        }
    }
}
