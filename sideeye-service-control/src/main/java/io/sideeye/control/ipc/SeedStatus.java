package io.sideeye.control.ipc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceJson;
import io.sideeye.service.ServiceStatus;

/**
 * The JSON of the seed's {@code django-service-status} channel, {@code {"status": ..., "error": ...}};
 * the forwarding rules themselves are {@link io.sideeye.service.SeedStatus}'s.
 */
final class SeedStatus {
    static final String NOT_INITIALIZED = "Django service manager not initialized";

    private SeedStatus() {
    }

    /** The forwarded form of {@code event}, or null for events the seed did not forward. */
    static ObjectNode of(ServiceEvent event) {
        return io.sideeye.service.SeedStatus.of(event).map(SeedStatus::node).orElse(null);
    }

    /** The current state in the same vocabulary, sent first to every new subscriber. */
    static ObjectNode of(ServiceStatus status) {
        return node(io.sideeye.service.SeedStatus.of(status));
    }

    /** What a subscriber sees while no manager is attached. */
    static ObjectNode notInitialized() {
        return node(new io.sideeye.service.SeedStatus(io.sideeye.service.SeedStatus.STOPPED, NOT_INITIALIZED));
    }

    private static ObjectNode node(io.sideeye.service.SeedStatus seed) {
        ObjectNode n = ServiceJson.mapper().createObjectNode();
        n.put("status", seed.status());
        if (seed.error() != null) {
            n.put("error", seed.error());
        }
        return n;
    }
}
