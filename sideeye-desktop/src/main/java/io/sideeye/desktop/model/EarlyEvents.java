package io.sideeye.desktop.model;

import io.sideeye.service.ServiceEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * The events of a backend started before its window exists (the app starts the backend while
 * JavaFX starts): kept, in order, until the window takes them over with {@link #handOver}, then
 * passed straight on. At most {@value #CAPACITY} are kept (the oldest go first), as in the log.
 */
public final class EarlyEvents implements Consumer<ServiceEvent> {
    static final int CAPACITY = BoundedLog.DEFAULT_CAPACITY;

    private final Deque<ServiceEvent> kept = new ArrayDeque<>();
    private Consumer<ServiceEvent> target;

    @Override
    public synchronized void accept(ServiceEvent event) {
        if (target != null) {
            target.accept(event);
            return;
        }
        if (kept.size() == CAPACITY) {
            kept.removeFirst();
        }
        kept.addLast(event);
    }

    /** Passes the kept events to {@code window}, then every later one. */
    public synchronized void handOver(Consumer<ServiceEvent> window) {
        kept.forEach(window);
        kept.clear();
        target = window;
    }
}
