package io.sideeye.service.client;

import static io.sideeye.service.http.Calls.get;
import static io.sideeye.service.http.Calls.reply;
import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.http.Calls;
import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.HttpReply;
import io.sideeye.service.http.HttpTransport;
import io.sideeye.service.http.LocalServer;
import io.sideeye.service.http.RawServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The API transport's own behaviour: connection reuse, headers the client owns, the reason phrase,
 * the threads its futures complete on, cancellation.
 */
class JdkHttpTransportTest {
    private final HttpTransport transport = JdkHttpTransport.shared();

    @Test
    void reusesItsConnectionForSequentialCalls() throws Exception {
        try (LocalServer server = new LocalServer()) {
            for (int i = 0; i < 5; i++) {
                assertThat(reply(transport.send(get(server.uri("/api/notes/")))).status()).isEqualTo(200);
            }

            assertThat(server.received()).extracting(LocalServer.Received::remotePort).containsOnly(
                    server.received().get(0).remotePort());
        }
    }

    @Test
    void isOneSharedInstance() {
        assertThat(JdkHttpTransport.shared()).isSameAs(transport);
    }

    @Test
    void leavesFramingHeadersToTheClientInsteadOfFailing() throws Exception {
        try (LocalServer server = new LocalServer()) {
            HttpCall call = new HttpCall("POST", server.uri("/"), Map.of("Host", "evil.example",
                    "Content-Length", "999", "Connection", "close", "X-Custom", "kept"),
                    "{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10), 4096);

            assertThat(reply(transport.send(call)).status()).isEqualTo(200);

            assertThat(server.last().header("Host")).isEqualTo("127.0.0.1:" + server.port());
            assertThat(server.last().header("X-Custom")).isEqualTo("kept");
            assertThat(server.last().body()).asString(StandardCharsets.UTF_8).isEqualTo("{}");
        }
    }

    @Test
    void reportsNoReasonPhraseBecauseTheClientDoesNotExposeOne() throws Exception {
        try (LocalServer server = new LocalServer().answering((exchange, request) ->
                LocalServer.send(exchange, 404, "text/plain", "no such note"))) {
            HttpReply reply = reply(transport.send(get(server.uri("/api/notes/7/"))));

            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.reason()).isEmpty();
            assertThat(reply.contentType()).isEqualTo("text/plain");
            assertThat(reply.body()).asString(StandardCharsets.UTF_8).isEqualTo("no such note");
        }
    }

    @Test
    void failsACallTheClientCannotExpressWithoutThrowing() throws Exception {
        HttpCall call = new HttpCall("GET", java.net.URI.create("http://127.0.0.1:1/"),
                Map.of("Bad Header", "x"), null, Duration.ofSeconds(1), 4096);

        assertThat(Calls.error(transport.send(call))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCallNobodyWaitsForCompletesOnItsOwnCallerThreadsRatherThanOnANewThreadPerCall() throws Exception {
        CountDownLatch requested = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (RawServer server = new RawServer((socket, in, out) -> {
            RawServer.readHead(in);
            requested.countDown();
            release.await();
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        })) {
            CompletableFuture<String> thread = transport.send(get(server.uri("/")))
                    .thenApply(reply -> Thread.currentThread().getName());
            assertThat(requested.await(Calls.GUARD_SECONDS, TimeUnit.SECONDS)).isTrue(); // sent by the pool: nobody waited
            release.countDown();

            assertThat(thread.get(Calls.GUARD_SECONDS, TimeUnit.SECONDS)).startsWith("sideeye-api-");
        }
    }

    @Test
    void aCallWaitedForAtOnceNeverCompletesOnTheClientsOwnThreads() throws Exception {
        try (LocalServer server = new LocalServer()) {
            for (int i = 0; i < 20; i++) {
                String thread = transport.send(get(server.uri("/"))).thenApply(reply -> Thread.currentThread().getName())
                        .get(Calls.GUARD_SECONDS, TimeUnit.SECONDS);

                // the waiting thread ran it, or the pool got there first; never the client's selector or executor
                assertThat(thread).satisfiesAnyOf(
                        name -> assertThat(name).isEqualTo(Thread.currentThread().getName()),
                        name -> assertThat(name).startsWith("sideeye-api-"));
            }
        }
    }

    @Test
    void cancellingACallClosesItsConnection() throws Exception {
        Calls.assertCancellingClosesTheConnection(transport);
    }

    @Test
    void cancellingACallAThreadWaitsForClosesItsConnectionAndReleasesTheThread() throws Exception {
        Calls.assertCancellingAWaitedCallClosesTheConnection(transport);
    }
}
