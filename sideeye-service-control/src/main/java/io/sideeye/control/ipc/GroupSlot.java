package io.sideeye.control.ipc;

import io.sideeye.control.sse.SseHub;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceGroup;
import io.sideeye.service.Subscription;
import java.util.List;

/**
 * The group the routes act on (possibly none), and the event subscription that feeds the
 * streams. Replacing the group moves the subscription and tells every stream the new services
 * and their statuses; attaching the group already attached only tells them again (its
 * subscription already covers instances a {@link ServiceGroup#replace} put in). A group the
 * slot made around a single manager is the slot's own: it is
 * closed (which leaves the manager running) when replaced or when the server closes; a group
 * handed in by the caller is never closed here.
 */
public final class GroupSlot implements AutoCloseable {
    private final SseHub hub;
    private final EventForwarder forwarder;
    private ServiceGroup group;
    private boolean owned;
    private Subscription subscription;

    GroupSlot(SseHub hub, EventForwarder forwarder) {
        this.hub = hub;
        this.forwarder = forwarder;
    }

    /** The attached group, or null. */
    public synchronized ServiceGroup get() {
        return group;
    }

    /**
     * Attaches the caller's {@code next} (null detaches) and publishes its services and statuses
     * to the open streams; with {@code next} already attached, only publishes them again. With no
     * stream open nothing is made (a stream starts with the current frames).
     */
    public void attach(ServiceGroup next) {
        replace(next, false);
    }

    /**
     * Attaches a one-service group around {@code manager} (null detaches), named as the manager's
     * configuration names it ({@code web} unless set); attaching the manager already attached
     * changes nothing.
     */
    public void attach(DjangoServiceManager manager) {
        synchronized (this) {
            if (manager != null && owned && group.instances(group.defaultService()).get(0) == manager) {
                return;
            }
        }
        replace(manager == null ? null : ServiceGroup.of(serviceName(manager), manager), manager != null);
    }

    private void replace(ServiceGroup next, boolean ownsNext) {
        ServiceGroup released;
        synchronized (this) {
            released = next == group ? null : swap(next, ownsNext);
        }
        if (released != null) {
            released.close();
        }
        if (hub.subscriberCount() > 0) { // a stream opened after this look starts with next's frames anyway
            StreamFrames.current(next, hub::publish);
        }
    }

    /** Moves the subscription to {@code next} (under the lock); returns the slot's own group it let go, or null. */
    private ServiceGroup swap(ServiceGroup next, boolean ownsNext) {
        if (subscription != null) {
            subscription.close();
        }
        ServiceGroup released = owned ? group : null;
        group = next;
        owned = ownsNext;
        subscription = next == null ? null : next.onAny(forwarder);
        return released;
    }

    /** The frames a new subscriber to {@code only} (null: every service) starts with. */
    List<byte[]> currentFrames(String only) {
        return StreamFrames.current(get(), only);
    }

    /** A manager's service name: its configured name without a replica suffix ({@code worker#2}). */
    private static String serviceName(DjangoServiceManager manager) {
        String name = manager.config().name();
        int hash = name.indexOf('#');
        return hash < 0 ? name : name.substring(0, hash);
    }

    /** Stops listening to the group (which keeps running) and releases a group made here. */
    @Override
    public void close() {
        ServiceGroup released;
        synchronized (this) {
            if (subscription != null) {
                subscription.close();
                subscription = null;
            }
            released = owned ? group : null;
            owned = false;
        }
        if (released != null) {
            released.close();
        }
    }
}
