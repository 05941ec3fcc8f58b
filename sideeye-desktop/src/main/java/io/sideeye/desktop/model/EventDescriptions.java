package io.sideeye.desktop.model;

import io.sideeye.service.ServiceEvent;

/** Every manager event as one readable log line, so the log tells the whole story. */
public final class EventDescriptions {
    private EventDescriptions() {
    }

    /** The log line of {@code event}. */
    public static LogEntry of(ServiceEvent event) {
        return new LogEntry(event.timestamp(), kindOf(event), textOf(event));
    }

    private static LogKind kindOf(ServiceEvent event) {
        if (event instanceof ServiceEvent.Stdout) {
            return LogKind.STDOUT;
        } else if (event instanceof ServiceEvent.Stderr) {
            return LogKind.STDERR;
        } else if (event instanceof ServiceEvent.Error || event instanceof ServiceEvent.ProcessError
                || event instanceof ServiceEvent.ApiError) {
            return LogKind.ERROR;
        } else if (event instanceof ServiceEvent.Warning || event instanceof ServiceEvent.Unhealthy) {
            return LogKind.WARNING;
        }
        return LogKind.EVENT;
    }

    private static String textOf(ServiceEvent event) {
        if (event instanceof ServiceEvent.Stdout e) {
            return e.line();
        } else if (event instanceof ServiceEvent.Stderr e) {
            return e.line();
        } else if (event instanceof ServiceEvent.Starting) {
            return "Starting the backend";
        } else if (event instanceof ServiceEvent.Started e) {
            return "Backend running: pid " + e.pid() + ", port " + e.port() + ", ready in " + e.startupMs() + " ms";
        } else if (event instanceof ServiceEvent.Stopping) {
            return "Stopping the backend";
        } else if (event instanceof ServiceEvent.Stopped) {
            return "Backend stopped";
        } else if (event instanceof ServiceEvent.Restarting e) {
            return e.attempt() == 0 ? "Restarting the backend"
                    : "Restarting the backend in " + e.delayMs() + " ms (attempt " + e.attempt() + ")";
        } else if (event instanceof ServiceEvent.Healthy e) {
            return "Health check passed: HTTP " + e.status() + " in " + Formats.latency(e.latencyMs());
        } else if (event instanceof ServiceEvent.Unhealthy e) {
            return "Health check failed: " + (e.error() != null ? e.error() : "HTTP " + e.status())
                    + " after " + Formats.latency(e.latencyMs());
        } else if (event instanceof ServiceEvent.Error e) {
            return withCause("Error: " + e.message(), e.cause());
        } else if (event instanceof ServiceEvent.Warning e) {
            return "Warning: " + e.message();
        } else if (event instanceof ServiceEvent.Info e) {
            return e.message();
        } else if (event instanceof ServiceEvent.ProcessExit e) {
            return e.signal() != null ? "Process ended by " + e.signal() + " (exit code " + e.code() + ")"
                    : "Process exited with code " + e.code();
        } else if (event instanceof ServiceEvent.ProcessError e) {
            return withCause("Process error: " + e.message(), e.cause());
        } else if (event instanceof ServiceEvent.ApiError e) {
            return "API call failed: " + e.method() + " " + e.endpoint() + ": " + e.error();
        }
        return event.name();
    }

    private static String withCause(String text, String cause) {
        return cause == null || cause.isBlank() ? text : text + System.lineSeparator() + cause.strip();
    }
}
