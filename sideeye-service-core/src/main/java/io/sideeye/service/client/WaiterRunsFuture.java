package io.sideeye.service.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A future whose work, already handed to a pool, runs on the first thread that gets to it: the
 * pool's thread, or a thread that blocks in {@link #get()} or {@link #join()} before the pool
 * started it. The work runs exactly once ({@link Work#claim()} is a compare-and-set).
 *
 * <p>Why: a caller that waits at once would otherwise hand the work to a pool thread and be
 * woken by it at the end, two thread hand-offs (a park and a wake-up each) per call that a
 * blocking call on the caller's own thread does not have. Running it on the waiting thread
 * costs none; callers that do not wait keep the pool.
 *
 * <p>Every dependent stage ({@code thenApply}, {@code handle}, ...) is a future of this kind
 * sharing the same work, so waiting for a dependent runs the work too; the dependent stages then
 * complete on the waiting thread. A waiting thread runs the work only when
 * <ul>
 * <li>it is not interrupted (then it waits as a plain future does);</li>
 * <li>for {@link #get(long, TimeUnit)}: its wait reaches past the work's deadline, so the work
 *     ends, one way or another, before the wait would have: a shorter wait leaves it to the
 *     pool, and a wait that times out does not end the work;</li>
 * <li>the future it waits for is not complete yet.</li>
 * </ul>
 * If that future is completed by other means while the work runs on its waiter (cancelled, or
 * completed by {@code orTimeout}, {@code complete}...), the work is {@linkplain Work#abandon
 * abandoned} so that the waiter is released at once, as it would be from a plain wait.
 *
 * @param <T> the result type
 */
final class WaiterRunsFuture<T> extends CompletableFuture<T> {
    private final Work work;

    WaiterRunsFuture(Work work) {
        this.work = work;
    }

    /** Work that a waiting thread may run in place of the pool. */
    interface Work {
        /** Claims the work for the calling thread; false when another thread claimed it first. */
        boolean claim();

        /** Runs the work claimed by {@link #claim()} on the calling thread; its future is complete afterwards. */
        void runClaimed();

        /** The {@link System#nanoTime()} by which the work ends, completed or failed by its deadline. */
        long deadlineNanos();

        /** Ends the work, if still running, because nobody waits for its outcome any longer. */
        void abandon();
    }

    /**
     * Runs the work here when nobody has yet, then waits as usual. When the waiting thread is
     * interrupted while it runs the work, the work ends (its connection is closed) and this
     * throws {@link InterruptedException}.
     */
    @Override
    public T get() throws InterruptedException, ExecutionException {
        if (runHere(Long.MAX_VALUE) && Thread.interrupted()) {
            throw new InterruptedException("interrupted while waiting for the call");
        }
        return super.get();
    }

    /** As {@link #get()}, but runs the work here only if this wait reaches past its deadline. */
    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (runHere(unit.toNanos(timeout)) && Thread.interrupted()) {
            throw new InterruptedException("interrupted while waiting for the call");
        }
        return super.get(timeout, unit);
    }

    /**
     * Runs the work here when nobody has yet, then waits as usual. An interrupt of the waiting
     * thread while it runs the work ends the work (a failure); the interrupt status is kept.
     */
    @Override
    public T join() {
        runHere(Long.MAX_VALUE);
        return super.join();
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new WaiterRunsFuture<>(work);
    }

    /** Runs the work on this thread if it may (see the class comment); true when it did. */
    private boolean runHere(long waitNanos) {
        if (isDone() || Thread.currentThread().isInterrupted() || !waitCovers(waitNanos) || !work.claim()) {
            return false;
        }
        // Completed otherwise while the work runs here: end the work, which releases this thread
        // (at once if that happened since the claim; harmless once the work is over).
        whenComplete((result, error) -> work.abandon());
        work.runClaimed();
        return true;
    }

    private boolean waitCovers(long waitNanos) {
        if (waitNanos == Long.MAX_VALUE) {
            return true;
        }
        long left = work.deadlineNanos() - System.nanoTime();
        return waitNanos >= left;
    }
}
