package io.sideeye.service.time;

import java.time.Duration;
import java.time.Instant;

/**
 * Time and the supervisor's single serial thread behind one seam, so that every interval,
 * backoff and timeout can be tested by advancing a fake clock. All tasks given to one scheduler
 * run one at a time, in order; that serial execution is what makes the supervisor lock-free.
 */
public interface Scheduler {

    /** Wall-clock time, for timestamps. */
    Instant now();

    /** Monotonic time in nanoseconds, for measuring durations. */
    long nanoTime();

    /** Runs {@code task} on the serial thread as soon as possible. */
    void execute(Runnable task);

    /** Runs {@code task} on the serial thread after {@code delay}; the handle cancels it. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Releases the thread; pending tasks are dropped. */
    void shutdown();
}
