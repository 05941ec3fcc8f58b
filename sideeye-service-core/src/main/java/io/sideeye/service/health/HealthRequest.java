package io.sideeye.service.health;

import io.sideeye.service.http.BackendRequest;
import io.sideeye.service.http.HttpCall;
import java.net.URI;
import java.time.Duration;

/** The health check's request: {@code GET <baseUrl><healthPath>} with the bearer token. */
public final class HealthRequest {
    private HealthRequest() {
    }

    /**
     * The call for one health check.
     *
     * @param baseUrl          e.g. {@code http://127.0.0.1:8000}
     * @param healthPath       e.g. {@code /api/health/} (validated by the configuration)
     * @param token            the per-launch API token, or null (development mode) for none
     * @param timeout          {@code healthCheckTimeout}
     * @param maxResponseBytes {@code maxResponseBytes}
     */
    public static HttpCall build(URI baseUrl, String healthPath, String token, Duration timeout,
                                 long maxResponseBytes) {
        return BackendRequest.of("GET", baseUrl, healthPath, null, token, timeout, maxResponseBytes);
    }
}
