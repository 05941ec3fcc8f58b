package io.sideeye.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/** Helpers shared by the transport tests. */
public final class Calls {
    /** A guard against a hanging test, far above every timeout used in a call. */
    public static final long GUARD_SECONDS = 30;

    private Calls() {
    }

    public static HttpCall get(URI uri, Duration timeout, long maxBytes) {
        return new HttpCall("GET", uri, Map.of(), null, timeout, maxBytes);
    }

    public static HttpCall get(URI uri) {
        return get(uri, Duration.ofSeconds(10), 1 << 20);
    }

    /**
     * A server that reads a request's head, counts down {@code requested}, never answers, and
     * counts down {@code hungUp} once the client has closed the connection.
     */
    public static RawServer silentServer(CountDownLatch requested, CountDownLatch hungUp) throws Exception {
        return new RawServer((socket, in, out) -> {
            RawServer.readHead(in);
            requested.countDown();
            while (in.read() >= 0) {
                // never answer; wait for the client to hang up
            }
            hungUp.countDown();
        });
    }

    /**
     * The contract every transport keeps: cancelling a pending call hangs up its connection, so a
     * server that never answers is not left holding a socket.
     */
    public static void assertCancellingClosesTheConnection(HttpTransport transport) throws Exception {
        CountDownLatch requested = new CountDownLatch(1);
        CountDownLatch hungUp = new CountDownLatch(1);
        try (RawServer server = silentServer(requested, hungUp)) {
            CompletableFuture<HttpReply> pending = transport.send(get(server.uri("/"), Duration.ofSeconds(60), 4096));
            assertThat(requested.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();

            pending.cancel(true);

            assertThat(hungUp.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
    }

    /**
     * The same contract while a thread waits in {@code get()} for the call (a thread that may be
     * running the call itself): cancelling hangs up and releases that thread.
     */
    public static void assertCancellingAWaitedCallClosesTheConnection(HttpTransport transport) throws Exception {
        CountDownLatch requested = new CountDownLatch(1);
        CountDownLatch hungUp = new CountDownLatch(1);
        try (RawServer server = silentServer(requested, hungUp)) {
            CompletableFuture<HttpReply> pending = transport.send(get(server.uri("/"), Duration.ofSeconds(60), 4096));
            AtomicReference<Throwable> waitEnded = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    pending.get();
                } catch (Exception e) {
                    waitEnded.set(e);
                }
            }, "waiter");
            waiter.start();
            assertThat(requested.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();

            pending.cancel(true);

            assertThat(hungUp.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
            waiter.join(TimeUnit.SECONDS.toMillis(GUARD_SECONDS));
            assertThat(waiter.isAlive()).isFalse();
            assertThat(waitEnded.get()).isInstanceOf(CancellationException.class);
        }
    }

    public static HttpReply reply(CompletableFuture<HttpReply> future) throws Exception {
        return future.get(GUARD_SECONDS, TimeUnit.SECONDS);
    }

    /** The failure the future completes with; fails the test if it completes normally. */
    public static Throwable error(CompletableFuture<HttpReply> future) throws InterruptedException, TimeoutException {
        try {
            HttpReply reply = future.get(GUARD_SECONDS, TimeUnit.SECONDS);
            return fail("expected a failure, got HTTP " + reply.status());
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    public static HttpFailure failure(CompletableFuture<HttpReply> future) throws InterruptedException, TimeoutException {
        Throwable error = error(future);
        assertThat(error).isInstanceOf(HttpFailure.class);
        return (HttpFailure) error;
    }

    /** A port nothing listens on (bound once, then released). */
    public static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
