package io.sideeye.service.probe;

import io.sideeye.service.http.DaemonPool;
import io.sideeye.service.http.Failures;
import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.HttpFailure;
import io.sideeye.service.http.HttpReply;
import io.sideeye.service.http.HttpTransport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * The health probe for readiness polls and checks on request (the periodic checks of a running
 * service go through {@link ProbeLoop}, which makes the same exchange on one thread for every
 * manager): each request is a plain HTTP/1.1 exchange over a fresh {@link java.net.Socket}
 * with {@code Connection: close}, run on a small pool of daemon threads shared by every manager
 * in the JVM. It speaks any method, sends the call's headers (with {@code Host: host:port} as in
 * the URI) and body, and reads bodies framed by Content-Length, chunked coding or the end of
 * the connection.
 *
 * <p>Why not {@code java.net.http.HttpClient}: a probe runs forever at an interval, and the
 * client's machinery (selector thread, reactive body pipeline, several thread hand-offs per
 * exchange) costs about three times the CPU and much more memory than one blocking socket
 * exchange. Why a fresh connection each time: on loopback the handshake costs about as much as
 * the bookkeeping a kept-alive connection needs (a probe with a new connection measured as cheap
 * as {@code HttpURLConnection} reusing one), while a kept-alive connection would hold a thread
 * of servers that serve one connection per thread (Django's runserver) between probes and
 * would have to detect a server-side close before each reuse.
 *
 * <p>Timing: connect, write and every read together must finish within
 * {@link HttpCall#timeout()}, counted from {@link #send(HttpCall)}; time spent waiting for a
 * pool thread counts too, so a probe never reports success later than its deadline. Size:
 * an answer whose Content-Length exceeds {@link HttpCall#maxResponseBytes()} is refused before
 * its body is read; an unframed or chunked one is cut off at the cap.
 *
 * <p>Threads: at most {@value #MAX_THREADS}, started only when every existing one is busy
 * (a probe that hangs holds one until its deadline), ending after {@link #KEEP_ALIVE} without
 * work (3 seconds); an idle JVM holds none. Futures complete on these threads: keep dependent stages short.
 */
public final class SocketHttpProbe implements HttpTransport {
    /** Upper bound of the shared pool's threads. */
    public static final int MAX_THREADS = 32;
    /** How long an idle pool thread lives. */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(3);

    private static final SocketHttpProbe SHARED =
            new SocketHttpProbe(DaemonPool.create("sideeye-http-probe", MAX_THREADS, KEEP_ALIVE), true);

    private final DaemonPool pool;
    private final boolean shared;

    private SocketHttpProbe(DaemonPool pool, boolean shared) {
        this.pool = pool;
        this.shared = shared;
    }

    /** The JVM-wide probe. Its {@link #close()} does nothing: other managers may still use it. */
    public static HttpTransport shared() {
        return SHARED;
    }

    /** A probe with its own pool, released by {@link #close()}; for tests of the pool's behaviour. */
    static SocketHttpProbe withOwnPool(String threadName, int maxThreads, Duration keepAlive) {
        return new SocketHttpProbe(DaemonPool.create(threadName, maxThreads, keepAlive), false);
    }

    /** Threads the pool holds now (busy or idle). */
    int threadCount() {
        return pool.getPoolSize();
    }

    /** Threads the shared pool holds now (busy or idle). */
    static int sharedThreadCount() {
        return SHARED.threadCount();
    }

    /**
     * Sends {@code call}. The future completes with the answer (any status), exceptionally with
     * an {@link HttpFailure} (REFUSED, TIMEOUT, TOO_LARGE, IO), or with an
     * {@link IllegalArgumentException} for a call that cannot be encoded (not {@code http},
     * a header with a line break). Cancelling the future closes the socket.
     */
    @Override
    public CompletableFuture<HttpReply> send(HttpCall call) {
        long deadline = System.nanoTime() + call.timeout().toNanos();
        byte[] request;
        try {
            request = ProbeRequest.encode(call);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<HttpReply> result = new CompletableFuture<>();
        ProbeExchange exchange = new ProbeExchange(call, request, deadline, result);
        result.whenComplete((reply, error) -> {
            if (result.isCancelled()) {
                exchange.abort();
            }
        });
        try {
            pool.execute(exchange);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(Failures.io("the HTTP probe is closed", e));
        }
        return result;
    }

    @Override
    public String toString() {
        return "SocketHttpProbe[" + (shared ? "shared" : "own pool") + "]";
    }

    /**
     * Does nothing for the {@linkplain #shared() shared} probe, whose idle threads end by
     * themselves and which other managers may still use; releases the own pool otherwise.
     */
    @Override
    public void close() {
        if (!shared) {
            pool.shutdownNow();
        }
    }
}
