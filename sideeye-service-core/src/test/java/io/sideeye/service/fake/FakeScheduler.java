package io.sideeye.service.fake;

import io.sideeye.service.time.Cancellable;
import io.sideeye.service.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A scheduler whose clock moves only when the test says so. Tasks run on the test's thread,
 * in time order (then submission order), when {@link #runDue()} or {@link #advance} is called.
 */
public final class FakeScheduler implements Scheduler {
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long nanos = 1_000_000_000_000L;
    private long sequence;
    private boolean shutdown;

    @Override
    public synchronized Instant now() {
        return EPOCH.plusNanos(nanos);
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    private long executions;

    @Override
    public synchronized void execute(Runnable task) {
        executions++;
        schedule(Duration.ZERO, task);
    }

    /** How many tasks were handed over with {@link #execute} (not timed with {@link #schedule}) so far. */
    public synchronized long executions() {
        return executions;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        if (shutdown) {
            return Cancellable.NONE;
        }
        Task t = new Task(nanos + Math.max(0, delay.toNanos()), sequence++, task);
        queue.add(t);
        return () -> t.cancelled = true;
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
        queue.clear();
    }

    /** Runs every task that is due now, including tasks they schedule for now. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves the clock forward by {@code d}, running each task at its own time on the way. */
    public void advance(Duration d) {
        long target;
        synchronized (this) {
            target = nanos + d.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.at > target) {
                    nanos = target;
                    return;
                }
                queue.poll();
                nanos = next.at;
            }
            if (!next.cancelled) {
                next.task.run();
            }
        }
    }

    /** Advances in small steps until {@code condition} holds or {@code limit} has passed; true if it held. */
    public boolean advanceUntil(java.util.function.BooleanSupplier condition, Duration limit) {
        Duration step = Duration.ofMillis(1);
        for (Duration waited = Duration.ZERO; waited.compareTo(limit) <= 0; waited = waited.plus(step)) {
            runDue();
            if (condition.getAsBoolean()) {
                return true;
            }
            advance(step);
        }
        return condition.getAsBoolean();
    }

    /** Time passed since the fake epoch, for asserting exact delays. */
    public synchronized Duration elapsed() {
        return Duration.ofNanos(nanos - 1_000_000_000_000L);
    }

    private static final class Task implements Comparable<Task> {
        final long at;
        final long seq;
        final Runnable task;
        volatile boolean cancelled;

        Task(long at, long seq, Runnable task) {
            this.at = at;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Task o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
        }
    }
}
