package io.sideeye.service.event;

import io.sideeye.service.ServiceEvent;
import io.sideeye.service.Subscription;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Delivers events to listeners on one dispatch thread, in publication order. Publishing never
 * blocks and never runs a listener on the publisher's thread (with the real executor); a
 * listener that throws is logged and the others still run.
 */
public final class EventBus implements AutoCloseable {
    /** The seed's wire names, the valid arguments of {@link #on(String, Consumer)}. */
    public static final Set<String> NAMES = Set.of("starting", "started", "stopping", "stopped", "restarting",
            "healthy", "unhealthy", "error", "warning", "info", "stdout", "stderr", "process-exit", "process-error",
            "api-error");

    private final Listeners<ServiceEvent> listeners;

    private EventBus(Listeners<ServiceEvent> listeners) {
        this.listeners = listeners;
    }

    /** A bus with its own dispatch thread, started on demand and ended after a short idle time. */
    public static EventBus withThread(String threadName) {
        return new EventBus(Listeners.withThread(threadName, EventBus::describe));
    }

    /** A bus that dispatches through {@code dispatcher}, which must run tasks one at a time in order. */
    public static EventBus on(Executor dispatcher) {
        return new EventBus(Listeners.on(dispatcher, EventBus::describe));
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
        return listeners.add(e -> e.name().equals(name), listener);
    }

    /** Registers a listener for one event type. */
    public <E extends ServiceEvent> Subscription on(Class<E> type, Consumer<E> listener) {
        return listeners.add(type::isInstance, e -> listener.accept(type.cast(e)));
    }

    /** Registers a listener for every event. */
    public Subscription onAny(Consumer<ServiceEvent> listener) {
        return listeners.add(e -> true, listener);
    }

    /**
     * Registers a relay of every event: it runs on the publisher's thread, in publication order,
     * and must only hand the event on to a dispatch queue of its own without blocking (see
     * {@link Listeners#addRelay}). For the core's own forwarding, never for user listeners.
     */
    public Subscription relayAny(Consumer<ServiceEvent> relay) {
        return listeners.addRelay(e -> true, relay);
    }

    /** Queues {@code event} for delivery to every matching listener. */
    public void publish(ServiceEvent event) {
        listeners.publish(event);
    }

    /**
     * Runs {@code task} on the dispatch thread after every event published before it, even when
     * nobody listens. Completing public futures this way means a listener of {@code started}
     * runs before the {@code start()} future completes, and user callbacks never run on the
     * supervisor's thread.
     */
    public void runInOrder(Runnable task) {
        listeners.runInOrder(task);
    }

    /** A future completed like {@code internal}, in order with the events; see {@link Listeners#completeInOrder}. */
    public <V> CompletableFuture<V> completeInOrder(CompletableFuture<V> internal) {
        return listeners.completeInOrder(internal);
    }

    /** Ends the dispatch thread after the queued events. */
    @Override
    public void close() {
        listeners.close();
    }

    private static String describe(ServiceEvent event) {
        return "'" + event.name() + "' event";
    }
}
