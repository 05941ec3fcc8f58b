package io.sideeye.service.probe;

import static io.sideeye.service.http.Calls.error;
import static io.sideeye.service.http.Calls.failure;
import static io.sideeye.service.http.Calls.get;
import static io.sideeye.service.http.Calls.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.service.http.Calls;
import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.HttpFailure;
import io.sideeye.service.http.HttpReply;
import io.sideeye.service.http.HttpTransport;
import io.sideeye.service.http.LocalServer;
import io.sideeye.service.http.RawServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The socket probe's own behaviour: HTTP/1.1 details, the overall deadline, cancellation, threads. */
class SocketHttpProbeTest {
    private final HttpTransport probe = SocketHttpProbe.shared();

    @Test
    void writesAMinimalRequestWithHostAndPortAndConnectionClose() throws Exception {
        StringBuilder head = new StringBuilder();
        try (RawServer server = new RawServer((socket, in, out) -> {
            head.append(RawServer.readHead(in));
            RawServer.write(out, "HTTP/1.1 204 No Content\r\n\r\n");
        })) {
            HttpCall call = new HttpCall("GET", server.uri("/api/health/?x=1"),
                    Map.of("Authorization", "Bearer t0ken"), null, Duration.ofSeconds(10), 4096);

            HttpReply reply = reply(probe.send(call));

            int port = server.uri("/").getPort();
            assertThat(head.toString()).isEqualTo("GET /api/health/?x=1 HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\nAuthorization: Bearer t0ken\r\n\r\n");
            assertThat(reply.status()).isEqualTo(204);
            assertThat(reply.body()).isEmpty();
        }
    }

    @Test
    void keepsTheServersReasonPhraseAndSkipsInterimAnswers() throws Exception {
        try (RawServer server = new RawServer((socket, in, out) -> {
            RawServer.readHead(in);
            RawServer.write(out, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Temporarily Down\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
        })) {
            HttpReply reply = reply(probe.send(get(server.uri("/"))));

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.reason()).isEqualTo("Temporarily Down");
            assertThat(reply.contentType()).isEqualTo("application/json");
            assertThat(reply.body()).asString(StandardCharsets.UTF_8).isEqualTo("{}");
        }
    }

    @Test
    void readsABodyFramedByTheEndOfTheConnection() throws Exception {
        try (RawServer server = new RawServer((socket, in, out) -> {
            RawServer.readHead(in);
            RawServer.write(out, "HTTP/1.0 200\r\nContent-Type: text/plain\r\n\r\nno length, ");
            RawServer.write(out, "ends at close");
        })) {
            HttpReply reply = reply(probe.send(get(server.uri("/"))));

            assertThat(reply.reason()).isEmpty();
            assertThat(reply.body()).asString(StandardCharsets.UTF_8).isEqualTo("no length, ends at close");
        }
    }

    @Test
    void readsChunksWithExtensionsAndTrailers() throws Exception {
        try (RawServer server = new RawServer((socket, in, out) -> {
            RawServer.readHead(in);
            RawServer.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;name=value\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: 1\r\n\r\n");
            in.read(); // until the client hangs up
        })) {
            HttpReply reply = reply(probe.send(get(server.uri("/"))));

            assertThat(reply.body()).asString(StandardCharsets.UTF_8).isEqualTo("hello 0123456789");
        }
    }

    @Test
    void ignoresTheBodyLengthOfAnAnswerToHead() throws Exception {
        try (RawServer server = new RawServer((socket, in, out) -> {
            RawServer.readHead(in);
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n");
            socket.getInputStream().read(); // sends no body; a reader waiting for one would time out
        })) {
            HttpCall head = new HttpCall("HEAD", server.uri("/"), Map.of(), null, Duration.ofSeconds(20), 4096);

            HttpReply reply = reply(probe.send(head));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEmpty();
        }
    }

