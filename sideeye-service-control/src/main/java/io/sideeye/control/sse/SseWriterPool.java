package io.sideeye.control.sse;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few writer threads shared by all event streams (not one per subscriber). A subscriber with
 * pending frames is queued once; a writer gives it one turn and queues it again if more came.
 *
 * <p>The JDK server writes with blocking sockets, so a client that stops reading can block the
 * writer in the middle of a turn. The {@link SseHub}'s next publish drops such a subscriber and asks
 * for a replacement writer ({@link #compensateStall()}), so the other streams keep flowing; the
 * blocked writer retires once its write fails or completes.
 *
 * <p>The writers start with the first stream: a server nobody streams from has none.
 */
final class SseWriterPool {
    private static final Logger LOG = LoggerFactory.getLogger(SseWriterPool.class);

    private static final Object STOP = new Object();

    private final LinkedBlockingQueue<Object> ready = new LinkedBlockingQueue<>();
    private final int target;
    private final int max;
    private final Consumer<SseSubscriber> onWriteFailure;
    private final AtomicInteger workers = new AtomicInteger();
    private final AtomicInteger stalled = new AtomicInteger();
    private final AtomicInteger serial = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private final Object turnEnded = new Object();
    private volatile boolean stopped;

    SseWriterPool(int target, int max, Consumer<SseSubscriber> onWriteFailure) {
        this.target = target;
        this.max = Math.max(target, max);
        this.onWriteFailure = onWriteFailure;
    }

    /** Gives {@code s} a writer turn soon, unless one is already pending. */
    void schedule(SseSubscriber s) {
        if (!stopped && s.scheduled.compareAndSet(false, true)) {
            if (workers.get() == 0) {
                startWriters();
            }
            ready.add(s);
        }
    }

    /** The first turn of the first stream starts the writers. */
    private synchronized void startWriters() {
        while (!stopped && workers.get() < target) {
            spawn();
        }
    }

    /** A writer is blocked on a stalled client: add one, within the cap. */
    void compensateStall() {
        int wanted = target + stalled.incrementAndGet();
        if (workers.get() < Math.min(wanted, max)) {
            spawn();
        } else if (wanted > max) {
            LOG.warn("{} event-stream writers are blocked by clients that stopped reading; the cap is {}",
                    stalled.get(), max);
        }
    }

    /** Number of live writer threads. */
    int workers() {
        return workers.get();
    }

    private synchronized void spawn() {
        Thread t = new Thread(this::work, "sideeye-control-sse-" + serial.incrementAndGet());
        t.setDaemon(true);
        workers.incrementAndGet();
        threads.add(t);
        t.start();
    }

    private void work() {
        try {
            while (true) {
                Object next = ready.take();
                if (next == STOP) {
                    return;
                }
                turn((SseSubscriber) next);
                if (workers.get() > target + stalled.get() && retire()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                threads.remove(Thread.currentThread());
            }
        }
    }

    private void turn(SseSubscriber s) {
        try {
            s.writeTurn();
        } catch (IOException | RuntimeException e) {
            LOG.debug("event stream closed by its client: {}", e.toString());
            onWriteFailure.accept(s);
            s.finish();
        } finally {
            if (s.clearStall()) {
                stalled.decrementAndGet();
            }
            s.scheduled.set(false);
            if (s.needsTurn()) {
                schedule(s);
            }
            synchronized (turnEnded) {
                turnEnded.notifyAll();
            }
        }
    }

    private boolean retire() {
        int w = workers.get();
        return w > target + stalled.get() && workers.compareAndSet(w, w - 1);
    }

    /**
     * Waits at most {@code grace} until {@code done} holds (e.g. every stream was closed), then
     * stops the writers. A writer still blocked after that is released when the server closes
     * its connections.
     */
    void close(Duration grace, BooleanSupplier done) {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (turnEnded) {
            long left;
            while (!done.getAsBoolean() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    turnEnded.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        List<Thread> running;
        synchronized (this) {
            stopped = true;
            running = List.copyOf(threads);
        }
        for (int i = 0; i < running.size(); i++) {
            ready.add(STOP);
        }
    }
}
