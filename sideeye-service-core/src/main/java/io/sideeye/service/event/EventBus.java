package io.sideeye.service.event;

import io.sideeye.service.ServiceEvent;
import io.sideeye.service.Subscription;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to listeners on one dispatch thread, in publication order. Publishing never
 * blocks and never runs a listener on the publisher's thread (with the real executor); a
 * listener that throws is logged and the others still run.
 */
public final class EventBus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    /** The seed's wire names, the valid arguments of {@link #on(String, Consumer)}. */
    public static final Set<String> NAMES = Set.of("starting", "started", "stopping", "stopped", "restarting",
            "healthy", "unhealthy", "error", "warning", "info", "stdout", "stderr", "process-exit", "process-error",
            "api-error");

    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final Executor dispatcher;
    private final ThreadPoolExecutor ownThread;

    /** A bus with its own dispatch thread, started on demand and ended after a short idle time. */
    public static EventBus withThread(String threadName) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, threadName);
                    t.setDaemon(true);
                    return t;
                });
        return new EventBus(executor, executor);
    }

    /** A bus that dispatches through {@code dispatcher}, which must run tasks one at a time in order. */
    public static EventBus on(Executor dispatcher) {
        return new EventBus(dispatcher, null);
    }

    private EventBus(Executor dispatcher, ThreadPoolExecutor ownThread) {
        this.dispatcher = dispatcher;
        this.ownThread = ownThread;
    }

    /** Registers a listener for one wire name, or {@code "*"} for all. */
    public Subscription on(String name, Consumer<ServiceEvent> listener) {
        if ("*".equals(name)) {
            return onAny(listener);
        }
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is not an event name; use one of "
                    + NAMES.stream().sorted().toList() + " or \"*\"");
        }
        return add(e -> e.name().equals(name), listener);
    }

    /** Registers a listener for one event type. */
    public <E extends ServiceEvent> Subscription on(Class<E> type, Consumer<E> listener) {
        return add(type::isInstance, e -> listener.accept(type.cast(e)));
    }

    /** Registers a listener for every event. */
    public Subscription onAny(Consumer<ServiceEvent> listener) {
        return add(e -> true, listener);
    }

    /** Queues {@code event} for delivery to every matching listener. */
    public void publish(ServiceEvent event) {
        if (registrations.isEmpty()) {
            return;
        }
        try {
            dispatcher.execute(() -> deliver(event));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closed: events after close() are dropped by design
        }
    }

    /**
     * Runs {@code task} on the dispatch thread after every event published before it, even when
     * nobody listens. Completing public futures this way means a listener of {@code started}
     * runs before the {@code start()} future completes, and user callbacks never run on the
     * supervisor's thread.
     */
    public void runInOrder(Runnable task) {
        try {
            dispatcher.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            task.run(); // after close(): complete on the caller's thread rather than never
        }
    }

    /** Drops all listeners and ends the dispatch thread after the queued events. */
    @Override
    public void close() {
        if (ownThread != null) {
            ownThread.shutdown();
        }
    }


    private void deliver(ServiceEvent event) {
        for (Registration r : registrations) {
            if (r.filter.test(event)) {
                try {
                    r.listener.accept(event);
                } catch (RuntimeException e) {
                    LOG.warn("event listener failed on '{}' event; other listeners still run", event.name(), e);
                }
            }
        }
    }

    private Subscription add(Predicate<ServiceEvent> filter, Consumer<ServiceEvent> listener) {
        Registration r = new Registration(filter, listener);
        registrations.add(r);
        return () -> registrations.remove(r);
    }

    private record Registration(Predicate<ServiceEvent> filter, Consumer<ServiceEvent> listener) {
    }
}
