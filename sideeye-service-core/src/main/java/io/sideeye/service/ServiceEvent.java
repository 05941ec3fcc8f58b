package io.sideeye.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.sideeye.service.http.Quoting;
import java.time.Instant;

/**
 * Everything a {@link DjangoServiceManager} reports. Each event is a record carrying the seed's
 * wire {@link #name()} and its own fields.
 *
 * <p>Ordering contract: listeners are called on one event thread, in the order the events
 * happened, never while the manager holds a lock. Every {@code starting} is followed by
 * exactly one {@code started} or {@code error} for that attempt; every {@code stopping} by a
 * {@code stopped}; {@code process-exit} precedes the {@code stopped} or {@code restarting} it
 * causes. A listener that throws is logged and does not affect the manager or other listeners.
 */
public sealed interface ServiceEvent {

    /**
     * {@code text} (a line the child printed, or a message quoting it) made safe to print on a
     * terminal: control characters (ESC, BEL, CR, LF, C1 codes, ...) escaped Java-style, the
     * way error messages quote what a backend sent, so the child cannot move the cursor,
     * recolour or retitle the terminal, or hide text. Printable text is returned as is.
     */
    static String printable(String text) {
        return Quoting.sanitize(text, Integer.MAX_VALUE);
    }

    /** The seed's wire name, e.g. {@code started} or {@code process-exit}. */
    @JsonIgnore
    String name();

    /** When the event happened. */
    Instant timestamp();

    /** A process is being started (first start or restart). */
    record Starting(Instant timestamp) implements ServiceEvent {
        @Override public String name() { return "starting"; }
    }

    /**
     * The backend answered its health endpoint for the first time after a start.
     *
     * @param pid       the child's process id
     * @param port      the port it serves on
     * @param startupMs milliseconds from {@code starting} to the first healthy answer
     */
    record Started(Instant timestamp, long pid, int port, long startupMs) implements ServiceEvent {
        @Override public String name() { return "started"; }
    }

    /** A graceful stop has begun. */
    record Stopping(Instant timestamp) implements ServiceEvent {
        @Override public String name() { return "stopping"; }
    }

    /** The process tree is gone and nothing more is scheduled. */
    record Stopped(Instant timestamp) implements ServiceEvent {
        @Override public String name() { return "stopped"; }
    }

    /**
     * A restart was decided: automatic (with the attempt number and backoff delay) or requested.
     *
     * @param attempt the automatic attempt number (1-based), or 0 for a requested restart
     * @param delayMs the backoff delay before the new process is spawned
     */
    record Restarting(Instant timestamp, int attempt, long delayMs) implements ServiceEvent {
        @Override public String name() { return "restarting"; }
    }

    /** A health check passed. */
    record Healthy(Instant timestamp, int status, String error, double latencyMs) implements ServiceEvent {
        @Override public String name() { return "healthy"; }
    }

    /** A health check failed; {@code error} says why ({@code HTTP 500}, {@code connection refused}, ...). */
    record Unhealthy(Instant timestamp, int status, String error, double latencyMs) implements ServiceEvent {
        @Override public String name() { return "unhealthy"; }
    }

    /** Something failed; {@code cause} holds extra evidence such as the child's last stderr lines. */
    record Error(Instant timestamp, String message, String cause) implements ServiceEvent {
        @Override public String name() { return "error"; }
    }

    /** Something unexpected that the manager handled. */
    record Warning(Instant timestamp, String message) implements ServiceEvent {
        @Override public String name() { return "warning"; }
    }

    /** Informational message. */
    record Info(Instant timestamp, String message) implements ServiceEvent {
        @Override public String name() { return "info"; }
    }

    /** One line the child wrote to its standard output. */
    record Stdout(Instant timestamp, String line) implements ServiceEvent {
        @Override public String name() { return "stdout"; }
    }

    /** One line the child wrote to its standard error. */
    record Stderr(Instant timestamp, String line) implements ServiceEvent {
        @Override public String name() { return "stderr"; }
    }

    /**
     * The child process ended.
     *
     * @param code   its exit code
     * @param signal the signal that ended it (e.g. {@code SIGTERM}), or null
     */
    record ProcessExit(Instant timestamp, int code, String signal) implements ServiceEvent {
        @Override public String name() { return "process-exit"; }
    }

    /** The child process could not be spawned or controlled. */
    record ProcessError(Instant timestamp, String message, String cause) implements ServiceEvent {
        @Override public String name() { return "process-error"; }
    }

    /** An API call failed without an answer (or with a server error). */
    record ApiError(Instant timestamp, String endpoint, String method, String error) implements ServiceEvent {
        @Override public String name() { return "api-error"; }
    }
}
