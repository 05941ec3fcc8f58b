package io.sideeye.service;

import java.util.Objects;
import java.util.Optional;

/**
 * The payload the seed's main process sent to its window on the {@code django-service-status}
 * channel, used by every front end that forwards status (control server, desktop shell) so they
 * forward alike: {@code status} is one of {@code starting, started, stopping, stopped, restarting,
 * unhealthy, error}, and {@code error} is set only for {@code unhealthy} and {@code error}.
 *
 * <p>The seed's forwarding rules, kept exactly:
 * <ul>
 *   <li>{@code starting}, {@code started}, {@code stopping}, {@code stopped}, {@code restarting}
 *       are forwarded by name, without an error;</li>
 *   <li>{@code unhealthy} is forwarded with the check's error, or {@code HTTP <status>} when the
 *       check got an answer without an error text;</li>
 *   <li>{@code error} is forwarded with the error's message;</li>
 *   <li>every other event (output lines, healthy, info, process-exit, ...) is not forwarded as a
 *       status; it only reaches the log.</li>
 * </ul>
 *
 * @param status the seed's status word
 * @param error  the error text, or null
 */
public record SeedStatus(String status, String error) {
    /** {@code starting}. */
    public static final String STARTING = "starting";
    /** {@code started}. */
    public static final String STARTED = "started";
    /** {@code stopping}. */
    public static final String STOPPING = "stopping";
    /** {@code stopped}. */
    public static final String STOPPED = "stopped";
    /** {@code restarting}. */
    public static final String RESTARTING = "restarting";
    /** {@code unhealthy}. */
    public static final String UNHEALTHY = "unhealthy";
    /** {@code error}. */
    public static final String ERROR = "error";

    /** Requires a status word. */
    public SeedStatus {
        Objects.requireNonNull(status, "status");
    }

    /** The forwarded form of {@code event}, or empty for the events the seed did not forward. */
    public static Optional<SeedStatus> of(ServiceEvent event) {
        if (event instanceof ServiceEvent.Starting) {
            return Optional.of(new SeedStatus(STARTING, null));
        } else if (event instanceof ServiceEvent.Started) {
            return Optional.of(new SeedStatus(STARTED, null));
        } else if (event instanceof ServiceEvent.Stopping) {
            return Optional.of(new SeedStatus(STOPPING, null));
        } else if (event instanceof ServiceEvent.Stopped) {
            return Optional.of(new SeedStatus(STOPPED, null));
        } else if (event instanceof ServiceEvent.Restarting) {
            return Optional.of(new SeedStatus(RESTARTING, null));
        } else if (event instanceof ServiceEvent.Unhealthy u) {
            return Optional.of(new SeedStatus(UNHEALTHY, u.error() != null ? u.error() : "HTTP " + u.status()));
        } else if (event instanceof ServiceEvent.Error e) {
            return Optional.of(new SeedStatus(ERROR, e.message()));
        }
        return Optional.empty();
    }

    /**
     * The current state said in the same words, for a window that opens after the events were
     * sent (and for development mode, where no lifecycle events are emitted).
     */
    public static SeedStatus of(ServiceStatus status) {
        HealthCheckResult last = status.lastHealthCheck();
        boolean lastFailed = last != null && !last.healthy();
        return switch (status.state()) {
            case STARTING -> new SeedStatus(STARTING, null);
            case STOPPING -> new SeedStatus(STOPPING, null);
            case BACKOFF -> new SeedStatus(RESTARTING, null);
            case FAILED -> new SeedStatus(ERROR,
                    status.lastError() != null ? status.lastError() : "Max restart attempts reached");
            case RUNNING, EXTERNAL -> lastFailed
                    ? new SeedStatus(UNHEALTHY, last.error() != null ? last.error() : "HTTP " + last.status())
                    : new SeedStatus(status.isRunning() || last != null ? STARTED : STARTING, null);
            case STOPPED -> new SeedStatus(STOPPED, null);
        };
    }
}
