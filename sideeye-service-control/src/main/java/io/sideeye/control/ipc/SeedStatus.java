package io.sideeye.control.ipc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.service.HealthCheckResult;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceJson;
import io.sideeye.service.ServiceStatus;

/**
 * The payload of the seed's {@code django-service-status} channel: {@code {"status": ..., "error": ...}}
 * with {@code status} one of {@code starting, started, stopping, stopped, restarting, unhealthy,
 * error}, and {@code error} present only for {@code unhealthy} and {@code error}.
 */
final class SeedStatus {
    static final String NOT_INITIALIZED = "Django service manager not initialized";

    private SeedStatus() {
    }

    /** The forwarded form of {@code event}, or null for events the seed did not forward. */
    static ObjectNode of(ServiceEvent event) {
        if (event instanceof ServiceEvent.Starting) {
            return node("starting", null);
        } else if (event instanceof ServiceEvent.Started) {
            return node("started", null);
        } else if (event instanceof ServiceEvent.Stopping) {
            return node("stopping", null);
        } else if (event instanceof ServiceEvent.Stopped) {
            return node("stopped", null);
        } else if (event instanceof ServiceEvent.Restarting) {
            return node("restarting", null);
        } else if (event instanceof ServiceEvent.Unhealthy u) {
            return node("unhealthy", u.error() != null ? u.error() : "HTTP " + u.status());
        } else if (event instanceof ServiceEvent.Error e) {
            return node("error", e.message());
        }
        return null;
    }

    /** The current state in the same vocabulary, sent first to every new subscriber. */
    static ObjectNode of(ServiceStatus status) {
        HealthCheckResult last = status.lastHealthCheck();
        boolean lastFailed = last != null && !last.healthy();
        switch (status.state()) {
            case STARTING:
                return node("starting", null);
            case STOPPING:
                return node("stopping", null);
            case BACKOFF:
                return node("restarting", null);
            case FAILED:
                return node("error", status.lastError() != null ? status.lastError() : "Max restart attempts reached");
            case RUNNING:
            case EXTERNAL:
                if (lastFailed) {
                    return node("unhealthy", last.error() != null ? last.error() : "HTTP " + last.status());
                }
                return node(status.isRunning() || last != null ? "started" : "starting", null);
            case STOPPED:
            default:
                return node("stopped", null);
        }
    }

    /** What a subscriber sees while no manager is attached. */
    static ObjectNode notInitialized() {
        return node("stopped", NOT_INITIALIZED);
    }

    private static ObjectNode node(String status, String error) {
        ObjectNode n = ServiceJson.mapper().createObjectNode();
        n.put("status", status);
        if (error != null) {
            n.put("error", error);
        }
        return n;
    }
}
