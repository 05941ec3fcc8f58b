package io.sideeye.control.http;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The control server's request deadline, kept to this server: a request's line, headers and
 * body must arrive within {@code deadline} of its first byte, or its connection is closed. A
 * slow client dribbling its headers (slowloris) would otherwise hold a request thread forever.
 * Answers, event streams included, are not limited.
 *
 * <p>The JDK server hands each request to its executor once the first bytes have arrived and
 * reads the request line and headers on the executor's thread, from a blocking socket channel.
 * This executor wraps each such task: when the deadline passes before the handler has called
 * {@link #arrived()}, the thread is interrupted, which closes the channel it is reading (an
 * interruptible channel) and ends the exchange; a task still queued at its deadline starts
 * interrupted. Unlike the JDK's {@code sun.net.httpserver.maxReqTime}, which is read once per JVM
 * and applies to every JDK HTTP server in it, nothing here reaches other servers.
 */
public final class RequestDeadline implements Executor, AutoCloseable {
    private static final ThreadLocal<Request> CURRENT = new ThreadLocal<>();

    private final Executor threads;
    private final long deadlineNanos;
    private final ScheduledThreadPoolExecutor timer;

    /**
     * @param threads  runs the requests
     * @param deadline how long a request may take to arrive
     * @param name     the timer thread's name
     */
    public RequestDeadline(Executor threads, Duration deadline, String name) {
        this.threads = threads;
        this.deadlineNanos = deadline.toNanos();
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(30, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true); // an idle server keeps no timer thread
    }

    /** Runs one of the JDK server's exchanges under the deadline, which starts now. */
    @Override
    public void execute(Runnable exchange) {
        Request request = new Request();
        request.timeout = timer.schedule(request::expire, deadlineNanos, TimeUnit.NANOSECONDS);
        threads.execute(() -> request.run(exchange));
    }

    /**
     * Called by the handler on the request's thread once the whole request (line, headers and
     * any body) has arrived: from then on nothing interrupts it. Does nothing on other threads.
     */
    public static void arrived() {
        Request request = CURRENT.get();
        if (request != null) {
            request.arrived();
        }
    }

    /** Stops the timer; requests under way are no longer limited. */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One request: queued, then reading on a thread, then arrived (or cut). */
    private static final class Request {
        private Thread thread; // guarded by this
        private boolean expired; // guarded by this
        private boolean arrived; // guarded by this
        private ScheduledFuture<?> timeout;

        void run(Runnable exchange) {
            synchronized (this) {
                thread = Thread.currentThread();
                if (expired) {
                    thread.interrupt(); // its first read closes the channel
                }
            }
            CURRENT.set(this);
            try {
                exchange.run();
            } finally {
                arrived();
                CURRENT.remove();
                Thread.interrupted(); // the next request on this thread starts clean
            }
        }

        synchronized void expire() {
            if (arrived) {
                return;
            }
            expired = true;
            if (thread != null) {
                thread.interrupt();
            }
        }

        void arrived() {
            synchronized (this) {
                arrived = true;
                thread = null;
            }
            timeout.cancel(false);
        }
    }
}
