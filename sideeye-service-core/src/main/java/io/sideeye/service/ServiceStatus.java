package io.sideeye.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A snapshot of the service. Its JSON form (see {@link ServiceJson}) keeps the seed's keys
 * ({@code isRunning}, {@code isStarting}, {@code isStopping}, {@code restartAttempts},
 * {@code lastHealthCheck}, {@code pid}, {@code uptime}) and adds the rest.
 *
 * @param isRunning       true in RUNNING (and EXTERNAL once healthy)
 * @param isStarting      true in STARTING
 * @param isStopping      true in STOPPING
 * @param restartAttempts automatic restarts since the service last stayed up for {@code restartResetAfter}
 * @param lastHealthCheck the latest health check, or null before the first one
 * @param pid             the child's process id, or null when there is none
 * @param uptime          milliseconds since the service became RUNNING; 0 when not running
 * @param state           the lifecycle state
 * @param url             the base URL of the backend, e.g. {@code http://127.0.0.1:8000}, or an external
 *                        service's URL with its path prefix
 * @param port            the port the backend listens on (the chosen one when configured as 0)
 * @param restartsTotal   automatic restarts since this manager was created
 * @param lastExit        how the previous process ended, or null
 * @param lastError       the last error message (e.g. why a start failed), or null
 * @param healthLatency   rolling p50/p95 of health-check latencies
 * @param apiLatency      rolling p50/p95 of API-call latencies
 * @param external        true when the service runs elsewhere and is only monitored (attach or development mode)
 * @param remote          true when that external service is on another machine (a non-loopback host)
 * @param identityChecked true when every health answer must carry the instance id the manager gave the backend
 *                        (a spawned backend with the sideeye health contract); false with {@code health: tcp},
 *                        {@code process}, {@code healthStatus}/{@code healthBodyContains} and attached services,
 *                        where another server holding the port would pass the checks
 * @param restartMode     how a restart replaces the backend: {@code zero-downtime (<how the port is shared>)}, the new
 *                        generation started and healthy before the old one stops; or
 *                        {@code stop-then-start (<why the port cannot be shared>)}, the port refusing connections
 *                        for the backend's start time; null before the first start and for an external service
 */
@JsonPropertyOrder({"isRunning", "isStarting", "isStopping", "restartAttempts", "lastHealthCheck", "pid",
        "uptime", "state", "url", "port", "restartsTotal", "lastExit", "lastError", "healthLatency", "apiLatency", "external", "remote",
        "identityChecked", "restartMode"})
public record ServiceStatus(
        @JsonProperty("isRunning") boolean isRunning,
        @JsonProperty("isStarting") boolean isStarting,
        @JsonProperty("isStopping") boolean isStopping,
        int restartAttempts,
        HealthCheckResult lastHealthCheck,
        Long pid,
        long uptime,
        ServiceState state,
        String url,
        int port,
        int restartsTotal,
        ExitInfo lastExit,
        String lastError,
        LatencySummary healthLatency,
        LatencySummary apiLatency,
        boolean external,
        boolean remote,
        boolean identityChecked,
        String restartMode) {
}
