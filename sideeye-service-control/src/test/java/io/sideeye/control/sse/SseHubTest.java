package io.sideeye.control.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.sideeye.control.testkit.RawHttp;
import io.sideeye.control.testkit.SseStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hub behind a real JDK server, read by real sockets. */
class SseHubTest {
    private HttpServer server;
    private SseHub hub;
    private ExecutorService executor;

    private int start(SseSettings settings) throws IOException {
        hub = new SseHub(settings);
        executor = Executors.newFixedThreadPool(2);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/events", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            String topic = null;
            Set<String> feeds = Set.of();
            String query = ex.getRequestURI().getQuery();
            for (String pair : query == null ? new String[0] : query.split("&")) {
                if (pair.startsWith("topic=")) {
                    topic = pair.substring(6);
                } else if (pair.startsWith("feed=")) {
                    feeds = Set.of(pair.substring(5));
                }
            }
            hub.subscribe(ex, topic, feeds, () -> List.of(SseFrame.event("hello", "{\"n\":0}")));
        });
        server.start();
        return server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private static SseSettings settings(int queue, Duration heartbeat, Duration stall) {
        return new SseSettings(queue, 2, 4, heartbeat, stall);
    }

    @Test
    void framesArriveInPublishOrderAfterTheInitialOnes() throws Exception {
        int port = start(settings(10_000, Duration.ofHours(1), Duration.ofSeconds(10)));
        try (SseStream a = new SseStream(RawHttp.request(port, "GET", "/events"));
             SseStream b = new SseStream(RawHttp.request(port, "GET", "/events"))) {
            await().until(() -> hub.subscriberCount() == 2);
            for (int i = 1; i <= 500; i++) {
                hub.publish(SseFrame.event("tick", "{\"n\":" + i + "}"));
            }
            for (SseStream s : List.of(a, b)) {
                assertThat(s.nextEvent()).isEqualTo(new SseStream.Event("hello", "{\"n\":0}"));
                for (int i = 1; i <= 500; i++) {
                    assertThat(s.nextEvent()).isEqualTo(new SseStream.Event("tick", "{\"n\":" + i + "}"));
                }
            }
        }
    }

    @Test
    void aTopicStreamReceivesItsTopicAndFramesForEveryoneOnly() throws Exception {
        int port = start(settings(100, Duration.ofHours(1), Duration.ofSeconds(10)));
        try (SseStream all = new SseStream(RawHttp.request(port, "GET", "/events"));
             SseStream worker = new SseStream(RawHttp.request(port, "GET", "/events?topic=worker"))) {
            await().until(() -> hub.subscriberCount() == 2);
            hub.publish("web", SseFrame.event("tick", "{\"from\":\"web\"}"));
            hub.publish("worker", SseFrame.event("tick", "{\"from\":\"worker\"}"));
            hub.publish(SseFrame.event("tick", "{\"from\":\"everyone\"}"));
            assertThat(all.nextEvent()).isEqualTo(new SseStream.Event("hello", "{\"n\":0}"));
            assertThat(List.of(all.nextEvent().data(), all.nextEvent().data(), all.nextEvent().data()))
                    .containsExactly("{\"from\":\"web\"}", "{\"from\":\"worker\"}", "{\"from\":\"everyone\"}");
            assertThat(worker.nextEvent()).isEqualTo(new SseStream.Event("hello", "{\"n\":0}"));
            assertThat(List.of(worker.nextEvent().data(), worker.nextEvent().data()))
                    .containsExactly("{\"from\":\"worker\"}", "{\"from\":\"everyone\"}");
        }
    }

    @Test
    void aSubscriberThatDoesNotReadIsDroppedWhileOthersKeepReceiving() throws Exception {
        int port = start(settings(64, Duration.ofHours(1), Duration.ofMinutes(5)));
        Socket silent = RawHttp.request(port, "GET", "/events").open(); // never read
        try (SseStream reader = new SseStream(RawHttp.request(port, "GET", "/events"))) {
            await().until(() -> hub.subscriberCount() == 2);
            // Frames above the loopback MSS are sent at once (no Nagle wait for a delayed ACK).
            byte[] big = SseFrame.event("bulk", "x".repeat(128 * 1024));
            List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            Semaphore window = new Semaphore(32); // the reading client is never more than 32 frames behind
            Thread consumer = new Thread(() -> {
                try {
                    SseStream.Event e;
                    while (seen.size() < 201 && (e = reader.nextEvent()) != null) {
                        seen.add(e.type());
                        window.release();
                    }
                } catch (IOException ignored) {
                    // closed at the end of the test
                }
            });
            consumer.start();
            for (int i = 0; i < 200; i++) {
                assertThat(window.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
                hub.publish(big); // 25 MB in all: beyond the silent client's socket buffers and 64-frame queue
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> hub.droppedCount() == 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> seen.size() == 201);
            assertThat(seen.subList(1, seen.size())).allMatch("bulk"::equals);
            assertThat(hub.subscriberCount()).isEqualTo(1);
            consumer.join();
        } finally {
            silent.close();
        }
    }

    @Test
    void aFeedRunsWhileAStreamAskedForItAndReachesThoseStreamsOnly() throws Exception {
        int port = start(settings(1024, Duration.ofHours(1), Duration.ofSeconds(10)));
        AtomicInteger ticks = new AtomicInteger();
        hub.addFeed("figures", Duration.ofMillis(50), () -> {
            int n = ticks.incrementAndGet();
            for (String service : List.of("web", "worker")) {
                hub.publishFeed("figures", service, () -> SseFrame.event("figures", "{\"" + service + "\":" + n + "}"));
            }
        });
        try (SseStream plain = new SseStream(RawHttp.request(port, "GET", "/events"))) {
            await().until(() -> hub.subscriberCount() == 1);
            assertThat(hub.feedScheduled("figures")).isFalse();
            assertThat(ticks).hasValue(0);
            try (SseStream fed = new SseStream(RawHttp.request(port, "GET", "/events?feed=figures"));
                 SseStream webOnly = new SseStream(RawHttp.request(port, "GET", "/events?topic=web&feed=figures"))) {
                assertThat(fed.nextEvent().type()).isEqualTo("hello");
                assertThat(List.of(fed.nextEvent().data(), fed.nextEvent().data())).containsExactly(
                        "{\"web\":1}", "{\"worker\":1}"); // the first tick at once
                assertThat(webOnly.nextEvent().type()).isEqualTo("hello");
                for (int seen = 0; seen < 3; seen++) {
                    assertThat(webOnly.nextEvent().data()).startsWith("{\"web\":");
                }
                assertThat(hub.feedScheduled("figures")).isTrue();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.subscriberCount() == 1);
            assertThat(hub.feedScheduled("figures")).isFalse();
            hub.publish(SseFrame.event("tick", "{\"n\":1}"));
            assertThat(plain.nextEvent().type()).isEqualTo("hello");
            assertThat(plain.nextEvent()).isEqualTo(new SseStream.Event("tick", "{\"n\":1}")); // no feed frame before it
        }
    }

    @Test
    void aDeferrableFrameWaitsForTheNextWriteOfAStreamThatTakesAFeedOnly() throws Exception {
        int port = start(settings(1024, Duration.ofHours(1), Duration.ofSeconds(10)));
        AtomicInteger ticks = new AtomicInteger();
        hub.addFeed("figures", Duration.ofHours(1), () -> { // no tick but the first within the test
            int n = ticks.incrementAndGet();
            hub.publishFeed("figures", null, () -> SseFrame.event("figures", "{\"n\":" + n + "}"));
        });
        try (SseStream plain = new SseStream(RawHttp.request(port, "GET", "/events"));
             SseStream fed = new SseStream(RawHttp.request(port, "GET", "/events?feed=figures"))) {
            assertThat(fed.nextEvent().type()).isEqualTo("hello");
            assertThat(fed.nextEvent()).isEqualTo(new SseStream.Event("figures", "{\"n\":1}"));
            await().until(() -> hub.subscriberCount() == 2);
            hub.publishDeferrable("web", () -> SseFrame.event("check", "{\"ok\":1}"));
            hub.publishDeferrable("web", () -> SseFrame.event("check", "{\"ok\":2}"));
            assertThat(plain.nextEvent().type()).isEqualTo("hello");
            assertThat(List.of(plain.nextEvent().data(), plain.nextEvent().data()))
                    .as("a stream without a feed: at once").containsExactly("{\"ok\":1}", "{\"ok\":2}");
            assertThat(hub.holdingStreams()).as("the fed stream's checks wait").isEqualTo(1);
            hub.publish("web", SseFrame.event("started", "{}")); // any other frame takes them along, in order
            assertThat(List.of(fed.nextEvent().data(), fed.nextEvent().data(), fed.nextEvent().type()))
                    .containsExactly("{\"ok\":1}", "{\"ok\":2}", "started");
            assertThat(hub.holdingStreams()).isZero();
        }
    }

    @Test
    void aFeedsTickWritesTheFramesThatWaitedForIt() throws Exception {
        int port = start(settings(1024, Duration.ofHours(1), Duration.ofSeconds(10)));
        AtomicInteger ticks = new AtomicInteger();
        hub.addFeed("figures", Duration.ofMillis(200), () -> {
            int n = ticks.incrementAndGet();
            hub.publishFeed("figures", null, () -> SseFrame.event("figures", "{\"n\":" + n + "}"));
        });
        try (SseStream fed = new SseStream(RawHttp.request(port, "GET", "/events?feed=figures"))) {
            assertThat(fed.nextEvent().type()).isEqualTo("hello");
            assertThat(fed.nextEvent().type()).isEqualTo("figures");
            hub.publishDeferrable(null, () -> SseFrame.event("check", "{\"ok\":1}"));
            SseStream.Event next;
            do { // the ticks meanwhile (the one that wrote the check among them) may come first
                next = fed.nextEvent();
            } while (next.type().equals("figures"));
            assertThat(next).isEqualTo(new SseStream.Event("check", "{\"ok\":1}"));
            assertThat(hub.holdingStreams()).isZero();
        }
    }

    @Test
    void aFeedNameIsRegisteredOnce() throws Exception {
        start(settings(64, Duration.ofHours(1), Duration.ofSeconds(10)));
        hub.addFeed("figures", Duration.ofSeconds(1), () -> { });
        assertThatIllegalStateException()
                .isThrownBy(() -> hub.addFeed("figures", Duration.ofSeconds(2), () -> { }))
                .withMessageContaining("figures");
    }

    @Test
    void heartbeatsAreEmptyComments() throws Exception {
        int port = start(settings(64, Duration.ofMillis(50), Duration.ofSeconds(10)));
        try (SseStream s = new SseStream(RawHttp.request(port, "GET", "/events"))) {
            assertThat(s.nextRawFrame()).isEqualTo("event: hello\ndata: {\"n\":0}");
            assertThat(s.nextRawFrame()).isEqualTo(":");
        }
    }

    @Test
    void noThreadRunsWhileNoStreamIsOpen() throws Exception {
        int port = start(settings(64, Duration.ofMillis(50), Duration.ofSeconds(10)));
        assertThat(hub.writerThreads()).isZero();
        assertThat(hub.timerThreads()).isZero();
        assertThat(hub.timerScheduled()).isFalse();
        hub.publish(SseFrame.event("nobody", "{}")); // no stream: starts nothing
        assertThat(hub.writerThreads()).isZero();
        try (SseStream s = new SseStream(RawHttp.request(port, "GET", "/events"))) {
            assertThat(s.nextRawFrame()).isEqualTo("event: hello\ndata: {\"n\":0}");
            assertThat(s.nextRawFrame()).isEqualTo(":");
            assertThat(hub.writerThreads()).isEqualTo(2);
            assertThat(hub.timerScheduled()).isTrue();
            assertThat(hub.timerThreads()).isEqualTo(1);
        }
        await().until(() -> hub.subscriberCount() == 0); // the next heartbeat finds the stream closed
        assertThat(hub.timerScheduled()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.timerThreads() == 0);
        try (SseStream again = new SseStream(RawHttp.request(port, "GET", "/events"))) {
            assertThat(again.nextRawFrame()).isEqualTo("event: hello\ndata: {\"n\":0}");
            assertThat(again.nextRawFrame()).isEqualTo(":"); // heartbeats resume with a new stream
            assertThat(hub.timerThreads()).isEqualTo(1);
        }
    }

    @Test
    void heartbeatsDetectAClosedClient() throws Exception {
        int port = start(settings(64, Duration.ofMillis(50), Duration.ofSeconds(10)));
        SseStream s = new SseStream(RawHttp.request(port, "GET", "/events"));
        await().until(() -> hub.subscriberCount() == 1);
        s.close();
        await().until(() -> hub.subscriberCount() == 0);
        assertThat(hub.droppedCount()).isZero();
    }

    @Test
    void aStalledWriteIsDroppedAtAPublishAfterTheLimitAndAnotherWriterKeepsTheRestFlowing() throws Exception {
        // One writer only, so a blocked write would stop every stream without the stall check.
        hub = null;
        int port = start(new SseSettings(1_000_000, 1, 4, Duration.ofHours(1), Duration.ofMillis(300)));
        Socket silent = RawHttp.request(port, "GET", "/events").open();
        await().until(() -> hub.subscriberCount() == 1);
        byte[] big = SseFrame.event("bulk", "y".repeat(256 * 1024));
        // publishing never waits for a client: 50 MB queued for one that does not read, at once
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 200; i++) {
                hub.publish(big); // the writer blocks on the full socket, the publisher does not
            }
        });
        // the events of a service go on (a health check a second); one after the limit cuts the stream
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            hub.publish(SseFrame.event("tick", "{}"));
            return hub.droppedCount() == 1;
        });
        assertThat(hub.writerThreads()).isEqualTo(2);
        try (SseStream fresh = new SseStream(RawHttp.request(port, "GET", "/events"))) {
            await().until(() -> hub.subscriberCount() == 1);
            hub.publish(SseFrame.event("after", "{}"));
            assertThat(fresh.nextEvent().type()).isEqualTo("hello");
            assertThat(fresh.nextEvent()).isEqualTo(new SseStream.Event("after", "{}"));
        } finally {
            silent.close();
        }
    }

    @Test
    void heartbeatsCutAStalledStreamWhenNothingElseIsPublished() throws Exception {
        hub = null;
        int port = start(new SseSettings(1_000_000, 1, 4, Duration.ofMillis(200), Duration.ofMillis(300)));
        try (Socket silent = RawHttp.request(port, "GET", "/events").open()) {
            await().until(() -> hub.subscriberCount() == 1);
            byte[] big = SseFrame.event("bulk", "y".repeat(256 * 1024));
            for (int i = 0; i < 200; i++) {
                hub.publish(big);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> hub.droppedCount() == 1);
        }
    }

    @Test
    void closingEndsEveryStream() throws Exception {
        int port = start(settings(64, Duration.ofHours(1), Duration.ofSeconds(10)));
        try (SseStream s = new SseStream(RawHttp.request(port, "GET", "/events"))) {
            assertThat(s.nextEvent()).isNotNull();
            hub.close();
            assertThat(s.nextRawFrame()).isNull();
        }
    }

    @Test
    void framesSplitMultiLineData() {
        assertThat(new String(SseFrame.event("x", "a\nb\r\nc"), StandardCharsets.UTF_8))
                .isEqualTo("event: x\ndata: a\ndata: b\ndata: c\n\n");
        assertThat(new String(SseFrame.retry(1000), StandardCharsets.UTF_8)).isEqualTo("retry: 1000\n\n");
        assertThat(new String(SseFrame.HEARTBEAT, StandardCharsets.UTF_8)).isEqualTo(":\n\n");
    }
}
