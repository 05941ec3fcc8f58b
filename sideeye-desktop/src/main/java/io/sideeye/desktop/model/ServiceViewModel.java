package io.sideeye.desktop.model;

import io.sideeye.service.SeedStatus;

import io.sideeye.service.HealthCheckResult;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceState;
import io.sideeye.service.ServiceStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The window's state without the toolkit: the status bar, the enabled buttons and the log,
 * driven by the manager's events and status snapshots and by the actions the user starts.
 *
 * <p>The status headline follows the seed's forwarding rules ({@link SeedStatus}), with
 * one addition: a passed health check after an {@code unhealthy} status shows the service as
 * running again (the seed left the window saying "unhealthy" until the next start). Before the
 * first forwarded event, and in development mode where the manager emits none, the headline is
 * derived from the status snapshot.
 *
 * <p>Not thread-safe: the window calls it on its UI thread only (events arrive there through
 * {@link UiEventQueue}).
 */
public final class ServiceViewModel {
    private final BoundedLog log;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private ServiceStatus status;
    private SeedStatus forwarded;
    private ServiceAction busy;
    private boolean quitting;

    /**
     * A view-model starting from {@code initial}, logging into {@code log}.
     *
     * @param initial the manager's status when the window opens
     * @param log     the log the console shows
     */
    public ServiceViewModel(ServiceStatus initial, BoundedLog log) {
        this.status = Objects.requireNonNull(initial, "initial");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Logs every event, applies the forwarding rules, then notifies the listeners once. */
    public void accept(List<ServiceEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<LogEntry> entries = new ArrayList<>(events.size());
        for (ServiceEvent event : events) {
            entries.add(EventDescriptions.of(event));
            SeedStatus.of(event).ifPresent(f -> forwarded = f);
            if (event instanceof ServiceEvent.Healthy && forwarded != null
                    && SeedStatus.UNHEALTHY.equals(forwarded.status())) {
                forwarded = new SeedStatus(SeedStatus.STARTED, null);
            }
        }
        log.append(entries);
        changed();
    }

    /** Takes a new status snapshot (pid, port, uptime, latency, state). */
    public void refresh(ServiceStatus snapshot) {
        this.status = Objects.requireNonNull(snapshot, "snapshot");
        changed();
    }

    /**
     * Marks {@code action} as in flight, when its button is enabled now.
     *
     * @return false (and nothing changes) when the action is not available
     */
    public boolean begin(ServiceAction action) {
        if (!actions().allows(action)) {
            return false;
        }
        // Stop may cancel a start or restart in flight: the stop is what is in flight then.
        busy = action;
        changed();
        return true;
    }

    /** Marks {@code action} as finished; a later action in flight (a stop cancelling it) stays. */
    public void finish(ServiceAction action) {
        if (busy == action) {
            busy = null;
            changed();
        }
    }

    /** Adds a line of the window's own (a failed action, the quit sequence) to the log. */
    public void note(LogKind kind, String text) {
        log.append(List.of(new LogEntry(Instant.now(), kind, text)));
        changed();
    }

    /** The application is quitting: every button is disabled and the headline says so. */
    public void beginQuit() {
        quitting = true;
        changed();
    }

    /** Whether the application is quitting. */
    public boolean quitting() {
        return quitting;
    }

    /** The action in flight, or null. */
    public ServiceAction busy() {
        return busy;
    }

    /** The latest status snapshot. */
    public ServiceStatus status() {
        return status;
    }

    /** The status as the seed's window would have it. */
    public SeedStatus forwardedStatus() {
        return forwarded != null ? forwarded : SeedStatus.of(status);
    }

    /** The enabled buttons. */
    public ActionAvailability actions() {
        return ActionAvailability.of(status.state(), busy, quitting);
    }

    /** The log the console shows. */
    public BoundedLog log() {
        return log;
    }

    /** The status bar's content. */
    public StatusBarView statusBar() {
        SeedStatus f = forwardedStatus();
        String headline;
        StatusTone tone;
        String message = f.error();
        if (quitting) {
            headline = "Quitting";
            tone = StatusTone.BUSY;
            message = status.state().hasProcess() ? "Stopping the backend before the app exits (quit again to force)"
                    : "Backend stopped; closing";
        } else {
            headline = headline(f.status());
            tone = tone(f.status());
        }
        HealthCheckResult last = status.lastHealthCheck();
        boolean external = status.state() == ServiceState.EXTERNAL;
        return new StatusBarView(headline, tone, message, status.state().name(), Formats.number(status.pid()),
                status.port() > 0 ? Integer.toString(status.port()) : Formats.NONE, Formats.uptime(status.uptime()),
                Integer.toString(status.restartsTotal()),
                last != null ? Formats.latency(last.latencyMs()) : Formats.NONE,
                status.url() != null ? status.url() : Formats.NONE, external);
    }

    /** Calls {@code listener} after every change, on the thread that made it. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    private static String headline(String status) {
        return switch (status) {
            case SeedStatus.STARTING -> "Starting";
            case SeedStatus.STARTED -> "Running";
            case SeedStatus.STOPPING -> "Stopping";
            case SeedStatus.STOPPED -> "Stopped";
            case SeedStatus.RESTARTING -> "Restarting";
            case SeedStatus.UNHEALTHY -> "Unhealthy";
            case SeedStatus.ERROR -> "Error";
            default -> status;
        };
    }

    private static StatusTone tone(String status) {
        return switch (status) {
            case SeedStatus.STARTED -> StatusTone.OK;
            case SeedStatus.STOPPED -> StatusTone.IDLE;
            case SeedStatus.UNHEALTHY -> StatusTone.WARNING;
            case SeedStatus.ERROR -> StatusTone.ERROR;
            default -> StatusTone.BUSY;
        };
    }
}
