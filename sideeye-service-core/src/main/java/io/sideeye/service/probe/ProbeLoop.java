package io.sideeye.service.probe;

import io.sideeye.service.http.Failures;
import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.HttpFailure;
import io.sideeye.service.http.HttpReply;
import io.sideeye.service.http.Quoting;
import io.sideeye.service.time.Cancellable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic health checks of every manager in the JVM, timed and exchanged on one thread:
 * a timer queue and a {@link Selector} over non-blocking sockets, so a check costs this thread
 * one wake-up to start and the wake-ups its answer needs, never a hand-off to another thread.
 * Each exchange is the {@link SocketHttpProbe}'s: a fresh connection, the request of
 * {@link ProbeRequest} with {@code Connection: close}, the answer read by {@link ResponseReader}
 * within the call's timeout (counted from the start), failures as the same {@link HttpFailure}s.
 *
 * <p><b>Coalescing.</b> A check is given a window, {@code [earliest, due]}: when the loop wakes
 * for a check that is due, it also starts every other check whose window has opened. Checks of
 * many managers thereby share wake-ups, and since each manager times its next check from the
 * start of the last one, checks that once started together stay together. A check never starts
 * after its due time (beyond the wake-up's own delay), and at most {@code due - earliest} before it.
 *
 * <p>Only calls to an IP-literal host are accepted ({@link #accepts}): a name would have to be
 * resolved on the loop's thread, holding up every other check. The thread starts with the first
 * check and ends after {@link #KEEP_ALIVE} without any, so an idle JVM holds none. Answers are
 * delivered on the loop's thread: what an {@link Answer} does must be short and must not block.
 */
public final class ProbeLoop {
    /** How long the thread lives without any check to time or exchange. */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(3);

    private static final Logger LOG = LoggerFactory.getLogger(ProbeLoop.class);
    private static final ProbeLoop SHARED = new ProbeLoop("sideeye-health-loop", KEEP_ALIVE);
    private static final int READ_CHUNK = 8192;
    /** Head, framing and trailers an answer may add to its body's cap before it is refused unread. */
    private static final int FRAMING_ALLOWANCE = 2 * ResponseReader.MAX_HEAD_BYTES;

    private final String threadName;
    private final long keepAliveNanos;
    private final Object lock = new Object();
    private final ConcurrentLinkedQueue<Check> submitted = new ConcurrentLinkedQueue<>();
    private volatile Thread thread; // written under lock
    private Selector selector; // guarded by lock; the running thread's

    // Confined to the loop's thread.
    private final PriorityQueue<Check> timers = new PriorityQueue<>(Comparator.comparingLong(c -> c.due));
    private final PriorityQueue<Check> windows = new PriorityQueue<>(Comparator.comparingLong(c -> c.earliest));
    private final List<Check> active = new ArrayList<>();
    private final ByteBuffer scratch = ByteBuffer.allocate(READ_CHUNK);

    ProbeLoop(String threadName, Duration keepAlive) {
        this.threadName = threadName;
        this.keepAliveNanos = keepAlive.toNanos();
    }

    /** The JVM-wide loop. */
    public static ProbeLoop shared() {
        return SHARED;
    }

    /** What receives a check's outcome, on the loop's thread. */
    @FunctionalInterface
    public interface Answer {
        /**
         * @param startNanos when the check started ({@link System#nanoTime()})
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
     * ({@link System#nanoTime()} values; see coalescing above), and hands the outcome to
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
        Check check = new Check(Math.min(earliestNanos, dueNanos), dueNanos, call, answer);
        submitted.add(check);
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
        long idleSince = System.nanoTime();
        while (true) {
            try {
                for (Check c; (c = submitted.poll()) != null; ) {
                    timers.add(c);
                    windows.add(c);
                }
                long now = System.nanoTime();
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
                long waitNanos = wake - System.nanoTime();
                if (waitNanos <= 0) {
                    s.selectNow();
                } else {
                    s.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999)));
                }
                for (SelectionKey key : s.selectedKeys()) {
                    ready(key);
                }
                s.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                LOG.warn("health check loop: unexpected failure; checks in flight are failed and timing goes on", e);
                for (Check c : List.copyOf(active)) {
                    finish(c, null, Failures.io(e));
                }
            }
        }
    }

    /** Starts every check whose window has opened, once some check is due. */
    private void startDue(Selector s, long now) {
        dropStale(timers);
        if (timers.isEmpty() || timers.peek().due - now > 0) {
            return;
        }
        while (!windows.isEmpty() && windows.peek().earliest - now <= 0) {
            Check c = windows.poll();
            if (!c.cancelled && !c.started) {
                start(s, c, now);
            }
        }
        dropStale(timers);
    }

    /** Removes started and cancelled checks from the head of {@code queue}. */
    private static void dropStale(PriorityQueue<Check> queue) {
        while (!queue.isEmpty() && (queue.peek().started || queue.peek().cancelled)) {
            queue.poll();
        }
    }

    /** Fails the checks past their deadline and closes cancelled ones; the next deadline. */
    private long expire(long now) {
        long next = Long.MAX_VALUE;
        for (int i = active.size() - 1; i >= 0; i--) {
            Check c = active.get(i);
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

    private void start(Selector s, Check c, long now) {
        c.started = true;
        c.start = now;
        c.deadline = now + c.call.timeout().toNanos();
        try {
            c.request = ByteBuffer.wrap(ProbeRequest.encode(c.call));
            String host = c.call.uri().getHost();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = c.call.uri().getPort() == -1 ? 80 : c.call.uri().getPort();
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), port); // a literal: no lookup
            SocketChannel channel = SocketChannel.open();
            c.channel = channel;
            active.add(c);
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            // on loopback the handshake is usually over when connect returns: finish it at once
            // rather than after a round through the selector
            if (channel.connect(address) || channel.finishConnect()) {
                c.key = channel.register(s, 0, c);
                write(c);
            } else {
                c.key = channel.register(s, SelectionKey.OP_CONNECT, c);
            }
        } catch (IOException | RuntimeException e) {
            finish(c, null, Failures.ofSocket(e, c.call.timeout()));
        }
    }

    private void ready(SelectionKey key) {
        Check c = (Check) key.attachment();
        if (!key.isValid() || c.channel == null) {
            return;
        }
        try {
            if (key.isConnectable()) {
                c.channel.finishConnect();
                write(c);
            } else if (key.isWritable()) {
                write(c);
            } else if (key.isReadable()) {
                read(c);
            }
        } catch (IOException | RuntimeException e) {
            finish(c, null, Failures.ofSocket(e, c.call.timeout()));
        }
    }

    private void write(Check c) throws IOException {
        c.channel.write(c.request);
        c.key.interestOps(c.request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void read(Check c) throws IOException {
        boolean ended = false;
        while (true) {
            scratch.clear();
            int n = c.channel.read(scratch);
            if (n < 0) {
                ended = true;
                break;
            }
            if (n == 0) {
                break;
            }
            c.append(scratch.array(), n);
            if (c.size > c.call.maxResponseBytes() + FRAMING_ALLOWANCE) {
                throw Failures.tooLarge(c.call.maxResponseBytes(), -1);
            }
        }
        boolean head = c.call.method().equalsIgnoreCase("HEAD");
        try {
            HttpReply reply = ResponseReader.read(DeadlineInput.received(c.received, c.size, ended), head,
                    c.call.maxResponseBytes(), c.start);
            finish(c, reply, null);
        } catch (DeadlineInput.Incomplete more) {
            // wait for the rest
        }
    }

    private void finish(Check c, HttpReply reply, Throwable error) {
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

    private void close(Check c) {
        active.remove(c);
        SocketChannel channel = c.channel;
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

    /** One check: its window, then its exchange. */
    private static final class Check {
        final long earliest;
        final long due;
        final HttpCall call;
        final Answer answer;
        volatile boolean cancelled;
        boolean started;
        long start;
        long deadline;
        ByteBuffer request;
        SocketChannel channel;
        SelectionKey key;
        byte[] received = new byte[0];
        int size;

        Check(long earliest, long due, HttpCall call, Answer answer) {
            this.earliest = earliest;
            this.due = due;
            this.call = call;
            this.answer = answer;
        }

        void append(byte[] bytes, int n) {
            if (size + n > received.length) {
                received = Arrays.copyOf(received, Math.max(size + n, Math.max(512, received.length * 2)));
            }
            System.arraycopy(bytes, 0, received, size, n);
            size += n;
        }
    }
}
