package io.sideeye.service.event;

import io.sideeye.service.Subscription;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listeners of one kind of event, called on one dispatch thread in publication order.
 * Publishing never blocks and never runs a listener on the publisher's thread (with the real
 * executor); a listener that throws is logged and the others still run.
 *
 * <p>The one exception is a {@linkplain #addRelay relay}: an internal listener that only hands
 * each event on to a dispatch queue of its own (another {@code Listeners}), which it does on the
 * publisher's thread, in publication order, so that an event only relayed wakes no dispatch
 * thread here.
 *
 * @param <T> the event type
 */
public final class Listeners<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<Registration<T>> registrations = new CopyOnWriteArrayList<>();
    private final List<Registration<T>> relays = new CopyOnWriteArrayList<>();
    /** Orders the relays' hand-offs and the dispatch queue's alike when publishers race. */
    private final Object order = new Object();
    private final Executor dispatcher;
    private final ThreadPoolExecutor ownThread;
    private final Function<T, String> describe;
    private boolean closed; // guarded by order: a relay hands on nothing after close()

    private Listeners(Executor dispatcher, ThreadPoolExecutor ownThread, Function<T, String> describe) {
        this.dispatcher = dispatcher;
        this.ownThread = ownThread;
        this.describe = describe;
    }

    /**
     * Listeners served by their own dispatch thread, started on demand and ended after a short idle time.
     *
     * @param describe names an event in the log line of a listener that threw
     */
    public static <T> Listeners<T> withThread(String threadName, Function<T, String> describe) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, threadName);
                    t.setDaemon(true);
                    return t;
                });
        return new Listeners<>(executor, executor, describe);
    }

    /** Listeners served through {@code dispatcher}, which must run tasks one at a time in order. */
    public static <T> Listeners<T> on(Executor dispatcher, Function<T, String> describe) {
        return new Listeners<>(dispatcher, null, describe);
    }

    /** Registers {@code listener} for the events {@code filter} accepts; closing the subscription removes it. */
    public Subscription add(Predicate<? super T> filter, Consumer<? super T> listener) {
        Registration<T> r = new Registration<>(filter, listener);
        registrations.add(r);
        return () -> registrations.remove(r);
    }

    /**
     * Registers a relay for the events {@code filter} accepts: {@code relay} runs on the
     * publisher's thread, in publication order with the events queued for the other listeners,
     * and must do nothing but hand the event on without blocking (e.g. to another
     * {@code Listeners}' {@link #publish}). Closing the subscription removes it.
     */
    public Subscription addRelay(Predicate<? super T> filter, Consumer<? super T> relay) {
        Registration<T> r = new Registration<>(filter, relay);
        relays.add(r);
        return () -> relays.remove(r);
    }

    /** Whether nobody listens (relays included). */
    public boolean isEmpty() {
        return registrations.isEmpty() && relays.isEmpty();
    }

    /**
     * Queues {@code event} for delivery to every matching listener; dropped when no listener
     * accepts it (so an event nobody listens to, such as an output line, wakes no thread) or
     * after close.
     */
    public void publish(T event) {
        if (relays.isEmpty()) {
            queue(event);
            return;
        }
        synchronized (order) {
            if (closed) {
                return;
            }
            deliver(relays, event);
            queue(event);
        }
    }

    private void queue(T event) {
        if (!accepted(event)) {
            return;
        }
        try {
            dispatcher.execute(() -> deliver(registrations, event));
        } catch (RejectedExecutionException closed) {
            // closed: events after close() are dropped by design
        }
    }

    /**
     * Runs {@code task} on the dispatch thread after every event published before it, even when
     * nobody listens; after {@link #close()} it runs on the caller's thread rather than never.
     */
    public void runInOrder(Runnable task) {
        try {
            dispatcher.execute(task);
        } catch (RejectedExecutionException closed) {
            task.run();
        }
    }

    /**
     * A future completed like {@code internal}, on the dispatch thread (see {@link #runInOrder}),
     * after every event published before {@code internal} completed: so a listener of an event
     * that an operation caused runs before the caller learns that the operation completed.
     */
    public <V> CompletableFuture<V> completeInOrder(CompletableFuture<V> internal) {
        CompletableFuture<V> result = new CompletableFuture<>();
        internal.whenComplete((value, error) -> runInOrder(() -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
        }));
        return result;
    }

    /** Ends the own dispatch thread after the queued events. */
    @Override
    public void close() {
        synchronized (order) {
            closed = true;
        }
        if (ownThread != null) {
            ownThread.shutdown();
        }
    }

    private boolean accepted(T event) {
        for (Registration<T> r : registrations) {
            if (r.filter.test(event)) {
                return true;
            }
        }
        return false;
    }

    private void deliver(List<Registration<T>> to, T event) {
        for (Registration<T> r : to) {
            if (r.filter.test(event)) {
                try {
                    r.listener.accept(event);
                } catch (RuntimeException e) {
                    LOG.warn("event listener failed on {}; other listeners still run", describe.apply(event), e);
                }
            }
        }
    }

    /**
     * One registration, equal only to itself: closing a subscription removes exactly its own, even
     * where the same listener was added twice (and no record's method-handle-linked {@code equals}
     * is run for it).
     */
    private static final class Registration<T> {
        final Predicate<? super T> filter;
        final Consumer<? super T> listener;

        Registration(Predicate<? super T> filter, Consumer<? super T> listener) {
            this.filter = filter;
            this.listener = listener;
        }
    }
}
