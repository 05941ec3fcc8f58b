package io.sideeye.service.client;

import io.sideeye.service.http.Failures;
import io.sideeye.service.http.HttpFailure;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Collects a response body up to a byte cap. An answer whose Content-Length exceeds the cap is
 * refused before any of its body is read; one without a length is cut off (subscription
 * cancelled, which closes the connection) as soon as it passes the cap. {@link #abort} ends the
 * body from another thread, e.g. when the overall deadline passes.
 */
final class CappedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final long maxBytes;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private volatile Flow.Subscription subscription;

    private CappedBodySubscriber(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * A handler for answers of at most {@code maxBytes}. An answer that declares its length within
     * the cap is read by the JDK's own byte-array subscriber: its length bounds it, and the client
     * completes it on the thread that read it, where a subscriber of ours costs a hand-off to the
     * client's executor per answer. Any other answer gets a capped subscriber, handed to
     * {@code created} (so that the caller can {@linkplain #abort abort} it): refused at once when
     * its declared length exceeds the cap, cut off when it grows past it.
     */
    static HttpResponse.BodyHandler<byte[]> handler(long maxBytes, Consumer<CappedBodySubscriber> created) {
        return info -> {
            long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
            if (declared >= 0 && declared <= maxBytes) {
                return HttpResponse.BodySubscribers.ofByteArray();
            }
            CappedBodySubscriber subscriber = new CappedBodySubscriber(maxBytes);
            created.accept(subscriber);
            if (declared > maxBytes) {
                subscriber.abort(Failures.tooLarge(maxBytes, declared));
            }
            return subscriber;
        };
    }

    /** Fails the body with {@code failure} and stops reading it; harmless once the body is complete. */
    void abort(HttpFailure failure) {
        if (body.completeExceptionally(failure)) {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (body.isDone()) {
            s.cancel(); // refused (or aborted) before the first byte
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if (bytes.size() + (long) buffer.remaining() > maxBytes) {
                abort(Failures.tooLarge(maxBytes, -1));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable error) {
        body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        body.complete(bytes.toByteArray());
    }
}
