package io.sideeye.service.probe;

import io.sideeye.service.http.DaemonPool;
import io.sideeye.service.http.Failures;
import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.HttpFailure;
import io.sideeye.service.http.HttpReply;
import java.io.IOException;
import java.net.Proxy;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;

/**
 * One request/answer over a fresh blocking socket ({@link SocketExchange}), run on a pool
 * thread: connect, write, read, close, all within the call's deadline; the outcome completes
 * the future in {@link #publish()}. {@link #abort()} closes the socket from another thread.
 */
final class ProbeExchange implements DaemonPool.Publishing {
    private final HttpCall call;
    private final byte[] request;
    private final long deadlineNanos;
    private final CompletableFuture<HttpReply> result;
    private volatile Socket socket;
    private HttpReply reply;
    private Throwable error;

    /**
     * @param request       the encoded request ({@link ProbeRequest#encode(HttpCall)})
     * @param deadlineNanos the {@link System#nanoTime()} by which the answer must have been read
     */
    ProbeExchange(HttpCall call, byte[] request, long deadlineNanos, CompletableFuture<HttpReply> result) {
        this.call = call;
        this.request = request;
        this.deadlineNanos = deadlineNanos;
        this.result = result;
    }

    @Override
    public void run() {
        if (result.isDone()) {
            return; // cancelled while queued
        }
        // NO_PROXY: a direct socket; the default one would consult the SOCKS proxy settings
        // (parsing a URI and asking the ProxySelector) on every probe of our own backend
        try (Socket s = new Socket(Proxy.NO_PROXY)) {
            socket = s;
            if (result.isDone()) {
                return;
            }
            reply = SocketExchange.exchange(s, call, request, deadlineNanos);
        } catch (IOException | RuntimeException e) {
            error = translate(e);
        }
    }

    @Override
    public void publish() {
        if (reply != null) {
            result.complete(reply);
        } else if (error != null) {
            result.completeExceptionally(error);
        } else if (!result.isDone()) {
            result.completeExceptionally(Failures.io("the probe ended without an answer", null));
        }
    }

    /** Closes the socket, ending a blocked connect or read at once. */
    void abort() {
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing is all that was wanted
            }
        }
    }

    private Throwable translate(Exception e) {
        if (result.isCancelled() && !(e instanceof HttpFailure)) {
            return e;
        }
        return Failures.ofSocket(e, call.timeout());
    }
}
