package io.sideeye.service.process;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains one output stream of a child on its own daemon thread, from start to end of stream,
 * splitting it into lines for an {@link OutputListener}. The stream is read continuously whatever
 * the listener does, so a child that writes a lot never blocks on a full pipe; a listener that
 * throws is logged and the draining goes on.
 */
final class OutputPump implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputPump.class);

    private final InputStream in;
    private final boolean stderr;
    private final OutputListener listener;
    private final String name;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private boolean listenerFailed;
    private volatile long readStartedNanos;
    private volatile boolean reading;

    private OutputPump(InputStream in, boolean stderr, OutputListener listener, String name) {
        this.in = in;
        this.stderr = stderr;
        this.listener = listener;
        this.name = name;
    }

    /**
     * A pump for {@code in}; it drains nothing until {@link #start()}, so that whoever waits for
     * its end can register first and be called on the pump's own thread.
     *
     * @param listener receives each line; null discards the output (it is still drained)
     * @param pid      the child's pid, used in the thread's name
     */
    static OutputPump create(InputStream in, boolean stderr, OutputListener listener, long pid) {
        return new OutputPump(in, stderr, listener, "sideeye-" + (stderr ? "stderr" : "stdout") + "-" + pid);
    }

    /** Starts draining on a new daemon thread. */
    void start() {
        Thread thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Completes, on the pump's thread, when the stream has reached its end (or failed) and the
     * last line was delivered.
     */
    CompletableFuture<Void> done() {
        return done;
    }

    /**
     * Whether the stream has ended, or everything read so far was delivered and nothing more
     * arrived for {@code quiet} since {@code sinceNanos} (a {@link System#nanoTime()}, e.g. when
     * the writer's exit was noticed): the writer is gone or silent (such as a grandchild that
     * inherited the pipe), not a pump that is merely behind. Counting from {@code sinceNanos}
     * gives a pump blocked in a read since long before the exit the time to return with what
     * the writer sent just before it exited.
     */
    boolean isDrained(Duration quiet, long sinceNanos) {
        if (done.isDone()) {
            return true;
        }
        long idleSince = Math.max(readStartedNanos, sinceNanos);
        return reading && System.nanoTime() - idleSince >= quiet.toNanos();
    }

    @Override
    public void run() {
        LineSplitter splitter = new LineSplitter(this::deliver);
        byte[] buffer = new byte[8192];
        try {
            while (true) {
                readStartedNanos = System.nanoTime();
                reading = true;
                int n = in.read(buffer);
                reading = false;
                if (n < 0) {
                    break;
                }
                splitter.feed(buffer, 0, n);
            }
        } catch (IOException e) {
            // The stream was closed under us (the process is gone): treat it as its end.
            LOG.debug("{}: stream closed: {}", name, e.getMessage());
        } finally {
            splitter.finish();
            closeQuietly();
            done.complete(null);
        }
    }

    private void deliver(String line) {
        if (listener == null) {
            return;
        }
        try {
            listener.onLine(stderr, line);
        } catch (RuntimeException e) {
            if (!listenerFailed) {
                listenerFailed = true;
                LOG.warn("{}: output listener failed; output is still drained (further failures are logged at debug)",
                        name, e);
            } else {
                LOG.debug("{}: output listener failed again", name, e);
            }
        }
    }

    private void closeQuietly() {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
