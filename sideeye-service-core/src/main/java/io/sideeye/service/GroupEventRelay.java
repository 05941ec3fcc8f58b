package io.sideeye.service;

import io.sideeye.service.event.Listeners;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The event side of a {@link ServiceGroup}: passes every instance's events on to the group's
 * listeners, tagged with service and instance, on the group's one event thread, and completes the
 * group's futures on that thread after the events they caused. The events are handed on where
 * each instance publishes them, in its publication order, not from the instance's own event
 * thread, so an event of an instance that nobody else listens to wakes one thread, not two.
 */
final class GroupEventRelay {
    private final Listeners<GroupEvent> listeners;
    private final Map<String, List<Subscription>> forwarders = new ConcurrentHashMap<>();

    private GroupEventRelay(Listeners<GroupEvent> listeners) {
        this.listeners = listeners;
    }

    /** A relay with its own event thread. */
    static GroupEventRelay withThread() {
        return new GroupEventRelay(Listeners.withThread("sideeye-group-events",
                e -> "'" + e.event().name() + "' event of " + e.service() + "#" + e.instance()));
    }

    /** A relay dispatching through {@code dispatcher}, which runs tasks one at a time in order. */
    static GroupEventRelay on(Executor dispatcher) {
        return new GroupEventRelay(Listeners.on(dispatcher, e -> "'" + e.event().name() + "' event"));
    }

    /** Registers a listener of every event of every instance. */
    Subscription add(Consumer<GroupEvent> listener) {
        return listeners.add(e -> true, listener);
    }

    /** Passes the events of {@code member}'s instances on to the group's listeners, tagged. */
    void forward(GroupMember member) {
        List<Subscription> subscriptions = new ArrayList<>();
        for (int i = 0; i < member.managers().size(); i++) {
            String service = member.name();
            int instance = i + 1;
            // relayed on the publisher's thread: only the group's event thread wakes for an event
            subscriptions.add(member.managers().get(i).relayEvents(
                    e -> listeners.publish(new GroupEvent(service, instance, e))));
        }
        forwarders.put(member.name(), subscriptions);
    }

    /** After a replacement: the new instances' events flow, the old instances are let go. */
    void swap(GroupMember old, GroupMember next) {
        forwarders.get(old.name()).forEach(Subscription::close);
        forward(next);
        retire(old);
    }

    /** Closes {@code member}'s managers on a thread of their own: closing waits for their stop. */
    static void retire(GroupMember member) {
        Thread closer = new Thread(() -> member.managers().forEach(DjangoServiceManager::close),
                "sideeye-group-retire-" + member.name());
        closer.setDaemon(true);
        closer.start();
    }

    /**
     * A future completed like {@code internal}, on the event thread, after the events published
     * before {@code internal} completed were delivered.
     */
    CompletableFuture<Boolean> inOrder(CompletableFuture<Boolean> internal) {
        return listeners.completeInOrder(internal);
    }

    /** Stops passing the instances' events on. */
    void stopForwarding() {
        forwarders.values().forEach(list -> list.forEach(Subscription::close));
    }

    /** Releases the event thread. */
    void close() {
        listeners.close();
    }
}
