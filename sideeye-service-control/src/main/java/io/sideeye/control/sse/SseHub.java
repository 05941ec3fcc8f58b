package io.sideeye.control.sse;

import com.sun.net.httpserver.HttpExchange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans frames out to every open event stream. {@link #publish} only queues (it never writes to
 * a socket), so the manager's event thread is never held up by a client; a subscriber whose
 * queue is full is dropped (its stream ends, and a browser client reconnects). A timer sends
 * heartbeats, which reveal dead connections. Each publish, heartbeats included, also drops the
 * subscribers whose write has been blocked for longer than the stall limit (a client that stopped
 * reading) and gives the writers a replacement for the blocked one, so the frame it publishes
 * reaches every other stream: a stalled stream is cut at the first publish after the limit, at
 * most a heartbeat interval later (no timer wakes to look for stalls while nothing is published;
 * each wake-up of an idle thread costs 50-150 us of CPU on a small virtual machine,
 * docs/BENCHMARKS.md, section {@code daemons}).
 *
 * <p>Ordering: frames reach each subscriber in publish order, and a new subscriber's initial
 * frames come before any frame published after it subscribed.
 *
 * <p>Topics: a frame may be published on a topic (the control server uses service names), and a
 * stream may subscribe to one topic; it then receives that topic's frames and the frames
 * published for everyone, nothing else.
 *
 * <p>Feeds: a periodic source of frames registered with {@link #addFeed} (the control server's
 * {@code resources}: each service's CPU and memory every 2 s) runs only while a stream that
 * asked for it is open, riding on other frames' publishing or else on the timer
 * ({@link SseFeed}), and its frames ({@link #publishFeed}) reach only those streams. A stream
 * that asks for a feed gets its first frames at once. So a client that wants figures refreshed
 * has them pushed on the stream it already reads, instead of polling a route (a request costs the
 * server several times what a frame does, docs/BENCHMARKS.md, section {@code daemons}), and a
 * stream that did not ask costs nothing more. Such a stream is refreshed every feed period anyway,
 * so a frame that may wait ({@link #publishDeferrable}: each passing health check's) is written
 * to it with the feed's next frame: one wake-up of a writer and one write for both.
 *
 * <p>Nothing runs while no stream is open: the writer threads start with the first stream, and
 * the timer (heartbeats, feeds) runs only while a stream is open; its thread ends
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
    private final int queueCapacity;
    private final long stallNanos;
    private ScheduledFuture<?> heartbeats; // under lock; scheduled while a stream is open
    private final Map<String, SseFeed> feeds = new HashMap<>(); // under lock
    private volatile SseFeed[] activeFeeds = new SseFeed[0]; // those with a stream, read by every publish
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
    }

    /** Under the lock: the first open stream schedules the heartbeats. */
    private void startTimerLocked() {
        if (heartbeats == null && !closed) {
            // while a task is scheduled, a keep-alive shorter than its period would wake the idle
            // thread at each keep-alive to find the queue not empty
            timer.setKeepAliveTime(1, TimeUnit.HOURS);
            heartbeats = timer.scheduleAtFixedRate(() -> publish(SseFrame.HEARTBEAT), beatMillis, beatMillis,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Under the lock: the last stream gone, the timer has nothing to do. */
    private void stopTimerLockedIfIdle() {
        if (subscribers.isEmpty() && heartbeats != null) {
            heartbeats.cancel(false);
            heartbeats = null;
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
        subscribe(exchange, topic, Set.of(), initialFrames);
    }

    /**
     * Like {@link #subscribe(HttpExchange, String, Supplier)}, for a stream that also receives the
     * frames of {@code feeds} (names given to {@link #addFeed}; others are ignored). Each feed
     * runs once at once, so the stream soon has its figures, then at its period.
     */
    public void subscribe(HttpExchange exchange, String topic, Set<String> feeds, Supplier<List<byte[]>> initialFrames) {
        Set<String> known;
        synchronized (lock) {
            known = feeds.stream().filter(this.feeds::containsKey).collect(Collectors.toUnmodifiableSet());
        }
        SseSubscriber s = new SseSubscriber(exchange, topic, known, queueCapacity);
        List<Runnable> now = new ArrayList<>();
        synchronized (lock) {
            if (closed) {
                s.drop();
            } else {
                subscribers.add(s);
                startTimerLocked();
                for (byte[] frame : initialFrames.get()) {
                    s.offer(frame);
                }
                for (String name : feeds) {
                    SseFeed feed = this.feeds.get(name);
                    if (feed != null) {
                        feed.joined();
                        now.add(feed::runNow);
                    }
                }
                activeFeedsChangedLocked();
            }
        }
        pool.schedule(s);
        try {
            now.forEach(timer::execute);
        } catch (RejectedExecutionException closedMeanwhile) {
            // the hub closed since: the stream is ending
        }
    }

    /**
     * Registers feed {@code name}: while at least one open stream asked for it, {@code tick} runs
     * every {@code period} (and once when such a stream opens), and publishes its frames with
     * {@link #publishFeed}. A tick runs on the hub's timer, or on a thread publishing another
     * frame when it is due ({@link SseFeed}): it must be quick and must not block.
     *
     * @throws IllegalStateException when a feed of that name is registered already
     */
    public void addFeed(String name, Duration period, Runnable tick) {
        synchronized (lock) {
            Runnable tickThenWrite = () -> {
                try {
                    tick.run();
                } finally {
                    writeHeld();
                }
            };
            if (feeds.putIfAbsent(name, new SseFeed(name, period.toNanos(), tickThenWrite, timer)) != null) {
                throw new IllegalStateException("feed " + name + " is registered already");
            }
        }
    }

    /**
     * Queues a frame of feed {@code feed} for the streams that asked for it and want
     * {@code topic} (null: every such stream); like {@link #publish(String, Supplier)} otherwise:
     * {@code frame} is only made when such a stream is open, and may return null for no frame.
     */
    public void publishFeed(String feed, String topic, Supplier<byte[]> frame) {
        publish(topic, feed, frame, false);
    }

    /**
     * Like {@link #publish(String, Supplier)}, for a frame that may wait a little: a stream that
     * takes a feed receives it with that feed's next frames (at most three quarters of the feed's
     * period later while frames keep being published, at the latest with the next heartbeat), in
     * the same write; every other stream at once.
     */
    public void publishDeferrable(String topic, Supplier<byte[]> frame) {
        publish(topic, null, frame, true);
    }

    /** Queues {@code frame} for every subscriber; drops those whose queue is full or whose write is stalled. */
    public void publish(byte[] frame) {
        publish(null, frame);
    }

    /**
     * Queues {@code frame} for the subscribers of {@code topic} and those of every topic (null:
     * for everyone); drops those whose queue is full, and every subscriber whose write is stalled.
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
        publish(topic, null, frame, false);
    }

    /**
     * Publishes on {@code topic}; {@code feed} null: for every stream, else for its streams only.
     * A frame for every stream is queued first, then the feeds due now add theirs
     * ({@link SseFeed#runIfDue}), and only then are the writers called: one wake-up and one write
     * carry them all. A {@code deferrable} frame is only queued for a stream that takes a feed;
     * the feed's next tick calls its writer ({@link #writeHeld}).
     */
    private void publish(String topic, String feed, Supplier<byte[]> frame, boolean deferrable) {
        List<SseSubscriber> ready = null;
        List<SseSubscriber> slow = null;
        List<SseSubscriber> stalled = null;
        byte[] made = null;
        boolean nothing = false; // the frame turned out to be none: only stalls are looked at
        long now = System.nanoTime();
        synchronized (lock) {
            for (SseSubscriber s : subscribers) {
                if (s.reportStall(now, stallNanos)) { // first: a blocked writer gets its replacement now
                    stalled = stalled == null ? new ArrayList<>() : stalled;
                    stalled.add(s);
                    continue;
                }
                if (nothing || !s.wants(topic) || feed != null && !s.takes(feed)) {
                    continue;
                }
                if (made == null) {
                    made = frame.get();
                    if (made == null) {
                        nothing = true;
                        continue;
                    }
                }
                if (s.offer(made)) {
                    boolean hold = deferrable && !s.feeds().isEmpty();
                    s.holding(hold);
                    if (!hold) { // this turn also writes the frames held before
                        ready = ready == null ? new ArrayList<>() : ready;
                        ready.add(s);
                    }
                } else {
                    slow = slow == null ? new ArrayList<>() : slow;
                    slow.add(s);
                }
            }
        }
        if (feed == null) {
            for (SseFeed due : activeFeeds) {
                due.runIfDue(now);
            }
        }
        if (ready != null) {
            ready.forEach(pool::schedule);
        }
        if (stalled != null) {
            for (SseSubscriber s : stalled) {
                LOG.info("dropped an event stream whose client stopped reading for {} ms", stallNanos / 1_000_000);
                drop(s);
                pool.compensateStall();
            }
        }
        if (slow != null) {
            LOG.info("dropped {} event stream(s) whose client did not keep up ({} frames queued)",
                    slow.size(), queueCapacity);
            slow.forEach(this::drop);
        }
    }

    /** After a feed's tick: a writer turn for every stream whose frames wait for one. */
    private void writeHeld() {
        List<SseSubscriber> held = null;
        synchronized (lock) {
            for (SseSubscriber s : subscribers) {
                if (s.holding(false)) {
                    held = held == null ? new ArrayList<>() : held;
                    held.add(s);
                }
            }
        }
        if (held != null) {
            held.forEach(pool::schedule);
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

    /** Whether heartbeats are scheduled (for tests and diagnostics). */
    boolean timerScheduled() {
        synchronized (lock) {
            return heartbeats != null;
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
            if (removed) {
                for (String name : s.feeds()) {
                    SseFeed feed = feeds.get(name);
                    if (feed != null) {
                        feed.left();
                    }
                }
                activeFeedsChangedLocked();
            }
            stopTimerLockedIfIdle();
            return removed;
        }
    }

    /** Streams whose queued frames wait for a feed's next frame (for tests and diagnostics). */
    int holdingStreams() {
        synchronized (lock) {
            return (int) subscribers.stream().filter(SseSubscriber::isHolding).count();
        }
    }

    /** Whether feed {@code name} is scheduled (for tests and diagnostics). */
    boolean feedScheduled(String name) {
        synchronized (lock) {
            SseFeed feed = feeds.get(name);
            return feed != null && feed.scheduled();
        }
    }

    private void activeFeedsChangedLocked() {
        activeFeeds = feeds.values().stream().filter(SseFeed::active).toArray(SseFeed[]::new);
    }

    /** Ends every stream and stops the writers and the timer. */
    @Override
    public void close() {
        List<SseSubscriber> all;
        synchronized (lock) {
            closed = true;
            all = List.copyOf(subscribers);
            subscribers.clear();
            feeds.values().forEach(SseFeed::close);
            activeFeedsChangedLocked();
            stopTimerLockedIfIdle();
        }
        all.forEach(SseSubscriber::drop);
        all.forEach(pool::schedule);
        timer.shutdownNow();
        pool.close(Duration.ofSeconds(2), () -> all.stream().noneMatch(SseSubscriber::needsTurn));
    }
}
