package io.sideeye.service.probe;

import io.sideeye.service.http.Failures;
import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.HttpFailure;
import io.sideeye.service.http.HttpReply;
import io.sideeye.service.http.HttpTransport;
import io.sideeye.service.http.Quoting;
import io.sideeye.service.time.Cancellable;
import io.sideeye.service.time.Scheduler;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic health checks of every manager in the JVM, timed and exchanged on one thread:
 * a timer queue and a {@link Selector} over non-blocking sockets, so a check costs this thread
 * one wake-up to start and the wake-ups its answer needs, never a hand-off to another thread.
 * Each exchange is the {@link SocketHttpProbe}'s: a fresh connection, the request of
 * {@link ProbeRequest} with {@code Connection: close}, the answer read by {@link ResponseReader}
 * within the call's timeout (counted from the start), failures as the same {@link HttpFailure}s
 * (see {@link LoopSockets}).
 *
 * <p><b>Coalescing.</b> A check is given a window, {@code [earliest, due]}: when the loop wakes
 * for a check that is due, it also starts every other check whose window has opened. Checks of
 * many managers thereby share wake-ups, and since each manager times its next check from the
 * start of the last one, checks that once started together stay together. A check never starts
 * after its due time (beyond the wake-up's own delay), and at most {@code due - earliest} before it.
 *
 * <p><b>Wake-ups.</b> A check on loopback costs the thread two: one when it is due (the
 * connect completes within the call, so the request is written in the same turn) and one when
 * the answer is readable (an answer read whole is delivered and its socket closed in that
 * turn). An answer that arrives in pieces costs one more per piece: waitress, for one, often
 * sends the head and the body in two segments a fraction of a millisecond apart.
 *
 * <p>Only calls to an IP-literal host are accepted ({@link #accepts}): a name would have to be
 * resolved on the loop's thread, holding up every other check. The thread starts with the first
 * check and ends after {@link #KEEP_ALIVE} without any, so an idle JVM holds none. Answers are
 * delivered on the loop's thread: what an {@link Answer} does must be short and must not block.
 *
 * <p><b>Time.</b> The loop reads time from its clock only. A loop {@linkplain #drivenBy driven
 * by a scheduler} has no thread: the scheduler is its clock and runs its turns, and its
 * exchanges go through a transport; under a fake scheduler the same timing, coalescing and
 * deadlines then run in fake time.
 */
public final class ProbeLoop {
    /** How long the thread lives without any check to time or exchange. */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(3);

    private static final Logger LOG = LoggerFactory.getLogger(ProbeLoop.class);
    private static final ProbeLoop SHARED = new ProbeLoop("sideeye-health-loop", KEEP_ALIVE);

    private final String threadName;
    private final long keepAliveNanos;
    /** Monotonic nanoseconds: {@link System#nanoTime()}, or the driving scheduler's. */
    private final LongSupplier clock;
    /** Runs the turns of a loop without a thread (null: the loop has its own). */
    private final Scheduler driver;
    /** A driven loop's exchanges (null: sockets on the loop's thread). */
    private final HttpTransport transport;
    private final Object lock = new Object();
    private final ConcurrentLinkedQueue<LoopCheck> submitted = new ConcurrentLinkedQueue<>();
    private volatile Thread thread; // written under lock
    private Selector selector; // guarded by lock; the running thread's

    // Confined to the loop's thread (or its driver's).
    private final PriorityQueue<LoopCheck> timers = new PriorityQueue<>(Comparator.comparingLong(c -> c.due));
    private final PriorityQueue<LoopCheck> windows = new PriorityQueue<>(Comparator.comparingLong(c -> c.earliest));
    private final List<LoopCheck> active = new ArrayList<>();
    private final LoopSockets sockets = new LoopSockets(this);
    private Cancellable wake = Cancellable.NONE;

    ProbeLoop(String threadName, Duration keepAlive) {
        this(threadName, keepAlive, System::nanoTime, null, null);
    }

    private ProbeLoop(String threadName, Duration keepAlive, LongSupplier clock, Scheduler driver,
                      HttpTransport transport) {
        this.threadName = threadName;
        this.keepAliveNanos = keepAlive.toNanos();
        this.clock = clock;
        this.driver = driver;
        this.transport = transport;
    }

    /** The JVM-wide loop. */
    public static ProbeLoop shared() {
        return SHARED;
    }

    /**
     * A loop without a thread of its own: {@code scheduler} is its clock and runs its turns (each
     * due time and deadline a timed task), and each check is exchanged through {@code transport}.
     * What it times, coalesces and fails is what the shared loop does; under a fake scheduler it
     * does so in fake time. Answers are delivered on the scheduler's thread.
     */
    public static ProbeLoop drivenBy(Scheduler scheduler, HttpTransport transport) {
        return new ProbeLoop("driven-probe-loop", KEEP_ALIVE, scheduler::nanoTime, scheduler, transport);
    }

    /** What receives a check's outcome, on the loop's thread. */
    @FunctionalInterface
    public interface Answer {
        /**
         * @param startNanos when the check started (on the loop's clock: {@link System#nanoTime()}
         *                   for the shared loop)
         * @param reply      the answer (any status), or null on failure
         * @param error      an {@link HttpFailure} (REFUSED, TIMEOUT, TOO_LARGE, IO) or an
         *                   IllegalArgumentException for a call that cannot be encoded; null with a reply
         */
        void answered(long startNanos, HttpReply reply, Throwable error);
    }

    /** Whether this loop can send {@code call}: plain {@code http} to an IP literal (no name to resolve). */
    public static boolean accepts(HttpCall call) {
        String host = call.uri().getHost();
        return "http".equalsIgnoreCase(call.uri().getScheme()) && host != null && isLiteral(host);
    }

    /**
     * Sends {@code call} once, at a moment between {@code earliestNanos} and {@code dueNanos}
     * (values of the loop's clock; see coalescing above), and hands the outcome to
     * {@code answer}. Any thread. The handle cancels the check: before it starts, it never
     * does; while it runs, its socket is closed and no answer is delivered.
     *
     * @throws IllegalArgumentException when the loop does not {@linkplain #accepts accept} the call
     */
    public Cancellable sendBetween(long earliestNanos, long dueNanos, HttpCall call, Answer answer) {
        if (!accepts(call)) {
            throw new IllegalArgumentException("the probe loop sends plain http to an IP address only, not "
                    + Quoting.quote(call.uri().toString(), 120));
        }
        LoopCheck check = new LoopCheck(Math.min(earliestNanos, dueNanos), dueNanos, call, answer);
        submitted.add(check);
        if (driver != null) {
            driver.schedule(Duration.ZERO, this::turn);
            return () -> {
                check.cancelled = true;
                driver.schedule(Duration.ZERO, this::turn); // ends its exchange now, not at its deadline
            };
        }
        if (Thread.currentThread() != thread) {
            synchronized (lock) {
                if (thread == null) {
                    startThread();
                } else {
                    selector.wakeup();
                }
            }
        } // else: the loop takes it from the queue before it waits again
        return () -> {
            check.cancelled = true;
            if (Thread.currentThread() != thread) {
                synchronized (lock) {
                    if (selector != null) {
                        selector.wakeup(); // close its socket now, not at its deadline
                    }
                }
            }
        };
    }

    /** Whether the loop's thread is running (for tests). */
    boolean isRunning() {
        return thread != null;
    }

    private void startThread() {
        Selector s;
        try {
            s = Selector.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a selector for the health checks: " + e.getMessage(), e);
        }
        selector = s;
        Thread t = new Thread(() -> run(s), threadName);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Ends the thread unless a check arrived meanwhile; whether it ended. */
    private boolean retire(Selector s) {
        synchronized (lock) {
            if (!submitted.isEmpty()) {
                return false;
            }
            thread = null;
            selector = null;
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing registered is left; the descriptor is released either way
        }
        return true;
    }

    private void run(Selector s) {
        long idleSince = clock.getAsLong();
        while (true) {
            try {
                takeSubmitted();
                long now = clock.getAsLong();
                startDue(s, now);
                long wake = expire(now);
                if (timers.isEmpty() && active.isEmpty()) {
                    windows.clear(); // only started or cancelled checks are left in it
                    if (now - idleSince >= keepAliveNanos) {
                        if (retire(s)) {
                            return;
                        }
                        continue;
                    }
                    wake = idleSince + keepAliveNanos;
                } else {
                    idleSince = now;
                    if (!timers.isEmpty()) {
                        wake = Math.min(wake, timers.peek().due);
                    }
                }
                long waitNanos = wake - clock.getAsLong();
                if (waitNanos <= 0) {
                    s.selectNow();
                } else {
                    s.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999)));
                }
                for (SelectionKey key : s.selectedKeys()) {
                    sockets.ready(key);
                }
                s.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                LOG.warn("health check loop: unexpected failure; checks in flight are failed and timing goes on", e);
                for (LoopCheck c : List.copyOf(active)) {
                    finish(c, null, Failures.io(e));
                }
            }
        }
    }

    /** A driven loop's turn, on its scheduler's thread: what {@link #run} does once, then a timed next turn. */
    private void turn() {
        takeSubmitted();
        long now = clock.getAsLong();
        startDue(null, now);
        long next = expire(now);
        if (!timers.isEmpty()) {
            next = Math.min(next, timers.peek().due);
        } else if (active.isEmpty()) {
            windows.clear();
        }
        wake.cancel();
        wake = next == Long.MAX_VALUE ? Cancellable.NONE
                : driver.schedule(Duration.ofNanos(Math.max(0, next - now)), this::turn);
    }

    private void takeSubmitted() {
        for (LoopCheck c; (c = submitted.poll()) != null; ) {
            timers.add(c);
            windows.add(c);
        }
    }

    /** Starts every check whose window has opened, once some check is due. */
    private void startDue(Selector s, long now) {
        dropStale(timers);
        if (timers.isEmpty() || timers.peek().due - now > 0) {
            return;
        }
        while (!windows.isEmpty() && windows.peek().earliest - now <= 0) {
            LoopCheck c = windows.poll();
            if (!c.cancelled && !c.started) {
                start(s, c, now);
            }
        }
        dropStale(timers);
    }

    /** Removes started and cancelled checks from the head of {@code queue}. */
    private static void dropStale(PriorityQueue<LoopCheck> queue) {
        while (!queue.isEmpty() && (queue.peek().started || queue.peek().cancelled)) {
            queue.poll();
        }
    }

    /** Fails the checks past their deadline and closes cancelled ones; the next deadline. */
    private long expire(long now) {
        long next = Long.MAX_VALUE;
        for (int i = active.size() - 1; i >= 0; i--) {
            LoopCheck c = active.get(i);
            if (c.cancelled) {
                close(c);
            } else if (c.deadline - now <= 0) {
                finish(c, null, Failures.timeout(c.call.timeout(), null));
            } else {
                next = Math.min(next, c.deadline);
            }
        }
        return next;
    }

    private void start(Selector s, LoopCheck c, long now) {
        c.started = true;
        c.start = now;
        c.deadline = now + c.call.timeout().toNanos();
        active.add(c);
        if (transport == null) {
            sockets.start(s, c);
            return;
        }
        transport.send(c.call).whenComplete((reply, error) -> driver.schedule(Duration.ZERO, () -> {
            if (active.contains(c)) { // else timed out or cancelled meanwhile
                finish(c, reply, error);
            }
        }));
    }

    /** Ends {@code c}'s exchange and delivers its outcome, unless it was cancelled. */
    void finish(LoopCheck c, HttpReply reply, Throwable error) {
        close(c);
        if (c.cancelled) {
            return;
        }
        try {
            c.answer.answered(c.start, reply, error);
        } catch (RuntimeException | StackOverflowError e) {
            // this thread serves every manager's checks: one handler's failure must not end it
            LOG.warn("health check answer handler failed", e);
        }
    }

    private void close(LoopCheck c) {
        active.remove(c);
        var channel = c.channel;
        c.channel = null;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing is all that was wanted
            }
        }
    }

    private static boolean isLiteral(String host) {
        if (host.startsWith("[")) {
            return host.endsWith("]");
        }
        int dots = 0;
        for (int i = 0; i < host.length(); i++) {
            char ch = host.charAt(i);
            if (ch == '.') {
                dots++;
            } else if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return dots == 3;
    }
}
