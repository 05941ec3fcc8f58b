package io.sideeye.service.http;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The API transport: every method, request bodies and pooled keep-alive connections, through
 * one JVM-wide {@link HttpClient} (HTTP/1.1, no proxy, no redirects, daemon threads).
 *
 * <p>One client for the whole JVM because on Java 17 an {@code HttpClient} cannot be closed:
 * each instance keeps a selector thread until it is garbage-collected, so a client per manager
 * would leave threads behind across create/close cycles. The shared client is created by the
 * first call sent; a program that only probes health never starts it (nor loads its TLS stack,
 * about 16 MiB of memory in a small JVM).
 *
 * <p>Each call must finish, body included, within {@link HttpCall#timeout()} (the client's own
 * request timeout covers only the wait for the headers, so an overall deadline aborts a body
 * that stalls). Answers above {@link HttpCall#maxResponseBytes()} are refused by their
 * Content-Length before reading, or cut off while streaming. Failures complete the future with
 * an {@link HttpFailure}: REFUSED, TIMEOUT, TOO_LARGE or IO.
 */
public final class JdkHttpTransport implements HttpTransport {
    /** Connection establishment may take at most this long, whatever a call's own timeout. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Headers the client sets itself and refuses from callers. */
    private static final Set<String> CLIENT_HEADERS = Set.of("host", "connection", "content-length", "expect",
            "upgrade");

    private static final JdkHttpTransport SHARED = new JdkHttpTransport();

    private JdkHttpTransport() {
    }

    /** Created on first send (holder idiom): a manager that never calls the API never starts it. */
    private static final class Client {
        static final HttpClient INSTANCE = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY) // the backend is ours, never behind a corporate proxy
                .executor(DaemonPool.create("sideeye-http-client", 8, Duration.ofSeconds(5)))
                .build();
    }

    /** The JVM-wide transport. Its {@link #close()} does nothing: other managers may still use it. */
    public static HttpTransport shared() {
        return SHARED;
    }

    /**
     * Sends {@code call}. The future completes with the answer (any status; the reason phrase is
     * empty, HTTP/1.1 through this client does not expose it), exceptionally with an
     * {@link HttpFailure}, or with an {@link IllegalArgumentException} for a call the client
     * cannot express. Cancelling the future aborts the exchange.
     */
    @Override
    public CompletableFuture<HttpReply> send(HttpCall call) {
        HttpRequest request;
        try {
            request = toRequest(call);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        long start = System.nanoTime();
        AtomicReference<CappedBodySubscriber> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> exchange =
                Client.INSTANCE.sendAsync(request, CappedBodySubscriber.handler(call.maxResponseBytes(), body::set));
        CompletableFuture<HttpReply> result = new CompletableFuture<>();
        exchange.whenComplete((response, error) -> {
            if (error != null) {
                result.completeExceptionally(translate(error, call.timeout()));
            } else {
                result.complete(new HttpReply(response.statusCode(), "",
                        response.headers().firstValue("content-type").orElse(null), response.body(),
                        System.nanoTime() - start));
            }
        });
        // The overall deadline; completing it early cancels its timer, so nothing waits out the timeout.
        CompletableFuture<Void> deadline = new CompletableFuture<Void>()
                .orTimeout(call.timeout().toNanos(), TimeUnit.NANOSECONDS);
        deadline.whenComplete((none, expired) -> {
            if (expired != null) {
                result.completeExceptionally(Failures.timeout(call.timeout(), null));
            }
        });
        result.whenComplete((reply, error) -> {
            deadline.complete(null);
            if (error != null) {
                abort(exchange, body.get(), error); // timed out or cancelled; harmless when the exchange failed
            }
        });
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

    private static HttpRequest toRequest(HttpCall call) {
        HttpRequest.BodyPublisher publisher = call.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(call.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(call.uri())
                .method(call.method(), publisher)
                .timeout(call.timeout());
        for (Map.Entry<String, String> header : call.headers().entrySet()) {
            if (!CLIENT_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                builder.header(header.getKey(), header.getValue());
            }
        }
        return builder.build();
    }

    private static void abort(CompletableFuture<?> exchange, CappedBodySubscriber body, Throwable cause) {
        exchange.cancel(true);
        if (body != null) {
            HttpFailure failure = Failures.find(cause);
            body.abort(failure != null ? failure : Failures.io("the call was cancelled", cause));
        }
    }

    private static Throwable translate(Throwable error, Duration timeout) {
        HttpFailure ours = Failures.find(error);
        if (ours != null) {
            return ours;
        }
        Throwable cause = Failures.unwrap(error);
        if (cause instanceof HttpConnectTimeoutException) {
            // the client's connect timeout ends a connect first only when the call's is longer
            return timeout.compareTo(CONNECT_TIMEOUT) > 0
                    ? Failures.connectTimeout(CONNECT_TIMEOUT, cause)
                    : Failures.timeout(timeout, cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return Failures.timeout(timeout, cause);
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return Failures.refused(cause);
            }
        }
        if (cause instanceof IllegalArgumentException) {
            return cause;
        }
        String message = String.valueOf(cause.getMessage());
        if (message.contains("received no bytes") || message.contains("EOF reached")) {
            // the client's words for a connection the server closed before (the rest of) its answer
            return Failures.io("connection closed before the answer was complete", cause);
        }
        return Failures.io(cause);
    }
}
