package io.sideeye.bench;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceEvent;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records every event of a manager with the monotonic time the listener received it. */
final class Recorder {
    /** One received event. */
    record Seen(long nanos, ServiceEvent event) {}

    private final LinkedBlockingQueue<Seen> queue = new LinkedBlockingQueue<>();

    Recorder(DjangoServiceManager manager) {
        manager.onAny(e -> {
            if (!(e instanceof ServiceEvent.Stdout) && !(e instanceof ServiceEvent.Stderr)) {
                queue.add(new Seen(System.nanoTime(), e));
            }
        });
    }

    /** Waits for the next event of {@code type}, dropping others; fails after {@code timeoutMs}. */
    Seen next(Class<? extends ServiceEvent> type, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            long left = deadline - System.nanoTime();
            Seen s = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            if (s == null) {
                throw new IllegalStateException("No " + type.getSimpleName() + " event within " + timeoutMs + " ms");
            }
            if (type.isInstance(s.event())) return s;
            if (s.event() instanceof ServiceEvent.Error err) {
                System.err.println("  (manager error: " + err.message() + ")");
            }
        }
    }

    void clear() { queue.clear(); }
}
