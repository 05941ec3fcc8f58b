package io.sideeye.desktop.model;

import io.sideeye.service.ServiceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Carries the manager's events onto the UI thread. Events are queued from any thread and
 * handed over in batches, in order, by one task on the UI thread at a time, so a backend that
 * floods its output costs one UI task per batch rather than one per line.
 *
 * <p>Until a window is {@linkplain #attach attached}, and after it is {@linkplain #detach
 * detached}, events are dropped: an event that arrives when no window exists (the seed's
 * {@code mainWindow?.webContents.send}) is lost harmlessly instead of touching a closed window.
 */
public final class UiEventQueue implements Consumer<ServiceEvent> {
    private static final int MAX_BATCH = 2_000;

    private final Executor uiThread;
    private final ConcurrentLinkedQueue<ServiceEvent> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile Consumer<List<ServiceEvent>> window;

    /** A queue that runs its deliveries through {@code uiThread} (e.g. {@code Platform::runLater}). */
    public UiEventQueue(Executor uiThread) {
        this.uiThread = Objects.requireNonNull(uiThread, "uiThread");
    }

    /** Delivers the events from now on to {@code window}, on the UI thread. */
    public void attach(Consumer<List<ServiceEvent>> window) {
        this.window = Objects.requireNonNull(window, "window");
    }

    /** Stops delivering: queued and later events are dropped. */
    public void detach() {
        window = null;
        pending.clear();
    }

    /** Queues {@code event} for the window; drops it when no window is attached. Any thread. */
    @Override
    public void accept(ServiceEvent event) {
        if (window == null) {
            return;
        }
        pending.add(event);
        if (drainScheduled.compareAndSet(false, true)) {
            uiThread.execute(this::drain);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        List<ServiceEvent> batch = new ArrayList<>();
        ServiceEvent event;
        while (batch.size() < MAX_BATCH && (event = pending.poll()) != null) {
            batch.add(event);
        }
        if (!pending.isEmpty() && drainScheduled.compareAndSet(false, true)) {
            uiThread.execute(this::drain); // let the UI breathe between large batches
        }
        Consumer<List<ServiceEvent>> target = window;
        if (target != null && !batch.isEmpty()) {
            target.accept(batch);
        }
    }
}
