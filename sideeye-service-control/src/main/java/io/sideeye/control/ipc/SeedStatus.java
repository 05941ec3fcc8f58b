package io.sideeye.control.ipc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceJson;
import io.sideeye.service.ServiceStatus;

/**
 * The JSON of the seed's {@code django-service-status} channel, {@code {"status": ..., "error": ...}},
 * tagged with the service and instance it describes; the forwarding rules themselves are
 * {@link io.sideeye.service.SeedStatus}'s.
 */
final class SeedStatus {
    static final String NOT_INITIALIZED = "Django service manager not initialized";

    private SeedStatus() {
    }

    /** The forwarded form of {@code event}, or null for events the seed did not forward. */
    static ObjectNode of(ServiceEvent event, String service, int instance) {
        return io.sideeye.service.SeedStatus.of(event).map(s -> node(s, service, instance)).orElse(null);
    }

    /** The current state in the same vocabulary, sent first to every new subscriber. */
    static ObjectNode of(ServiceStatus status, String service, int instance) {
        return node(io.sideeye.service.SeedStatus.of(status), service, instance);
    }

    /** What a subscriber sees while nothing is attached (no service to tag it with). */
    static ObjectNode notInitialized() {
        return node(new io.sideeye.service.SeedStatus(io.sideeye.service.SeedStatus.STOPPED, NOT_INITIALIZED),
                null, 0);
    }

    private static ObjectNode node(io.sideeye.service.SeedStatus seed, String service, int instance) {
        ObjectNode n = ServiceJson.mapper().createObjectNode();
        n.put("status", seed.status());
        if (seed.error() != null) {
            n.put("error", seed.error());
        }
        if (service != null) {
            n.put("service", service);
            n.put("instance", instance);
        }
        return n;
    }
}
