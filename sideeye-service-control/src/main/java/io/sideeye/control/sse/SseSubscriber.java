package io.sideeye.control.sse;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open event stream: a bounded queue of frames that only a writer of the
 * {@link SseWriterPool} drains into the connection, one writer at a time. Publishing never
 * touches the socket, so a slow reader can only fill its own queue and get dropped.
 */
final class SseSubscriber {
    private static final int FRAMES_PER_TURN = 64;

    private final HttpExchange exchange;
    private final String topic;
    private final Set<String> feeds;
    private final OutputStream out;
    private final int capacity;
    private final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean dropped;
    private boolean holding; // guarded by the hub's lock: frames queued that wait for a feed's frame
    private long writingSinceNanos;
    private boolean stallReported;
    private volatile boolean finished;

    SseSubscriber(HttpExchange exchange, String topic, Set<String> feeds, int capacity) {
        this.exchange = exchange;
        this.topic = topic;
        this.feeds = Set.copyOf(feeds);
        this.out = exchange.getResponseBody();
        this.capacity = capacity;
    }

    /** Whether a frame published on {@code frameTopic} (null: for everyone) is for this stream. */
    boolean wants(String frameTopic) {
        return topic == null || frameTopic == null || topic.equals(frameTopic);
    }

    /** Whether this stream asked for the frames of feed {@code feed}. */
    boolean takes(String feed) {
        return feeds.contains(feed);
    }

    /** The feeds this stream asked for. */
    Set<String> feeds() {
        return feeds;
    }

    /**
     * Under the hub's lock: sets whether frames queued for this stream wait for the next frame
     * of a feed (no writer turn asked for them yet), and tells what it was.
     */
    boolean holding(boolean now) {
        boolean was = holding;
        holding = now;
        return was;
    }

    /** Under the hub's lock: whether frames queued for this stream wait for a feed's frame. */
    boolean isHolding() {
        return holding;
    }

    /** Queues a frame; false when the queue is full or the subscriber was dropped. */
    boolean offer(byte[] frame) {
        if (dropped) {
            return false;
        }
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            return false;
        }
        queue.add(frame);
        return true;
    }

    /** Marks it dropped; the next writer turn closes the stream. */
    void drop() {
        dropped = true;
    }

    boolean isDropped() {
        return dropped;
    }

    /** Whether a writer turn is needed: frames are waiting or a dropped stream is still open. */
    boolean needsTurn() {
        return dropped ? !finished : queued.get() > 0;
    }

    /**
     * One writer turn: writes up to a batch of frames and flushes, or closes the stream when
     * dropped. Called by one writer at a time.
     */
    void writeTurn() throws IOException {
        if (dropped) {
            finish();
            return;
        }
        markWriting(System.nanoTime());
        try {
            byte[] frame;
            int n = 0;
            while (n < FRAMES_PER_TURN && (frame = queue.poll()) != null) {
                queued.decrementAndGet();
                out.write(frame);
                n++;
            }
            if (n > 0) {
                out.flush();
            }
        } finally {
            markWriting(0);
        }
    }

    private synchronized void markWriting(long since) {
        writingSinceNanos = since;
    }

    /**
     * Ends the response (a clean end of stream, so clients reconnect), after a drop or a failed
     * write: the stream takes no more frames, and those still queued are discarded and no longer
     * counted, so it never asks for another turn.
     */
    void finish() {
        dropped = true;
        if (!finished) {
            finished = true;
            queue.clear();
            queued.set(0);
            exchange.close();
        }
    }

    /**
     * Reports a stall once: true when a write has been blocked longer than {@code limitNanos}
     * and it was not reported before.
     */
    synchronized boolean reportStall(long now, long limitNanos) {
        if (stallReported || writingSinceNanos == 0 || now - writingSinceNanos < limitNanos) {
            return false;
        }
        stallReported = true;
        return true;
    }

    /** Clears a reported stall once the blocked write returned; true when there was one. */
    synchronized boolean clearStall() {
        boolean was = stallReported;
        stallReported = false;
        return was;
    }
}
