package io.sideeye.control.sse;

import com.sun.net.httpserver.HttpExchange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
 *
 * <p>Nothing runs while no stream is open: the writer threads start with the first stream, and
 * the timer (heartbeats and the stall watchdog) runs only while a stream is open; its thread ends
 * two seconds after the last stream.
 */
public final class SseHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SseHub.class);
    private static final long IDLE_KEEP_ALIVE_SECONDS = 2;

    private final Object lock = new Object();
    private final List<SseSubscriber> subscribers = new ArrayList<>();
    private final SseWriterPool pool;
    private final ScheduledThreadPoolExecutor timer;
    private final long beatMillis;
    private final long watchMillis;
    private final int queueCapacity;
    private final long stallNanos;
    private List<ScheduledFuture<?>> timerTasks = List.of(); // under lock; scheduled while a stream is open
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param settings queue size per subscriber, writer threads, heartbeat interval and stall limit
     */
    public SseHub(SseSettings settings) {
        this.queueCapacity = settings.queueCapacity();
        this.stallNanos = settings.stallTimeout().toNanos();
        this.pool = new SseWriterPool(settings.writerThreads(), settings.maxWriterThreads(), this::remove);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sideeye-control-sse-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(IDLE_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true); // no thread while nothing is scheduled
        this.beatMillis = settings.heartbeatInterval().toMillis();
        // a quarter of the stall limit: a stalled write is cut within 1.25 x the limit, and with the
        // default 10 s the watchdog wakes every 2.5 s (each wake-up of an idle thread costs 50-70 us of
        // CPU on a small virtual machine; docs/BENCHMARKS.md, section daemons)
        this.watchMillis = Math.max(100, settings.stallTimeout().toMillis() / 4);
    }

    /** Under the lock: the first open stream schedules the heartbeats and the watchdog. */
    private void startTimerLocked() {
        if (timerTasks.isEmpty() && !closed) {
            // while tasks are scheduled, a keep-alive shorter than their period would wake the idle
            // thread at each keep-alive to find the queue not empty (54 wake-ups a minute instead of 28)
            timer.setKeepAliveTime(1, TimeUnit.HOURS);
            timerTasks = List.of(
                    timer.scheduleAtFixedRate(() -> publish(SseFrame.HEARTBEAT), beatMillis, beatMillis, TimeUnit.MILLISECONDS),
                    timer.scheduleAtFixedRate(this::dropStalled, watchMillis, watchMillis, TimeUnit.MILLISECONDS));
        }
    }

    /** Under the lock: the last stream gone, the timer has nothing to do. */
    private void stopTimerLockedIfIdle() {
        if (subscribers.isEmpty() && !timerTasks.isEmpty()) {
            timerTasks.forEach(f -> f.cancel(false));
            timerTasks = List.of();
            timer.setKeepAliveTime(IDLE_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS); // shorter: the idle thread ends then
        }
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
                startTimerLocked();
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
        publish(topic, () -> frame);
    }

    /**
     * Like {@link #publish(String, byte[])}, but the frame is only made when a stream wants it:
     * while no stream is open, publishing costs no more than a look at the subscriber list.
     * {@code frame} is called at most once, under the hub's lock, and may return null for no frame.
     */
    public void publish(String topic, Supplier<byte[]> frame) {
        List<SseSubscriber> slow = null;
        byte[] made = null;
        synchronized (lock) {
            for (SseSubscriber s : subscribers) {
                if (!s.wants(topic)) {
                    continue;
                }
                if (made == null) {
                    made = frame.get();
                    if (made == null) {
                        return; // nothing to send after all
                    }
                }
                if (s.offer(made)) {
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

    /** Timer threads alive (0 or 1; for tests and diagnostics). */
    int timerThreads() {
        return timer.getPoolSize();
    }

    /** Whether heartbeats and the watchdog are scheduled (for tests and diagnostics). */
    boolean timerScheduled() {
        synchronized (lock) {
            return !timerTasks.isEmpty();
        }
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
            boolean removed = subscribers.remove(s);
            stopTimerLockedIfIdle();
            return removed;
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
            stopTimerLockedIfIdle();
        }
        all.forEach(SseSubscriber::drop);
        all.forEach(pool::schedule);
        timer.shutdownNow();
        pool.close(Duration.ofSeconds(2), () -> all.stream().noneMatch(SseSubscriber::needsTurn));
    }
}
