package io.sideeye.service.client;

import io.sideeye.service.time.Cancellable;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The deadlines of calls in flight, watched by one daemon thread that sleeps until the earliest
 * one. Adding or cancelling a deadline is a lock-free insertion into, or removal from, a sorted
 * set; the thread is woken only when a new deadline is earlier than the one it sleeps for. Calls
 * made one after another with the same timeout therefore wake it about once per timeout, not
 * once per call.
 *
 * <p>Why not {@link java.util.concurrent.CompletableFuture#orTimeout}: it puts a task into the
 * JDK's delay queue for every call, and a cancelled task stays there until it would have fired,
 * so the queue holds every call of the last timeout period and its thread wakes once per call.
 *
 * <p>An expired deadline's action runs on the executor given to the constructor, never on the
 * watching thread, so a slow action cannot delay other deadlines. The thread starts with the
 * first deadline and then lives as long as the JVM, parked while nothing is pending.
 */
final class Deadlines {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final String threadName;
    private final Executor actions;
    private final ConcurrentSkipListSet<Entry> pending = new ConcurrentSkipListSet<>();
    /** The {@link System#nanoTime()} the watcher sleeps until; {@code Long.MAX_VALUE} when parked without one. */
    private volatile long wakeAt = Long.MAX_VALUE;
    private volatile Thread watcher;

    /**
     * @param threadName the watching thread's name
     * @param actions    runs the action of an expired deadline
     */
    Deadlines(String threadName, Executor actions) {
        this.threadName = threadName;
        this.actions = actions;
    }

    /**
     * Runs {@code action} once {@link System#nanoTime()} passes {@code deadlineNanos}, unless the
     * returned handle is cancelled first.
     */
    Cancellable add(long deadlineNanos, Runnable action) {
        Entry entry = new Entry(deadlineNanos, SEQUENCE.incrementAndGet(), action);
        pending.add(entry);
        if (deadlineNanos - wakeAt < 0) {
            LockSupport.unpark(watcher());
        }
        return () -> pending.remove(entry);
    }

    /** Deadlines not yet passed or cancelled. */
    int size() {
        return pending.size();
    }

    private Thread watcher() {
        Thread t = watcher;
        if (t == null) {
            synchronized (this) {
                t = watcher;
                if (t == null) {
                    t = new Thread(this::watch, threadName);
                    t.setDaemon(true);
                    t.start();
                    watcher = t;
                }
            }
        }
        return t;
    }

    private void watch() {
        while (true) {
            Entry first = firstOrNull();
            if (first == null) {
                wakeAt = Long.MAX_VALUE;
                if (pending.isEmpty()) {
                    LockSupport.park(this); // an add() unparks: any deadline is earlier than "never"
                }
                continue;
            }
            long left = first.deadlineNanos - System.nanoTime();
            if (left <= 0) {
                if (pending.remove(first)) {
                    expire(first);
                }
                continue;
            }
            wakeAt = first.deadlineNanos;
            // An add() that finished before wakeAt was published may not have woken us: look again.
            if (firstOrNull() == first) {
                LockSupport.parkNanos(this, left);
            }
        }
    }

    private Entry firstOrNull() {
        try {
            return pending.first();
        } catch (java.util.NoSuchElementException empty) {
            return null;
        }
    }

    private void expire(Entry entry) {
        try {
            actions.execute(entry.action);
        } catch (RejectedExecutionException e) {
            entry.action.run(); // the executor is gone: run it here rather than never
        }
    }

    /** One deadline; ordered by time, then by the order of adding. */
    private record Entry(long deadlineNanos, long sequence, Runnable action) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            long byTime = deadlineNanos - other.deadlineNanos;
            if (byTime != 0) {
                return byTime < 0 ? -1 : 1;
            }
            return Long.compare(sequence, other.sequence);
        }
    }
}
