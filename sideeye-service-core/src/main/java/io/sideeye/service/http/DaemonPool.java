package io.sideeye.service.http;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool of daemon threads that starts a thread only when every existing one is busy,
 * queues work once the bound is reached, and lets a thread end after it idled for the keep-alive
 * time. Sequential work therefore runs on one thread, and an idle JVM holds none.
 *
 * <p>A plain {@link ThreadPoolExecutor} cannot do this: with core threads it creates a new one
 * for every task until the core size is reached (even when others idle), and without them it
 * never grows past one thread while its queue accepts work. Here the queue declines a task while
 * more tasks are in flight than threads exist, which makes the executor add a thread.
 *
 * <p>A task that hands its outcome to a waiting caller should implement {@link Publishing}: its
 * outcome is then published only after the pool counts its thread as free again. Otherwise a
 * caller that reacts to the outcome by submitting the next task (sequential probes) could find
 * the previous task still counted as running and start a thread it does not need.
 */
public final class DaemonPool extends ThreadPoolExecutor {
    private final AtomicInteger inFlight = new AtomicInteger();

    private DaemonPool(String name, int maxThreads, Duration keepAlive, GrowFirstQueue queue) {
        super(0, maxThreads, keepAlive.toNanos(), TimeUnit.NANOSECONDS, queue, daemonThreads(name),
                DaemonPool::queueWhenFull);
    }

    /**
     * A pool named {@code name-1}, {@code name-2}, ... of at most {@code maxThreads} threads that
     * end after {@code keepAlive} without work.
     */
    public static DaemonPool create(String name, int maxThreads, Duration keepAlive) {
        GrowFirstQueue queue = new GrowFirstQueue();
        DaemonPool pool = new DaemonPool(name, maxThreads, keepAlive, queue);
        queue.pool = pool;
        return pool;
    }

    @Override
    public void execute(Runnable task) {
        inFlight.incrementAndGet();
        try {
            super.execute(task);
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            throw e;
        }
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        inFlight.decrementAndGet();
        if (task instanceof Publishing publishing) {
            publishing.publish();
        }
    }

    /** A task whose outcome is published after its thread is counted as free again. */
    public interface Publishing extends Runnable {
        /** Hands the outcome of {@link #run()} to whoever waits for it; called once, on the same thread. */
        void publish();
    }

    private static void queueWhenFull(Runnable task, ThreadPoolExecutor executor) {
        if (executor.isShutdown()) {
            throw new RejectedExecutionException("the pool is shut down");
        }
        ((GrowFirstQueue) executor.getQueue()).force(task);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Declines a task while all threads are busy and the pool may still grow. */
    private static final class GrowFirstQueue extends LinkedBlockingQueue<Runnable> {
        private static final long serialVersionUID = 1L;
        private transient volatile DaemonPool pool;

        @Override
        public boolean offer(Runnable task) {
            DaemonPool p = pool;
            int threads = p.getPoolSize();
            if (threads < p.getMaximumPoolSize() && p.inFlight.get() > threads) {
                return false; // every thread is busy: the executor adds one
            }
            return super.offer(task);
        }

        void force(Runnable task) {
            super.offer(task);
        }
    }
}
