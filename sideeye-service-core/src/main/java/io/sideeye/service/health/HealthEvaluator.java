package io.sideeye.service.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.service.HealthCheckResult;
import io.sideeye.service.ServiceJson;
import io.sideeye.service.http.HttpReply;
import java.time.Instant;
import java.util.Set;

/** Placeholder until implemented: decides whether a health answer means healthy. */
public final class HealthEvaluator {
    private static final Set<String> HEALTHY = Set.of("healthy", "pass", "ok", "up");

    private HealthEvaluator() {
    }

    public static HealthCheckResult evaluate(HttpReply reply, String expectedInstance, Instant timestamp) {
        double ms = reply.elapsedNanos() / 1e6;
        if (reply.status() < 200 || reply.status() > 299) {
            return new HealthCheckResult(timestamp, false, reply.status(), "HTTP " + reply.status(), ms);
        }
        try {
            JsonNode body = ServiceJson.mapper().readTree(reply.body());
            if (body != null && body.hasNonNull("status")
                    && !HEALTHY.contains(body.get("status").asText().toLowerCase(java.util.Locale.ROOT))) {
                return new HealthCheckResult(timestamp, false, reply.status(), "unexpected status", ms);
            }
            if (expectedInstance != null && body != null && body.hasNonNull("instance")
                    && !expectedInstance.equals(body.get("instance").asText())) {
                return new HealthCheckResult(timestamp, false, reply.status(), "instance is not ours", ms);
            }
        } catch (java.io.IOException e) {
            return new HealthCheckResult(timestamp, false, reply.status(), "malformed health JSON", ms);
        }
        return new HealthCheckResult(timestamp, true, reply.status(), null, ms);
    }

    public static HealthCheckResult failure(Throwable error, Instant timestamp, double latencyMs) {
        Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return new HealthCheckResult(timestamp, false, 0, e.getMessage(), latencyMs);
    }
}
