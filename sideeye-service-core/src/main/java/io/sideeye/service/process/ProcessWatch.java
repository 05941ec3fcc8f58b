package io.sideeye.service.process;

import io.sideeye.service.time.Cancellable;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one JVM-wide daemon thread that watches process trees: it refreshes the known descendants
 * of live children (those of one period at one shared tick) and polls for trees to be gone. The thread
 * exists only while there is work and ends a few seconds after the last task, so creating and
 * closing many managers leaves no thread behind.
 */
final class ProcessWatch {
    private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** The default period of the shared refresh tick. */
    static final Duration TICK = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(ProcessWatch.class);
    private static final ScheduledThreadPoolExecutor EXECUTOR = createExecutor();
    /** The refreshes of each period and their tick; guarded by itself. */
    private static final Map<Duration, Tick> TICKS = new HashMap<>();

    private ProcessWatch() {
    }

    private static ScheduledThreadPoolExecutor createExecutor() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sideeye-process-watch");
            t.setDaemon(true);
            return t;
        });
        executor.setKeepAliveTime(5, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** Runs {@code task} after {@code delay}; the returned future cancels it. */
    static ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        return EXECUTOR.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** {@link #refreshEvery(Duration, Duration, Runnable)} at the default {@link #TICK}. */
    static Cancellable refreshEvery(Duration first, Runnable refresh) {
        return refreshEvery(first, TICK, refresh);
    }

    /**
     * Runs {@code refresh} once after {@code first}, then at every tick of one JVM-wide
     * {@code period} until the returned handle is cancelled. All refreshes of a period share its
     * tick, so a hundred supervised trees wake this thread once per period, not a hundred times;
     * a tick runs only while there is something to refresh at its period. A refresh that throws
     * is logged and keeps its place.
     */
    static Cancellable refreshEvery(Duration first, Duration period, Runnable refresh) {
        Runnable guarded = () -> {
            try {
                refresh.run();
            } catch (RuntimeException e) {
                LOG.warn("process tree refresh failed; it is tried again at the next tick", e);
            }
        };
        ScheduledFuture<?> once = EXECUTOR.schedule(guarded, first.toNanos(), TimeUnit.NANOSECONDS);
        synchronized (TICKS) {
            Tick tick = TICKS.computeIfAbsent(period, p -> new Tick());
            tick.refreshes.add(guarded);
            if (tick.future == null) {
                tick.future = EXECUTOR.scheduleWithFixedDelay(tick::run, period.toNanos(), period.toNanos(),
                        TimeUnit.NANOSECONDS);
            }
        }
        return () -> {
            once.cancel(false);
            synchronized (TICKS) {
                Tick tick = TICKS.get(period);
                if (tick != null && tick.refreshes.remove(guarded) && tick.refreshes.isEmpty()) {
                    tick.future.cancel(false);
                    TICKS.remove(period);
                }
            }
        };
    }

    /** The refreshes of one period. */
    private static final class Tick {
        final Set<Runnable> refreshes = new LinkedHashSet<>(); // guarded by TICKS
        ScheduledFuture<?> future; // guarded by TICKS

        void run() {
            List<Runnable> due;
            synchronized (TICKS) {
                due = List.copyOf(refreshes);
            }
            due.forEach(Runnable::run);
        }
    }

    /**
     * Completes once {@code condition} holds. It is checked at once, then at an interval that
     * starts at 5 ms and doubles up to 100 ms, so quick exits are noticed quickly and slow ones
     * cost little. Cancelling the returned future stops the polling.
     */
    static CompletableFuture<Void> until(BooleanSupplier condition) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        poll(condition, result, FIRST_POLL_NANOS);
        return result;
    }

    private static void poll(BooleanSupplier condition, CompletableFuture<Void> result, long nextNanos) {
        if (result.isDone()) {
            return;
        }
        try {
            if (condition.getAsBoolean()) {
                result.complete(null);
                return;
            }
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        EXECUTOR.schedule(() -> poll(condition, result, Math.min(nextNanos * 2, MAX_POLL_NANOS)),
                nextNanos, TimeUnit.NANOSECONDS);
    }
}
