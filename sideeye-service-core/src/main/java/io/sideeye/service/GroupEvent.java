package io.sideeye.service;

import java.util.Objects;

/**
 * An event of one instance of a {@link ServiceGroup}'s service, tagged with where it came from.
 * A group delivers every event of every instance on its own event thread, in order per instance
 * (the order contract of {@link ServiceEvent} holds per instance), plus the group's own
 * {@link ServiceEvent.Error} events for services a failed dependency kept from starting.
 *
 * @param service  the service's name, e.g. {@code worker}
 * @param instance the 1-based instance number (always 1 for a service with one instance)
 * @param event    the event itself
 */
public record GroupEvent(String service, int instance, ServiceEvent event) {
    /** Requires a service, an instance of at least 1 and an event. */
    public GroupEvent {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(event, "event");
        if (instance < 1) {
            throw new IllegalArgumentException("instance " + instance + " is not 1-based");
        }
    }
}
