package io.sideeye.service;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Runs a Django (or any Python HTTP) backend as a child process and keeps it alive: start with
 * readiness detection, health monitoring, automatic restart with exponential backoff, graceful
 * shutdown of the whole process tree, events, and a client for the backend's API.
 *
 * <pre>{@code
 * try (DjangoServiceManager manager = DjangoServiceManager.builder()
 *         .projectDir(Path.of("backend"))
 *         .port(0)                                  // pick a free port
 *         .build()) {
 *     manager.on("started", e -> System.out.println("backend up: " + manager.getStatus().url()));
 *     if (manager.start().join()) {
 *         ApiResponse notes = manager.apiCall("/notes/").join();
 *     }
 * }
 * }</pre>
 *
 * <p>All methods are thread-safe. Lifecycle requests are serialized: concurrent {@link #start()}
 * calls share one start, {@link #stop()} during a start cancels it cleanly. Futures never
 * complete on the caller's thread while it holds the manager; events are delivered on one event
 * thread in order (see {@link ServiceEvent} for the ordering contract).
 */
public final class DjangoServiceManager implements AutoCloseable {

    private final Supervisor supervisor;

    DjangoServiceManager(Supervisor supervisor) {
        this.supervisor = supervisor;
    }

    /** A builder with the documented defaults. */
    public static ServiceBuilder builder() {
        return new ServiceBuilder();
    }

    /** A manager for an already validated configuration (e.g. one read from a file). */
    public static DjangoServiceManager create(ServiceConfig config) {
        return new DjangoServiceManager(new Supervisor(config, Seams.system(config)));
    }

    /** The configuration this manager runs. */
    public ServiceConfig config() {
        return supervisor.config();
    }

    /**
     * Starts the backend. Completes with true once it answered its health endpoint (with
     * {@link HealthMode#PROCESS}: once it was spawned and is alive; in attach or development mode:
     * at once, nothing is spawned; or when already running), with false when the start failed;
     * the {@code error} event and {@link ServiceStatus#lastError()} say why.
     */
    public CompletableFuture<Boolean> start() {
        return supervisor.start();
    }

    /**
     * Stops the backend: SIGTERM to the whole process tree, SIGKILL to survivors after
     * {@code shutdownTimeout}. Completes with true once no process of the tree is left. In attach
     * or development mode only the monitoring stops; the external service is never touched.
     */
    public CompletableFuture<Boolean> stop() {
        return supervisor.stop();
    }

    /**
     * Replaces the backend; the restart attempt counter is reset. Where the running backend's
     * server can share its port ({@link ServiceBuilder#zeroDowntimeRestart(boolean)}, on by
     * default; {@link ServiceStatus#restartMode()} says whether it can), a new generation is
     * started beside it on the same port, checked on a private port of its own, and made the
     * current backend once healthy; then the old one gets SIGTERM and finishes its requests in
     * flight within {@code shutdownTimeout}. The service stays RUNNING throughout, and the
     * future completes with true once the old generation is gone, or with false when the new
     * one failed (the old one keeps serving; {@link ServiceStatus#lastError()} says why).
     * Otherwise it stops, then starts, and completes like {@link #start()}. Either way it
     * completes with false when a {@link #stop()} asked for meanwhile has the last word; a
     * restart asked for during a handover follows it.
     */
    public CompletableFuture<Boolean> restart() {
        return supervisor.restart();
    }

    /** Holds automatic restarts until the next start (see {@link Supervisor#holdRestarts()}). */
    CompletableFuture<Boolean> holdRestarts() {
        return supervisor.holdRestarts();
    }

    /** Reports a start that was not attempted (see {@link Supervisor#refuseStart(String)}). */
    CompletableFuture<Boolean> refuseStart(String message) {
        return supervisor.refuseStart(message);
    }

    /**
     * Performs one health check now; completes with false when not running or unhealthy. With
     * {@link HealthMode#PROCESS} the check is whether the process is alive.
     */
    public CompletableFuture<Boolean> healthCheck() {
        return supervisor.healthCheck();
    }

    /**
     * Applies a changed configuration without restarting the backend. Only settings that do not
     * define the process may differ from {@link #config()}: {@code healthCheckInterval},
     * {@code healthCheckTimeout}, {@code unhealthyThreshold}, {@code maxRestartAttempts},
     * {@code restartDelay}, {@code maxRestartDelay}, {@code restartResetAfter},
     * {@code startupTimeout}, {@code shutdownTimeout}, {@code apiTimeout}, {@code healthPath},
     * {@code apiBasePath}, {@code logBufferLines}, {@code maxResponseBytes} and {@code apiToken}. The next health
     * check follows the new interval; timers already running keep their old duration.
     *
     * @return completes with true when something changed (an {@code info} event lists what),
     *         false when {@code next} equals the current configuration; fails with
     *         {@link IllegalArgumentException} naming any other changed setting (command, port,
     *         python, environment, ...), which needs a new manager
     */
    public CompletableFuture<Boolean> reconfigure(ServiceConfig next) {
        return supervisor.reconfigure(java.util.Objects.requireNonNull(next, "next"));
    }

    /** A consistent snapshot of the service's state. */
    public ServiceStatus getStatus() {
        return supervisor.status();
    }

    /** The most recent output lines of the child (bounded by {@code logBufferLines}), oldest first. */
    public List<LogLine> recentLogs() {
        return supervisor.recentLogs();
    }

    /** {@code GET} of {@code endpoint}; see {@link #apiCall(String, String, Object)}. */
    public CompletableFuture<ApiResponse> apiCall(String endpoint) {
        return apiCall(endpoint, "GET", null);
    }

    /**
     * Calls the backend's API at {@code baseUrl + apiBasePath + endpoint} with the per-launch
     * bearer token. {@code data} (any Jackson-serialisable value) is sent as a JSON body.
     *
     * <p>The future fails with {@link IllegalArgumentException} for an endpoint that is not a
     * relative path (scheme, host, {@code ..}, {@code #}, whitespace, CR/LF) or an unknown
     * method, and with {@link ServiceNotRunningException} when the service is not running
     * (except in attach and development mode, where calls always go to the external URL with
     * the configured {@code apiToken}). Network failures never fail it: they give
     * {@code success=false}, an {@code api-error} event and, for a refused connection or a
     * timeout, an immediate health check.
     *
     * <p>The call is handed to a pool thread, unless a thread that waits for the future (or a
     * stage made from it) with {@code get()}, {@code join()} or a {@code get} whose wait reaches
     * past {@code apiTimeout} gets there first: that thread then makes the call itself, as a
     * blocking HTTP call would, and dependent stages complete on it. Interrupting such a thread
     * ends the call ({@code get()} throws {@link InterruptedException}, {@code join()} returns
     * {@code success=false} and the thread keeps its interrupt status); cancelling or completing
     * the future it waits for ends the call too. Stages never run on the HTTP client's own threads.
     */
    public CompletableFuture<ApiResponse> apiCall(String endpoint, String method, Object data) {
        return supervisor.apiCall(endpoint, method, data);
    }

    /**
     * Listens to events by the seed's wire name ({@code started}, {@code process-exit}, ...);
     * {@code "*"} receives every event.
     *
     * @throws IllegalArgumentException for a name that is not an event name
     */
    public Subscription on(String eventName, Consumer<ServiceEvent> listener) {
        return supervisor.events().on(eventName, listener);
    }

    /** Listens to one event type, e.g. {@code on(ServiceEvent.Started.class, e -> ...)}. */
    public <E extends ServiceEvent> Subscription on(Class<E> type, Consumer<E> listener) {
        return supervisor.events().on(type, listener);
    }

    /** Listens to every event. */
    public Subscription onAny(Consumer<ServiceEvent> listener) {
        return supervisor.events().onAny(listener);
    }

    /**
     * Hands every event to {@code relay} on the thread that publishes it, in publication order
     * (see {@code Listeners.addRelay}): for a group, whose relay only
     * queues the event for its own event thread, so that this manager's event thread is not woken
     * just to pass it on.
     */
    Subscription relayEvents(Consumer<ServiceEvent> relay) {
        return supervisor.events().relayAny(relay);
    }

    /**
     * Stops the backend (waiting at most {@code shutdownTimeout} plus a short grace) and releases
     * every thread and connection of this manager. Idempotent.
     */
    @Override
    public void close() {
        supervisor.close();
    }

    @Override
    public String toString() {
        ServiceStatus s = getStatus();
        return "DjangoServiceManager[" + s.state() + " " + s.url() + "]";
    }
}
