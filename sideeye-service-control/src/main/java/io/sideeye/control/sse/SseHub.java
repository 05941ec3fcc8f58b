package io.sideeye.control.sse;

import com.sun.net.httpserver.HttpExchange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans frames out to every open event stream. {@link #publish} only queues (it never writes to
 * a socket), so the manager's event thread is never held up by a client; a subscriber whose
 * queue is full is dropped (its stream ends, and a browser client reconnects). A timer sends
 * heartbeats, which reveal dead connections, and drops subscribers whose writes are stalled.
 *
 * <p>Ordering: frames reach each subscriber in publish order, and a new subscriber's initial
 * frames come before any frame published after it subscribed.
 *
 * <p>Topics: a frame may be published on a topic (the control server uses service names), and a
 * stream may subscribe to one topic; it then receives that topic's frames and the frames
 * published for everyone, nothing else.
 */
public final class SseHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SseHub.class);

    private final Object lock = new Object();
    private final List<SseSubscriber> subscribers = new ArrayList<>();
    private final SseWriterPool pool;
    private final ScheduledExecutorService timer;
    private final int queueCapacity;
    private final long stallNanos;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param settings queue size per subscriber, writer threads, heartbeat interval and stall limit
     */
    public SseHub(SseSettings settings) {
        this.queueCapacity = settings.queueCapacity();
        this.stallNanos = settings.stallTimeout().toNanos();
        this.pool = new SseWriterPool(settings.writerThreads(), settings.maxWriterThreads(), this::remove);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sideeye-control-sse-timer");
            t.setDaemon(true);
            return t;
        });
        long beat = settings.heartbeatInterval().toMillis();
        timer.scheduleAtFixedRate(() -> publish(SseFrame.HEARTBEAT), beat, beat, TimeUnit.MILLISECONDS);
        long watch = Math.max(100, Math.min(1000, settings.stallTimeout().toMillis() / 4));
        timer.scheduleAtFixedRate(this::dropStalled, watch, watch, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens a stream on {@code exchange}, whose {@code 200} headers were sent, and queues
     * {@code initialFrames} (computed under the hub's lock, so no frame published meanwhile can
     * overtake them).
     *
     * @param topic the only topic this stream receives besides frames for everyone; null for all
     */
    public void subscribe(HttpExchange exchange, String topic, Supplier<List<byte[]>> initialFrames) {
        SseSubscriber s = new SseSubscriber(exchange, topic, queueCapacity);
        synchronized (lock) {
            if (closed) {
                s.drop();
            } else {
                subscribers.add(s);
                for (byte[] frame : initialFrames.get()) {
                    s.offer(frame);
                }
            }
        }
        pool.schedule(s);
    }

    /** Queues {@code frame} for every subscriber; drops those whose queue is full. */
    public void publish(byte[] frame) {
        publish(null, frame);
    }

    /**
     * Queues {@code frame} for the subscribers of {@code topic} and those of every topic (null:
     * for everyone); drops those whose queue is full.
     */
    public void publish(String topic, byte[] frame) {
        List<SseSubscriber> slow = null;
        synchronized (lock) {
            for (SseSubscriber s : subscribers) {
                if (!s.wants(topic)) {
                    continue;
                }
                if (s.offer(frame)) {
                    pool.schedule(s);
                } else {
                    slow = slow == null ? new ArrayList<>() : slow;
                    slow.add(s);
                }
            }
        }
        if (slow != null) {
            LOG.info("dropped {} event stream(s) whose client did not keep up ({} frames queued)",
                    slow.size(), queueCapacity);
            slow.forEach(this::drop);
        }
    }

    /** Open streams. */
    public int subscriberCount() {
        synchronized (lock) {
            return subscribers.size();
        }
    }

    /** Streams dropped because their client was too slow or stalled. */
    public long droppedCount() {
        return dropped.get();
    }

    /** Writer threads currently serving all streams. */
    public int writerThreads() {
        return pool.workers();
    }

    private void drop(SseSubscriber s) {
        if (remove(s)) {
            dropped.incrementAndGet();
        }
        s.drop();
        pool.schedule(s);
    }

    private boolean remove(SseSubscriber s) {
        synchronized (lock) {
            return subscribers.remove(s);
        }
    }

    private void dropStalled() {
        long now = System.nanoTime();
        List<SseSubscriber> snapshot;
        synchronized (lock) {
            snapshot = List.copyOf(subscribers);
        }
        for (SseSubscriber s : snapshot) {
            if (s.reportStall(now, stallNanos)) {
                LOG.info("dropped an event stream whose client stopped reading for {} ms", stallNanos / 1_000_000);
                drop(s);
                pool.compensateStall();
            }
        }
    }

    /** Ends every stream and stops the writers and the timer. */
    @Override
    public void close() {
        List<SseSubscriber> all;
        synchronized (lock) {
            closed = true;
            all = List.copyOf(subscribers);
            subscribers.clear();
        }
        all.forEach(SseSubscriber::drop);
        all.forEach(pool::schedule);
        timer.shutdownNow();
        pool.close(Duration.ofSeconds(2), () -> all.stream().noneMatch(SseSubscriber::needsTurn));
    }
}