    @Test
    void holdsOneDeadlineForTheWholeExchangeEvenWhenBytesKeepComing() throws Exception {
        // Each byte comes well within the read timeout; only an overall deadline ends this.
        try (RawServer server = new RawServer((socket, in, out) -> {
            RawServer.readHead(in);
            RawServer.write(out, "HTTP/1.1 200 OK\r\n");
            while (true) {
                RawServer.write(out, "X-Slow: 1\r\n");
                Thread.sleep(20); // a slow server, not a wait in the test
            }
        })) {
            HttpFailure failure = failure(probe.send(get(server.uri("/"), Duration.ofMillis(300), 1 << 20)));

            assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TIMEOUT);
            assertThat(failure).hasMessage("timed out after 300ms");
        }
    }

    @Test
    void reportsAnAnswerThatIsNotHttp() throws Exception {
        try (RawServer server = new RawServer((socket, in, out) -> {
            RawServer.readHead(in);
            RawServer.write(out, "SSH-2.0-OpenSSH_9.2\r\n");
        })) {
            HttpFailure failure = failure(probe.send(get(server.uri("/"))));

            assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.IO);
            assertThat(failure).hasMessage("malformed answer: not an HTTP/1.x status line: \"SSH-2.0-OpenSSH_9.2\"");
        }
    }

    @Test
    void reportsABodyCutShortOfItsContentLength() throws Exception {
        try (RawServer server = new RawServer((socket, in, out) -> {
            RawServer.readHead(in);
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        })) {
            HttpFailure failure = failure(probe.send(get(server.uri("/"))));

            assertThat(failure).hasMessage("connection closed after 3 of 10 body bytes");
        }
    }

    @Test
    void refusesAHeaderValueWithALineBreakWithoutEchoingIt() throws Exception {
        HttpCall call = new HttpCall("GET", java.net.URI.create("http://127.0.0.1:1/"),
                Map.of("Authorization", "Bearer secret\r\nX-Injected: 1"), null, Duration.ofSeconds(1), 4096);

        Throwable error = error(probe.send(call));

        assertThat(error).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Authorization").hasMessageNotContaining("secret");
    }

    @Test
    void refusesAnythingButPlainHttp() throws Exception {
        HttpCall call = get(java.net.URI.create("https://127.0.0.1:8443/api/health/"));

        assertThat(error(probe.send(call))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://host:port/");
    }

    @Test
    void cancellingAProbeClosesItsConnection() throws Exception {
        Calls.assertCancellingClosesTheConnection(probe);
    }

    @Test
    void cancellingACallAThreadWaitsForClosesItsConnectionAndReleasesTheThread() throws Exception {
        Calls.assertCancellingAWaitedCallClosesTheConnection(probe);
    }

    @Test
    void sequentialProbesReuseOneThreadAndIdleThreadsEnd() throws Exception {
        SocketHttpProbe own = SocketHttpProbe.withOwnPool("probe-test", 4, Duration.ofMillis(200));
        try (LocalServer server = new LocalServer()) {
            int most = 0;
            for (int i = 0; i < 200; i++) {
                assertThat(reply(own.send(get(server.uri("/")))).status()).isEqualTo(200);
                most = Math.max(most, own.threadCount());
            }
            assertThat(most).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> own.threadCount() == 0);
        } finally {
            own.close();
        }
    }

    @Test
    void boundsItsThreadsAndCountsQueueingAgainstEachProbesDeadline() throws Exception {
        SocketHttpProbe own = SocketHttpProbe.withOwnPool("probe-bound", 3, Duration.ofSeconds(30));
        try (RawServer server = new RawServer((socket, in, out) -> {
            RawServer.readHead(in);
            in.read(); // never answers
        })) {
            List<CompletableFuture<HttpReply>> probes = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                probes.add(own.send(get(server.uri("/"), Duration.ofMillis(300), 4096)));
            }
            assertThat(own.threadCount()).isLessThanOrEqualTo(3);

            for (CompletableFuture<HttpReply> probe : probes) {
                // the queued ones reach a thread after their 300 ms are spent: they time out at once
                assertThat(failure(probe)).hasMessage("timed out after 300ms");
            }
            assertThat(own.threadCount()).isEqualTo(3);
        } finally {
            own.close();
        }
    }

    @Test
    void theSharedPoolStaysSmallAndEndsItsThreadsWhenIdle() throws Exception {
        try (LocalServer server = new LocalServer()) {
            int before = SocketHttpProbe.sharedThreadCount(); // idle threads left by earlier tests are reused
            int most = 0;
            for (int i = 0; i < 200; i++) {
                reply(probe.send(get(server.uri("/"))));
                most = Math.max(most, SocketHttpProbe.sharedThreadCount());
            }
            assertThat(most).isBetween(1, Math.max(before, 1));
            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().startsWith("sideeye-http-probe"))
                    .allMatch(Thread::isDaemon);
        }
        await().atMost(SocketHttpProbe.KEEP_ALIVE.multipliedBy(5)).until(() -> SocketHttpProbe.sharedThreadCount() == 0);
    }
}
