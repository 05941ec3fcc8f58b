package io.sideeye.control.http;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The control server's request deadline, kept to this server: a request's line, headers and
 * body must arrive within {@code deadline} of its first byte, or its connection is closed. A
 * slow client dribbling its headers (slowloris) would otherwise hold a thread forever. Answers,
 * event streams included, are not limited, except those written on the connection thread (below).
 *
 * <p>The JDK server hands each request to its executor once the first bytes have arrived, and
 * the exchange reads the request line and headers from a blocking socket channel. This executor
 * runs each exchange <em>on the calling thread</em>, the JDK server's connection thread
 * ({@code HTTP-Dispatcher}): a request that arrives whole (every client on loopback sends its
 * request in one piece) and whose route answers at once ({@link Router#addQuick}) is then served
 * with no hand-over to another thread: about three thread wake-ups fewer a request (a request
 * thread's, and the dispatcher's to take the connection back), and no request thread at all
 * while only such requests come (docs/BENCHMARKS.md, section {@code daemons}). Every other
 * route is handed to {@code threads} before its body is read ({@link #handOff}).
 *
 * <p>The deadline: when it passes before the exchange has been handed off or has arrived
 * ({@link #arrived()}), the thread running it is interrupted, which closes the channel it is
 * reading or writing (an interruptible channel) and ends the exchange; on the connection thread,
 * the deadline covers a quick route's answer too, so a client that does not read its answer
 * cannot keep the connection thread either. A client that holds the connection thread until its
 * deadline holds up every other connection meanwhile; so once that has happened, every exchange
 * goes to {@code threads} from its start, as it always did before, for {@link #INLINE_BAN} (a
 * slow client then holds one of those threads, never the server). Unlike the JDK's
 * {@code sun.net.httpserver.maxReqTime}, which is read once per JVM and applies to every JDK HTTP
 * server in it, nothing here reaches other servers.
 */
public final class RequestDeadline implements Executor, AutoCloseable {
    /** How long exchanges run on the request threads only after one was cut on the connection thread. */
    static final Duration INLINE_BAN = Duration.ofMinutes(1);

    private static final ThreadLocal<Request> CURRENT = new ThreadLocal<>();

    private final Executor threads;
    private final long deadlineNanos;
    private final ScheduledThreadPoolExecutor timer;
    private volatile long inlineBannedUntil;
    private volatile boolean inlineBanned; // once set, inlineBannedUntil tells until when

    /**
     * @param threads  runs the requests that are not served on the connection thread
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

    /**
     * Runs one of the JDK server's exchanges under the deadline, which starts now: on the calling
     * thread, or on {@code threads} while a slow client recently held the calling thread.
     */
    @Override
    public void execute(Runnable exchange) {
        Request request = new Request(this);
        boolean inline = servesInline();
        request.inline = inline;
        request.timeout = timer.schedule(request::expire, deadlineNanos, TimeUnit.NANOSECONDS);
        if (inline) {
            request.run(exchange);
        } else {
            threads.execute(() -> request.run(exchange));
        }
    }

    private void banInline() {
        inlineBannedUntil = System.nanoTime() + INLINE_BAN.toNanos();
        inlineBanned = true;
    }

    /** Whether exchanges run on the connection thread now (false for a while after a slow client; for tests). */
    boolean servesInline() {
        return !inlineBanned || System.nanoTime() - inlineBannedUntil >= 0;
    }

    /**
     * Called by the handler on the request's thread once the whole request (line, headers and
     * any body) has arrived: from then on nothing interrupts it. On the connection thread, where
     * the deadline also covers the answer, this does nothing; nor on threads that run no request.
     */
    public static void arrived() {
        Request request = CURRENT.get();
        if (request != null && !request.inline) {
            request.arrived();
        }
    }

    /**
     * Runs {@code rest} of the current exchange on the request threads, under the same deadline,
     * when the current thread is the connection thread; else runs it here and now. Called by
     * the handler before it reads a body or serves a route that may take its time.
     */
    public static void handOff(Runnable rest) {
        Request request = CURRENT.get();
        if (request == null || !request.inline) {
            rest.run();
            return;
        }
        request.detach();
        request.owner.threads.execute(() -> request.resume(rest));
    }

    /** Stops the timer; requests under way are no longer limited. */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One request: queued, then on a thread (which may change once), then arrived (or cut). */
    private static final class Request {
        private final RequestDeadline owner;
        private Thread thread; // guarded by this
        private boolean expired; // guarded by this
        private boolean arrived; // guarded by this
        private volatile boolean inline; // on the connection thread
        private ScheduledFuture<?> timeout;

        Request(RequestDeadline owner) {
            this.owner = owner;
        }

        void run(Runnable exchange) {
            attach();
            try {
                exchange.run();
            } finally {
                finish();
            }
        }

        /** The continuation of a handed-off exchange, on a request thread. */
        void resume(Runnable rest) {
            attach();
            try {
                rest.run();
            } finally {
                finish();
            }
        }

        private void attach() {
            synchronized (this) {
                thread = Thread.currentThread();
                if (expired) {
                    thread.interrupt(); // its first read closes the channel
                }
            }
            CURRENT.set(this);
        }

        private void finish() {
            boolean mine;
            synchronized (this) {
                mine = thread == Thread.currentThread();
            }
            if (mine) {
                arrived();
            }
            CURRENT.remove();
            Thread.interrupted(); // the next request on this thread starts clean
        }

        /** Leaves the connection thread: the deadline now watches the request thread that resumes it. */
        void detach() {
            synchronized (this) {
                thread = null;
            }
            inline = false;
            CURRENT.remove();
        }

        synchronized void expire() {
            if (arrived) {
                return;
            }
            expired = true;
            if (thread != null) {
                if (inline) {
                    owner.banInline(); // a slow client held the connection thread
                }
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
