package io.sideeye.control.sse;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A periodic source of frames of an {@link SseHub} ({@link SseHub#addFeed}), run only while a
 * stream that asked for it is open.
 *
 * <p>A tick runs at most once per {@link #MIN_GAP_NUM}/{@link #MIN_GAP_DEN} of the period, on
 * whichever thread claims it first: the hub's timer, at the period, or a thread publishing
 * another frame ({@link #runIfDue}), which then sends the feed's frames in the same write as its
 * own. With health checks every second, the resources feed thus rides on every second health
 * check's frame, and the timer's wake-ups find nothing to do: a separate wake-up costs several
 * times the work itself on a shared virtual machine, where each one starts with cold caches
 * (docs/BENCHMARKS.md, section {@code daemons}). Where nothing else is published often enough
 * the timer keeps the period.
 *
 * <p>The stream count and the schedule are guarded by the hub's lock.
 */
final class SseFeed {
    private static final Logger LOG = LoggerFactory.getLogger(SseFeed.class);
    private static final int MIN_GAP_NUM = 3;
    private static final int MIN_GAP_DEN = 4;

    private final String name;
    private final long periodNanos;
    private final long minGapNanos;
    private final Runnable tick;
    private final AtomicLong lastRun = new AtomicLong();
    private int streams;
    private ScheduledFuture<?> future;
    private volatile boolean active;
    private volatile boolean failed;

    SseFeed(String name, long periodNanos, Runnable tick) {
        this.name = name;
        this.periodNanos = periodNanos;
        this.minGapNanos = periodNanos / MIN_GAP_DEN * MIN_GAP_NUM;
        this.tick = tick;
    }

    /** Under the hub's lock: a stream that asked for the feed opened; the first one schedules it on {@code timer}. */
    void joinedLocked(ScheduledExecutorService timer) {
        if (streams++ == 0) {
            future = timer.scheduleAtFixedRate(() -> runIfDue(System.nanoTime()), periodNanos, periodNanos,
                    TimeUnit.NANOSECONDS);
            active = true;
        }
    }

    /** Under the hub's lock: such a stream ended; the last one ends the schedule. */
    void leftLocked() {
        if (--streams == 0) {
            active = false;
            if (future != null) {
                future.cancel(false);
                future = null;
            }
        }
    }

    /** Under the hub's lock: the hub closed; nothing runs the feed again. */
    void closeLocked() {
        streams = 0;
        active = false;
        if (future != null) {
            future.cancel(false);
            future = null;
        }
    }

    /** Under the hub's lock: whether the timer runs the feed. */
    boolean scheduledLocked() {
        return future != null;
    }

    /** Whether a stream that asked for the feed is open (read without the lock). */
    boolean active() {
        return active;
    }

    /** Runs a tick now (a stream that asked for the feed just opened). */
    void runNow() {
        lastRun.set(System.nanoTime());
        run();
    }

    /** Runs a tick on this thread when none ran in the last three quarters of the period. */
    void runIfDue(long now) {
        long last = lastRun.get();
        if (active && now - last >= minGapNanos && lastRun.compareAndSet(last, now)) {
            run();
        }
    }

    /** One tick; a failure is logged once and ends nothing. */
    private void run() {
        try {
            tick.run();
        } catch (RuntimeException e) {
            if (!failed) {
                failed = true;
                LOG.warn("the event streams' {} feed failed: {}", name, e.toString());
            }
        }
    }
}
