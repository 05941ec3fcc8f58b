package io.sideeye.control.ipc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.service.SeedStatus;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceJson;
import io.sideeye.service.ServiceStatus;

/**
 * The JSON of the seed's {@code django-service-status} channel, {@code {"status": ..., "error": ...}},
 * tagged with the service and instance it describes; the forwarding rules themselves are
 * {@link SeedStatus}'s.
 */
final class StatusPayload {
    static final String NOT_INITIALIZED = "Django service manager not initialized";

    private StatusPayload() {
    }

    /** The forwarded form of {@code event}, or null for events the seed did not forward. */
    static ObjectNode of(ServiceEvent event, String service, int instance) {
        return SeedStatus.of(event).map(s -> node(s, service, instance)).orElse(null);
    }

    /** The current state in the same vocabulary, sent first to every new subscriber. */
    static ObjectNode of(ServiceStatus status, String service, int instance) {
        return node(SeedStatus.of(status), service, instance);
    }

    /** What a subscriber sees while nothing is attached (no service to tag it with). */
    static ObjectNode notInitialized() {
        return node(new SeedStatus(SeedStatus.STOPPED, NOT_INITIALIZED), null, 0);
    }

    private static ObjectNode node(SeedStatus seed, String service, int instance) {
        ObjectNode n = ServiceJson.object();
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
