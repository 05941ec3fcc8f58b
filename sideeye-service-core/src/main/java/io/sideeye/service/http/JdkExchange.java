package io.sideeye.service.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;

/**
 * One API call through the shared {@link HttpClient}, run on a pool thread with the client's
 * blocking {@link HttpClient#send send}; the outcome completes the future in {@link #publish()}.
 *
 * <p>Why not {@link HttpClient#sendAsync sendAsync}: its future is completed through
 * CompletableFuture's default executor, which is a new thread for every call on a machine with
 * two cores or fewer and one more thread hand-off on others; {@code send} does without it.
 *
 * <p>{@link #abort} ends the call from another thread (the overall deadline, cancellation): it
 * interrupts the blocked {@code send}, on which the client cancels the exchange, and stops
 * reading the body.
 */
final class JdkExchange implements DaemonPool.Publishing {
    private final HttpClient client;
    private final HttpRequest request;
    private final HttpCall call;
    private final CompletableFuture<HttpReply> result;
    private final long startNanos;
    private final Object runnerLock = new Object();
    private Thread runner; // guarded by runnerLock: the thread inside send(), to interrupt
    private volatile CappedBodySubscriber body;
    private HttpReply reply;
    private Throwable error;

    JdkExchange(HttpClient client, HttpRequest request, HttpCall call, CompletableFuture<HttpReply> result,
                long startNanos) {
        this.client = client;
        this.request = request;
        this.call = call;
        this.result = result;
        this.startNanos = startNanos;
    }

    @Override
    public void run() {
        synchronized (runnerLock) {
            if (result.isDone()) {
                return; // timed out or cancelled while queued
            }
            runner = Thread.currentThread();
        }
        try {
            HttpResponse<byte[]> response = client.send(request,
                    CappedBodySubscriber.handler(call.maxResponseBytes(), created -> body = created));
            reply = new HttpReply(response.statusCode(), "", response.headers().firstValue("content-type").orElse(null),
                    response.body(), System.nanoTime() - startNanos);
        } catch (InterruptedException e) {
            error = Failures.io("the call was cancelled", e); // by abort(): the result is complete already
        } catch (IOException | RuntimeException e) {
            error = translate(e);
        } finally {
            synchronized (runnerLock) {
                runner = null;
                Thread.interrupted(); // an abort() that came after send() returned must not reach the next task
            }
        }
    }

    @Override
    public void publish() {
        if (reply != null) {
            result.complete(reply);
        } else if (error != null) {
            result.completeExceptionally(error);
        }
    }

    /** Ends a call still in flight because of {@code cause}; harmless once it is over. */
    void abort(Throwable cause) {
        synchronized (runnerLock) {
            if (runner != null) {
                runner.interrupt();
            }
        }
        CappedBodySubscriber b = body;
        if (b != null) {
            HttpFailure failure = Failures.find(cause);
            b.abort(failure != null ? failure : Failures.io("the call was cancelled", cause));
        }
    }

    private Throwable translate(Exception error) {
        HttpFailure ours = Failures.find(error);
        if (ours != null) {
            return ours;
        }
        Throwable cause = Failures.unwrap(error);
        if (cause instanceof HttpConnectTimeoutException) {
            // the client's connect timeout ends a connect first only when the call's is longer
            return call.timeout().compareTo(JdkHttpTransport.CONNECT_TIMEOUT) > 0
                    ? Failures.connectTimeout(JdkHttpTransport.CONNECT_TIMEOUT, cause)
                    : Failures.timeout(call.timeout(), cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return Failures.timeout(call.timeout(), cause);
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
