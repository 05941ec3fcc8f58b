package io.sideeye.service.probe;

import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.HttpReply;
import io.sideeye.service.http.HttpTransport;
import io.sideeye.service.time.Cancellable;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link ProbeLoop} seen as a transport, so that it is held to the same contract as the others:
 * {@link #send} starts the check at once; cancelling the future cancels the check.
 */
public final class LoopTransport implements HttpTransport {
    private final ProbeLoop loop;

    public LoopTransport(ProbeLoop loop) {
        this.loop = loop;
    }

    @Override
    public CompletableFuture<HttpReply> send(HttpCall call) {
        CompletableFuture<HttpReply> result = new CompletableFuture<>();
        long now = System.nanoTime();
        Cancellable check = loop.sendBetween(now, now, call, (start, reply, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(reply);
            }
        });
        result.whenComplete((reply, error) -> {
            if (result.isCancelled()) {
                check.cancel();
            }
        });
        return result;
    }

    @Override
    public void close() {
        // the loop is shared; its thread ends by itself when idle
    }

    @Override
    public String toString() {
        return "ProbeLoop";
    }
}
