package io.sideeye.service.process;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The one JVM-wide daemon thread that watches process trees: it refreshes the known descendants
 * of live children and polls for trees to be gone. The thread exists only while there is work
 * and ends a few seconds after the last task, so creating and closing many managers leaves no
 * thread behind.
 */
final class ProcessWatch {
    private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final ScheduledThreadPoolExecutor EXECUTOR = createExecutor();

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

    /** Runs {@code task} after {@code initialDelay}, then every {@code period} until cancelled. */
    static ScheduledFuture<?> every(Duration initialDelay, Duration period, Runnable task) {
        return EXECUTOR.scheduleWithFixedDelay(task, initialDelay.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
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
