package io.sideeye.service.client;

import io.sideeye.service.http.DaemonPool;
import io.sideeye.service.http.Failures;
import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.HttpFailure;
import io.sideeye.service.http.HttpReply;
import io.sideeye.service.http.HttpTransport;
import io.sideeye.service.time.Cancellable;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * The API transport: every method, request bodies and pooled keep-alive connections, through
 * one JVM-wide {@link HttpClient} (HTTP/1.1, no proxy, no redirects, daemon threads).
 *
 * <p>One client for the whole JVM because on Java 17 an {@code HttpClient} cannot be closed:
 * each instance keeps a selector thread until it is garbage-collected, so a client per manager
 * would leave threads behind across create/close cycles. The client, its threads and
 * {@code java.net.http} itself are loaded on the first call, not when a manager is created: a
 * program that only supervises (the health probe is a plain socket) never pays for them.
 *
 * <p>Each call is handed to a pool thread ({@link JdkExchange}: at most {@value #MAX_CALLERS}
 * at once, more wait for one; idle ones end after 5 s), unless a thread that waits for its future
 * with {@code get()} or {@code join()} gets to it first and runs it itself, as a blocking
 * {@code send} on that thread would ({@link WaiterRunsFuture}); the future completes on the
 * thread that ran the call: keep dependent stages short. Once used, the transport keeps two parked
 * threads for the life of the JVM: the client's selector and the {@link Deadlines} watcher. The call must finish, body included, within
 * {@link HttpCall#timeout()} counted from {@link #send} (the client's own request timeout covers
 * only the wait for the headers, so an overall deadline aborts a body that stalls). Answers
 * above {@link HttpCall#maxResponseBytes()} are refused by their Content-Length before reading,
 * or cut off while streaming. Failures complete the future with an {@link HttpFailure}:
 * REFUSED, TIMEOUT, TOO_LARGE or IO.
 */
public final class JdkHttpTransport implements HttpTransport {
    /** Connection establishment may take at most this long, whatever a call's own timeout. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Upper bound of the threads that run calls. */
    static final int MAX_CALLERS = 32;
    /** Headers the client sets itself and refuses from callers. */
    private static final Set<String> CLIENT_HEADERS = Set.of("host", "connection", "content-length", "expect",
            "upgrade");
    private static final JdkHttpTransport SHARED = new JdkHttpTransport(() -> Shared.PARTS);

    private final Supplier<Parts> parts;

    private JdkHttpTransport(Supplier<Parts> parts) {
        this.parts = parts;
    }

    /**
     * A transport of its own over {@code client}, running calls on {@code callers} (a task that
     * is a {@link DaemonPool.Publishing} must be published after it ran) with {@code deadlines}.
     */
    JdkHttpTransport(HttpClient client, Executor callers, Deadlines deadlines) {
        Parts own = new Parts(client, callers, deadlines);
        this.parts = () -> own;
    }

    /** What a transport sends with: the client, the threads that run calls, the deadline watch. */
    private record Parts(HttpClient client, Executor callers, Deadlines deadlines) {
    }

    /** The JVM-wide parts, created on the first call (holder idiom). */
    private static final class Shared {
        static final Parts PARTS = new Parts(
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(CONNECT_TIMEOUT)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .proxy(HttpClient.Builder.NO_PROXY) // the backend is ours, never behind a corporate proxy
                        .executor(DaemonPool.create("sideeye-http-client", 8, Duration.ofSeconds(5)))
                        .build(),
                DaemonPool.create("sideeye-api", MAX_CALLERS, Duration.ofSeconds(5)),
                // Timeouts complete on threads of their own: callers may all be blocked in calls that only a timeout ends.
                new Deadlines("sideeye-api-deadlines", DaemonPool.create("sideeye-api-timeout", 4, Duration.ofSeconds(5))));
    }

    /** The JVM-wide transport. Its {@link #close()} does nothing: other managers may still use it. */
    public static HttpTransport shared() {
        return SHARED;
    }

    /**
     * Sends {@code call}. The future completes with the answer (any status; the reason phrase is
     * empty, HTTP/1.1 through this client does not expose it), exceptionally with an
     * {@link HttpFailure}, or with an {@link IllegalArgumentException} for a call the client
     * cannot express. Cancelling the future aborts the exchange. A thread that waits for the
     * future, or one of its dependent stages, with {@code get()} or {@code join()} before a pool
     * thread took the call runs the call itself (see {@link WaiterRunsFuture}).
     */
    @Override
    public CompletableFuture<HttpReply> send(HttpCall call) {
        long start = System.nanoTime();
        HttpRequest request;
        try {
            request = toRequest(call);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        Parts p = parts.get();
        JdkExchange exchange = new JdkExchange(p.client(), request, call, start);
        CompletableFuture<HttpReply> result = exchange.result();
        Cancellable deadline = p.deadlines().add(exchange.deadlineNanos(),
                () -> result.completeExceptionally(Failures.timeout(call.timeout(), null)));
        result.whenComplete((reply, error) -> {
            deadline.cancel();
            if (error != null) {
                exchange.abort(error); // timed out or cancelled; harmless when the exchange itself failed
            }
        });
        try {
            p.callers().execute(exchange);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(Failures.io("the API client is shut down", e));
        }
        return result;
    }

    /** Does nothing: the one client serves every manager in the JVM and cannot be closed on Java 17. */
    @Override
    public void close() {
        // see the class documentation
    }

    @Override
    public String toString() {
        return "JdkHttpTransport[shared]";
    }

    /**
     * The JDK request for {@code call}: its method, headers, body and timeout (public for the
     * benchmarks, which time this step alone).
     */
    public static HttpRequest toRequest(HttpCall call) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(call.uri()).timeout(call.timeout());
        if (call.body() == null && call.method().equals("GET")) {
            // GET() leaves the request without a body publisher, which the client skips; an empty
            // publisher (noBody()) is still subscribed to, one more step (and thread hand-off) per call
            builder.GET();
        } else {
            builder.method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        }
        for (Map.Entry<String, String> header : call.headers().entrySet()) {
            if (!CLIENT_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                builder.header(header.getKey(), header.getValue());
            }
        }
        return builder.build();
    }
}
