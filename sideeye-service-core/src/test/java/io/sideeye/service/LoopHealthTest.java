package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.fake.FakeChild;
import io.sideeye.service.fake.FakeHttp;
import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.HttpReply;
import io.sideeye.service.http.HttpTransport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The periodic health checks on their production path (health monitor, probe loop, supervisor),
 * in fake time: the loop is driven by the fake scheduler and exchanges through the fake HTTP.
 */
class LoopHealthTest {
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final Duration MS = Duration.ofMillis(1);

    /** The loop's exchanges: to the fake HTTP, recorded with their fake start, or never answered. */
    static final class LoopExchanges implements HttpTransport {
        final FakeHttp http;
        final List<Duration> starts = new CopyOnWriteArrayList<>();
        volatile boolean hang;
        private Harness harness;

        LoopExchanges(FakeHttp http) {
            this.http = http;
        }

        @Override
        public CompletableFuture<HttpReply> send(HttpCall call) {
            starts.add(harness.scheduler.elapsed());
            return hang ? new CompletableFuture<>() : http.send(call);
        }

        @Override
        public void close() {
        }
    }

    private LoopExchanges exchanges;

    private Harness harness() {
        Harness h = new Harness(b -> b, http -> exchanges = new LoopExchanges(http));
        exchanges.harness = h;
        return h;
    }

    @Test
    void checksGoThroughTheLoopOncePerIntervalTimedFromTheStartOfTheLast() {
        try (Harness h = harness()) {
            h.startNow();
            Duration running = h.scheduler.elapsed();
            long direct = h.http.healthCalls() - exchanges.starts.size();

            h.scheduler.advance(INTERVAL.minus(MS));
            assertThat(exchanges.starts).isEmpty();
            h.scheduler.advance(MS);
            h.scheduler.advance(INTERVAL.multipliedBy(4));

            assertThat(exchanges.starts).containsExactly(running.plus(INTERVAL), running.plus(INTERVAL.multipliedBy(2)),
                    running.plus(INTERVAL.multipliedBy(3)), running.plus(INTERVAL.multipliedBy(4)),
                    running.plus(INTERVAL.multipliedBy(5)));
            assertThat(h.http.healthCalls() - exchanges.starts.size()).isEqualTo(direct); // none around the loop
            assertThat(h.events(ServiceEvent.Healthy.class)).hasSizeGreaterThanOrEqualTo(5);
            assertThat(h.manager.getStatus().lastHealthCheck().timestamp()).isEqualTo(h.scheduler.now());
        }
    }

    @Test
    void aPassingCheckOfASteadyServiceIsRecordedWithoutAHandOffToTheSupervisor() {
        try (Harness h = harness()) {
            h.startNow();
            h.scheduler.advance(INTERVAL);
            long handOffs = h.scheduler.executions();
            int samples = h.manager.getStatus().healthLatency().count();

            h.scheduler.advance(INTERVAL);

            assertThat(h.scheduler.executions()).isEqualTo(handOffs);
            assertThat(h.manager.getStatus().healthLatency().count()).isEqualTo(samples + 1);
            assertThat(h.manager.getStatus().lastHealthCheck().healthy()).isTrue();
        }
    }

    @Test
    void aCheckWithoutAnAnswerFailsAtTheLoopsDeadline() {
        try (Harness h = harness()) {
            h.startNow();
            exchanges.hang = true;
            h.scheduler.advance(INTERVAL);
            assertThat(exchanges.starts).hasSize(1);

            h.scheduler.advance(TIMEOUT.minus(MS));
            assertThat(h.events(ServiceEvent.Unhealthy.class)).isEmpty();
            h.scheduler.advance(MS);

            List<ServiceEvent.Unhealthy> unhealthy = h.events(ServiceEvent.Unhealthy.class);
            assertThat(unhealthy).hasSize(1);
            assertThat(unhealthy.get(0).error()).isEqualTo("timed out after 500ms");
            assertThat(h.manager.getStatus().lastHealthCheck().healthy()).isFalse();
            assertThat(h.state()).isEqualTo(ServiceState.RUNNING);
        }
    }

    @Test
    void checksThatTimeOutReachTheThresholdAndTheServiceIsRestarted() {
        try (Harness h = harness()) {
            h.startNow();
            FakeChild first = h.child();
            exchanges.hang = true;

            h.scheduler.advance(INTERVAL.multipliedBy(2).plus(TIMEOUT));
            assertThat(h.events(ServiceEvent.Unhealthy.class)).hasSize(2);
            assertThat(h.events(ServiceEvent.Restarting.class)).isEmpty();
            h.scheduler.advance(INTERVAL);

            assertThat(h.events(ServiceEvent.Unhealthy.class)).hasSize(3);
            assertThat(h.events(ServiceEvent.Warning.class)).anySatisfy(w ->
                    assertThat(w.message()).contains("failed 3 consecutive health checks (last: timed out after 500ms)"));
            assertThat(h.events(ServiceEvent.Restarting.class)).hasSize(1);
            exchanges.hang = false;
            h.scheduler.advanceUntil(() -> h.state() == ServiceState.RUNNING && h.child() != first,
                    Duration.ofSeconds(30));
            assertThat(h.child()).isNotSameAs(first);
            assertThat(first.isAlive()).isFalse();
            assertThat(h.names()).containsSubsequence("unhealthy", "unhealthy", "unhealthy", "warning", "info",
                    "restarting", "starting", "started");
        }
    }

    @Test
    void unhealthyAnswersReachTheThresholdAndTheServiceIsRestarted() {
        try (Harness h = harness()) {
            h.startNow();
            FakeChild first = h.child();
            first.health = FakeChild.Health.HTTP_500;

            h.scheduler.advance(INTERVAL.multipliedBy(3));

            assertThat(h.events(ServiceEvent.Unhealthy.class)).hasSize(3)
                    .allSatisfy(u -> assertThat(u.status()).isEqualTo(500));
            assertThat(h.events(ServiceEvent.Restarting.class)).hasSize(1);
            h.scheduler.advanceUntil(() -> h.state() == ServiceState.RUNNING && h.child() != first,
                    Duration.ofSeconds(30));
            assertThat(h.manager.getStatus().restartsTotal()).isEqualTo(1);
        }
    }
}
