package io.sideeye.service.http;

import java.util.concurrent.CompletableFuture;

/** Placeholder until implemented. */
public final class JdkHttpTransport implements HttpTransport {
    public static HttpTransport shared() { return new JdkHttpTransport(); }
    public CompletableFuture<HttpReply> send(HttpCall call) { throw new UnsupportedOperationException(); }
    public void close() { }
}
