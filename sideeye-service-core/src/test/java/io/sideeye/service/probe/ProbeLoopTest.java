package io.sideeye.service.probe;

import static io.sideeye.service.http.Calls.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sideeye.service.fake.FakeScheduler;
import io.sideeye.service.http.Calls;
import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.HttpFailure;
import io.sideeye.service.http.HttpReply;
import io.sideeye.service.http.HttpTransport;
import io.sideeye.service.http.LocalServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The probe loop's own behaviour: coalescing windows, which calls it takes, cancellation, its thread;
 * on real sockets and real time, and (driven by a fake scheduler) in fake time.
 */
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
    void inFakeTimeADueCheckTakesAlongTheOpenWindowsAndTheOthersWaitForTheirDueTime() {
        FakeScheduler clock = new FakeScheduler();
        ProbeLoop driven = ProbeLoop.drivenBy(clock, new Answering(null));
        HttpCall call = get(URI.create("http://127.0.0.1:8000/api/health/"));
        long now = clock.nanoTime();
        Map<String, Long> started = new ConcurrentHashMap<>();
        driven.sendBetween(now + 300 * MS, now + 300 * MS, call, (start, reply, error) -> started.put("due", start - now));
        driven.sendBetween(now + 100 * MS, now + 900 * MS, call, (start, reply, error) -> started.put("open", start - now));
        driven.sendBetween(now + 1200 * MS, now + 1500 * MS, call, (start, reply, error) -> started.put("closed",
                start - now));

        clock.advance(Duration.ofMillis(1499));
        assertThat(started).containsOnly(Map.entry("due", 300 * MS), Map.entry("open", 300 * MS));
        clock.advance(Duration.ofMillis(1));
        assertThat(started).containsEntry("closed", 1500 * MS);
    }

    @Test
    void inFakeTimeACheckWithoutAnAnswerFailsAtItsDeadlineAndACancelledOneNeverStarts() {
        FakeScheduler clock = new FakeScheduler();
        Answering exchanges = new Answering(new CompletableFuture<>());
        ProbeLoop driven = ProbeLoop.drivenBy(clock, exchanges);
        HttpCall call = get(URI.create("http://127.0.0.1:8000/api/health/"), Duration.ofMillis(500), 1024);
        long now = clock.nanoTime();
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        driven.sendBetween(now + 100 * MS, now + 100 * MS, call, (start, reply, error) -> failed.complete(error));
        driven.sendBetween(now + 200 * MS, now + 200 * MS, call, (start, reply, error) -> failed.complete(null))
                .cancel();

        clock.advance(Duration.ofMillis(599));
        assertThat(failed).isNotDone();
        clock.advance(Duration.ofMillis(1));

        assertThat(failed.join()).isInstanceOf(HttpFailure.class).hasMessage("timed out after 500ms");
        assertThat(((HttpFailure) failed.join()).kind()).isEqualTo(HttpFailure.Kind.TIMEOUT);
        assertThat(exchanges.sent).isEqualTo(1);
    }

    /** Exchanges that answer at once with 200, or with {@code fixed} (which may never complete). */
    private static final class Answering implements HttpTransport {
        private final CompletableFuture<HttpReply> fixed;
        int sent;

        Answering(CompletableFuture<HttpReply> fixed) {
            this.fixed = fixed;
        }

        @Override
        public CompletableFuture<HttpReply> send(HttpCall call) {
            sent++;
            return fixed != null ? fixed : CompletableFuture.completedFuture(
                    new HttpReply(200, "OK", "application/json", new byte[0], 0));
        }

        @Override
        public void close() {
        }
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
