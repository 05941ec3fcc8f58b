package io.sideeye.control.ipc;

import io.sideeye.control.sse.SseHub;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.Subscription;

/**
 * The manager the routes act on (possibly none), and the event subscription that feeds the
 * streams. Replacing the manager moves the subscription and tells every stream the new status.
 */
public final class ManagerSlot implements AutoCloseable {
    private final SseHub hub;
    private final EventForwarder forwarder;
    private DjangoServiceManager manager;
    private Subscription subscription;

    ManagerSlot(SseHub hub, EventForwarder forwarder) {
        this.hub = hub;
        this.forwarder = forwarder;
    }

    /** The attached manager, or null. */
    public synchronized DjangoServiceManager get() {
        return manager;
    }

    /** Attaches {@code next} (null detaches) and publishes its current status. */
    public void attach(DjangoServiceManager next) {
        synchronized (this) {
            if (next == manager) {
                return;
            }
            if (subscription != null) {
                subscription.close();
            }
            manager = next;
            subscription = next == null ? null : next.onAny(forwarder);
        }
        hub.publish(EventForwarder.statusFrame(currentStatus(next)));
    }

    static com.fasterxml.jackson.databind.node.ObjectNode currentStatus(DjangoServiceManager m) {
        return m == null ? SeedStatus.notInitialized() : SeedStatus.of(m.getStatus());
    }

    /** Stops listening to the manager (which keeps running). */
    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }
}
