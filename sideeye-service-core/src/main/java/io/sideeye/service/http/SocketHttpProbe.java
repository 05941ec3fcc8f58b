package io.sideeye.service.http;

import java.util.concurrent.CompletableFuture;

/** Placeholder until implemented. */
public final class SocketHttpProbe implements HttpTransport {
    public static HttpTransport shared() { return new SocketHttpProbe(); }
    public CompletableFuture<HttpReply> send(HttpCall call) { throw new UnsupportedOperationException(); }
    public void close() { }
}
