package io.sideeye.service.http;

/** Placeholder until implemented. */
public final class UrlConnectionTransport implements HttpTransport {
    public java.util.concurrent.CompletableFuture<HttpReply> send(HttpCall call) { throw new UnsupportedOperationException(); } public void close() { }
}
