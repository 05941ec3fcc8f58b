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
 * <p>A tick runs at most once per three quarters of the period, on whichever thread claims it
 * first: a thread publishing another frame ({@link #runIfDue}), whose write then carries the
 * feed's frames too, or the hub's timer, which fires a quarter of a period after a tick was due,
 * so that another frame can carry it first. A separate wake-up costs several times the work
 * itself on a shared virtual machine, where each one starts with cold caches
 * (docs/BENCHMARKS.md, section {@code daemons}), so the timer stands down once it has found the
 * tick done by others {@value #STAND_DOWN_AFTER} times in a row: with health checks every second
 * the resources feed rides on every second check's frame and the timer does not wake for it.
 * When the ticks stop coming that way (the checks stopped, or come less often), the next frame
 * published, at the latest the next heartbeat, runs the late tick and brings the timer back.
 * So ticks come between three quarters of a period and five quarters apart (1.5-2.5 s for the
 * resources' 2 s): with other frames, at the first one published 1.5 s after the last tick;
 * without, every 2.5 s.
 */
final class SseFeed {
    private static final Logger LOG = LoggerFactory.getLogger(SseFeed.class);
    /** Timer firings in a row that found the tick done before the timer stands down. */
    static final int STAND_DOWN_AFTER = 3;

    private final String name;
    private final long periodNanos;
    private final long minGapNanos;
    private final long timerDelayNanos;
    private final Runnable tick;
    private final ScheduledExecutorService timer;
    private final AtomicLong lastRun = new AtomicLong();
    private int streams; // guarded by this
    private ScheduledFuture<?> future; // guarded by this; null while no stream or the timer stood down
    private volatile boolean active;
    private volatile int ridden; // the timer's firings in a row that found the tick done
    private volatile boolean failed;

    SseFeed(String name, long periodNanos, Runnable tick, ScheduledExecutorService timer) {
        this.name = name;
        this.periodNanos = periodNanos;
        this.minGapNanos = periodNanos / 4 * 3;
        this.timerDelayNanos = periodNanos / 4 * 5;
        this.tick = tick;
        this.timer = timer;
    }

    /** A stream that asked for the feed opened; the first one starts the timer. */
    synchronized void joined() {
        if (streams++ == 0) {
            active = true;
            startTimer();
        }
    }

    /** Such a stream ended; the last one stops the timer. */
    synchronized void left() {
        if (--streams == 0) {
            active = false;
            stopTimer();
        }
    }

    /** The hub closed: nothing runs the feed again. */
    synchronized void close() {
        streams = 0;
        active = false;
        stopTimer();
    }

    /** Whether the timer runs the feed now. */
    synchronized boolean scheduled() {
        return future != null;
    }

    /** Whether a stream that asked for the feed is open. */
    boolean active() {
        return active;
    }

    /** Runs a tick now (a stream that asked for the feed just opened). */
    void runNow() {
        lastRun.set(System.nanoTime());
        run();
    }

    /**
     * Runs a tick on this thread (one publishing another frame, at {@code now}) when none ran in
     * the last three quarters of the period; when none ran for two periods, also brings the timer
     * back (the ticks had stopped coming with other frames).
     */
    void runIfDue(long now) {
        long last = lastRun.get();
        if (active && now - last >= minGapNanos && lastRun.compareAndSet(last, now)) {
            if (now - last > 2 * periodNanos) {
                resumeTimer();
            }
            run();
        }
    }

    /**
     * One firing of the timer at {@code now}: runs the tick unless another thread ran it lately,
     * then fires again five quarters of a period after the last tick, or stands down.
     */
    void onTimer(long now) {
        long last = lastRun.get();
        if (now - last >= minGapNanos && lastRun.compareAndSet(last, now)) {
            ridden = 0;
            run();
            next(timerDelayNanos);
        } else if (++ridden >= STAND_DOWN_AFTER) {
            next(-1);
        } else {
            next(Math.max(0, lastRun.get() + timerDelayNanos - now));
        }
    }

    /** Fires the timer again after {@code delayNanos}, or not at all when negative (stood down). */
    private synchronized void next(long delayNanos) {
        stopTimer(); // the firing running now, or one pending when called from elsewhere
        if (active && delayNanos >= 0) {
            schedule(delayNanos);
        }
    }

    private synchronized void resumeTimer() {
        if (active && future == null) {
            startTimer();
        }
    }

    private void startTimer() {
        ridden = 0;
        schedule(timerDelayNanos);
    }

    private void schedule(long delayNanos) {
        future = timer.schedule(() -> onTimer(System.nanoTime()), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void stopTimer() {
        if (future != null) {
            future.cancel(false);
            future = null;
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
