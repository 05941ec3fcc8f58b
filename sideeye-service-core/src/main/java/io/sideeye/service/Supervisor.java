package io.sideeye.service;

import io.sideeye.service.time.DurationText;
import io.sideeye.service.ServiceEvent.Error;
import io.sideeye.service.event.EventBus;
import io.sideeye.service.health.CheckTarget;
import io.sideeye.service.health.HealthMonitor;
import io.sideeye.service.health.HealthProbe;
import io.sideeye.service.metrics.LatencyWindow;
import io.sideeye.service.restart.RestartPolicy;
import io.sideeye.service.time.Cancellable;
import io.sideeye.service.time.Scheduler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine behind {@link DjangoServiceManager}. Every transition runs on the
 * scheduler's single thread, so no state is shared under a lock; I/O (spawning probes,
 * HTTP) completes elsewhere and posts its result back. Each callback carries the {@link Attempt}
 * it belongs to and is ignored once that attempt is no longer current.
 *
 * <p>The health checks are the {@link HealthMonitor}'s, which runs on this thread too, with one
 * exception: a passing check of a steady service is recorded where it completes (see there), so
 * the snapshot is written under the monitor's lock ({@link HealthMonitor#withLastResult}).
 *
 * <p>The machine's steps live in package-private classes that work on this state, on this
 * thread: {@link Launches} (start to RUNNING or a failed start), {@link Recovery} (exits and
 * automatic restarts), {@link Termination} (the stop sequence) and {@link StatusReporter}
 * (events, output, the snapshot). The lifecycle commands, and both halves of a restart, are here.
 */
final class Supervisor implements HealthMonitor.Owner {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    /** Where each error that points at {@code sideeye doctor} is explained. */
    static final String TROUBLESHOOTING = "docs/TROUBLESHOOTING.md";

    volatile ServiceConfig config;
    final Seams seams;
    final Scheduler scheduler;
    private final EventBus events;
    volatile RestartPolicy policy;
    /** Stops asked for so far (scheduler thread only): see {@link #startUnlessStopAsked}. */
    private long stopsAsked;
    private final LatencyWindow apiLatency = new LatencyWindow(256);
    final Launcher launcher;
    private final ApiCaller api;
    final HealthProbe probe;
    final HealthMonitor health;
    final StatusReporter reporter;
    final Launches launches = new Launches(this);
    final Recovery recovery = new Recovery(this);
    final Termination termination = new Termination(this);
    final Handovers handovers = new Handovers(this);
    private final AtomicBoolean closed = new AtomicBoolean();

    // Confined to the scheduler thread; read and written by Launches, Recovery and Termination too.
    ServiceState state = ServiceState.STOPPED;
    Attempt current;
    int restartAttempts;
    int restartsTotal;
    long runningSinceNanos;
    ExitInfo lastExit;
    String lastError;
    Attempt pendingLaunch;
    CompletableFuture<Boolean> stopping;
    boolean restartsHeld;
    /** A zero-downtime restart under way, or null. */
    Handover handover;
    Cancellable resetTask = Cancellable.NONE;
    Cancellable backoffTask = Cancellable.NONE;

    Supervisor(ServiceConfig config, Seams seams) {
        this.config = config;
        this.seams = seams;
        this.scheduler = seams.scheduler();
        this.events = seams.events();
        this.policy = new RestartPolicy(config.restartDelay(), config.maxRestartDelay(), config.maxRestartAttempts());
        this.reporter = new StatusReporter(config, events, scheduler);
        this.launcher = new Launcher(config, seams, reporter::onOutput);
        this.api = new ApiCaller(this::config, seams, apiLatency, this::healthCheck, reporter::snapshot);
        this.probe = new HealthProbe(this::config, seams.api(), seams.probe(), seams.ports(), seams.blocking(),
                scheduler);
        this.health = new HealthMonitor(this::config, probe, scheduler, seams.loop(), this);
    }

    ServiceConfig config() {
        return config;
    }

    EventBus events() {
        return events;
    }

    // ---------------------------------------------------------------- public operations

    CompletableFuture<Boolean> start() {
        return submit(this::doStart);
    }

    CompletableFuture<Boolean> stop() {
        return submit(this::askStop);
    }

    CompletableFuture<Boolean> restart() {
        return submit(this::doRestart);
    }

    /**
     * A zero-downtime handover where the running backend's port can be shared (see {@link Handover}),
     * else stop, then start. A restart asked for during a handover follows it, unless a stop comes first.
     */
    private void doRestart(CompletableFuture<Boolean> internal) {
        if (handover != null) {
            long stops = stopsAsked;
            handover.finished().whenComplete((v, e) -> scheduler.execute(() -> {
                if (stopsAsked != stops) {
                    internal.complete(false);
                } else {
                    doRestart(internal);
                }
            }));
            return;
        }
        restartAttempts = 0;
        if (state != ServiceState.STOPPED && state != ServiceState.FAILED) {
            publish(new ServiceEvent.Restarting(scheduler.now(), 0, 0));
        }
        if (handovers.begin(internal)) {
            return;
        }
        CompletableFuture<Boolean> stopped = new CompletableFuture<>();
        long stops = stopsAsked;
        doStop(stopped);
        stopped.whenComplete((ok, e) -> scheduler.execute(() -> startUnlessStopAsked(stops, internal)));
    }

    /**
     * Holds automatic restarts until the next start: a stop is coming (a group stops its services
     * one after another), so an exit or a failed health check before it is not a crash to recover
     * from but the stop happening early. Completes with true.
     */
    CompletableFuture<Boolean> holdRestarts() {
        return submit(done -> {
            restartsHeld = true;
            done.complete(true);
        });
    }

    /**
     * A start that was not attempted because something it needs is missing (a dependency in a
     * group failed): reported like a failed start, with an error event and {@code lastError},
     * when the service is not running; completes with false.
     */
    CompletableFuture<Boolean> refuseStart(String message) {
        return submit(done -> {
            if (state == ServiceState.STOPPED || state == ServiceState.FAILED) {
                lastError = message;
                publish(new Error(scheduler.now(), message, null));
                publishSnapshot();
            }
            done.complete(false);
        });
    }

    CompletableFuture<Boolean> healthCheck() {
        return submit(internal -> {
            if (state == ServiceState.RUNNING || state == ServiceState.EXTERNAL) {
                health.checkNow(current, internal::complete);
            } else {
                internal.complete(false);
            }
        });
    }

    /**
     * Applies monitoring, policy and API settings to the running manager; the backend is not
     * touched. Fails with IllegalArgumentException naming any changed setting that defines the
     * process itself.
     */
    CompletableFuture<Boolean> reconfigure(ServiceConfig next) {
        List<String> changed = LiveSettings.changed(config, next);
        List<String> fixed = LiveSettings.notLive(changed);
        if (!fixed.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("changing " + String.join(", ", fixed)
                    + " changes the backend process itself and cannot be applied to a running manager; close this"
                    + " manager and create one with the new configuration"));
        }
        return submit(done -> {
            if (!changed.isEmpty()) {
                config = next;
                policy = new RestartPolicy(next.restartDelay(), next.maxRestartDelay(), next.maxRestartAttempts());
                reporter.resizeLogs(next.logBufferLines());
                if (current != null && (state == ServiceState.RUNNING || state == ServiceState.EXTERNAL)) {
                    health.schedule(current);
                }
                publish(new ServiceEvent.Info(scheduler.now(), "Configuration applied without a restart: "
                        + String.join(", ", changed)));
            }
            done.complete(!changed.isEmpty());
        });
    }

    ServiceStatus status() {
        return reporter.snapshot().toStatus(scheduler.nanoTime(),
                new StatusSnapshot.LatencyFigures(health.latency(), apiLatency.summary()), config.attached(),
                ExternalUrls.isRemote(config.externalUrl()), config.identityChecked(), launcher.restartMode());
    }

    List<LogLine> recentLogs() {
        return reporter.recentLogs();
    }

    CompletableFuture<ApiResponse> apiCall(String endpoint, String method, Object data) {
        return api.call(reporter.snapshot(), endpoint, method, data);
    }

    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        scheduler.execute(() -> askStop(done));
        try {
            done.get(config.shutdownTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Django service '{}' did not stop within {} while closing the manager", config.name(),
                    DurationText.format(config.shutdownTimeout().plusSeconds(5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("stopping the Django service '{}' failed while closing the manager", config.name(), e.getCause());
        }
        scheduler.shutdown();
        events.close();
        reporter.close();
    }

    /**
     * Runs {@code operation} on the supervisor thread with an internal future, and returns a
     * public future completed on the event thread after the events the operation published.
     */
    private CompletableFuture<Boolean> submit(Consumer<CompletableFuture<Boolean>> operation) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        if (closed.get() && operation != (Consumer<CompletableFuture<Boolean>>) this::doStop) {
            result.completeExceptionally(new IllegalStateException("this DjangoServiceManager is closed;"
                    + " create a new one to start the service again"));
            return result;
        }
        CompletableFuture<Boolean> internal = new CompletableFuture<>();
        internal.whenComplete((value, error) -> events.runInOrder(() -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
        }));
        scheduler.execute(() -> operation.accept(internal));
        return result;
    }

    // ---------------------------------------------------------------- start

    private void doStart(CompletableFuture<Boolean> result) {
        restartsHeld = false;
        switch (state) {
            case RUNNING -> {
                publish(new ServiceEvent.Warning(scheduler.now(), "Django service is already running"));
                result.complete(true);
            }
            case EXTERNAL -> result.complete(true);
            case STARTING -> current.outcome.whenComplete((ok, e) -> result.complete(Boolean.TRUE.equals(ok)));
            case STOPPING -> {
                long stops = stopsAsked;
                stopping.whenComplete((ok, e) -> scheduler.execute(() -> startUnlessStopAsked(stops, result)));
            }
            case BACKOFF -> {
                backoffTask.cancel();
                follow(launchAfter(current, new Attempt(false, scheduler.nanoTime())), result);
            }
            case STOPPED, FAILED -> {
                if (closed.get()) {
                    result.complete(false);
                } else if (config.attached()) {
                    startExternal(result);
                } else {
                    restartAttempts = 0;
                    follow(launch(new Attempt(false, scheduler.nanoTime())), result);
                }
            }
        }
    }

    // ---------------------------------------------------------------- health monitor callbacks

    @Override
    public boolean monitoring(CheckTarget target) {
        return target == current && (state == ServiceState.RUNNING || state == ServiceState.EXTERNAL);
    }

    @Override
    public boolean running(CheckTarget target) {
        return target == current && state == ServiceState.RUNNING;
    }

    @Override
    public void passedWhileSteady(HealthCheckResult result) {
        reporter.passedWhileSteady(result);
    }

    @Override
    public void reported() {
        publishSnapshot();
    }

    @Override
    public void failedTooOften(CheckTarget target, HealthCheckResult last, int failures) {
        publish(new ServiceEvent.Warning(scheduler.now(), "Django service failed " + failures
                + " consecutive health checks (last: " + last.error() + "); "
                + (restartsHeld ? "stopping it (a stop is under way)" : "restarting it")));
        recover(current, "health check failures");
    }

    // ---------------------------------------------------------------- the start half of a restart

    /**
     * A start that waited for a stop under way (the second half of a restart, or a start asked for
     * while stopping): dropped, completing with false, when a stop was asked for since, so that the
     * last lifecycle command asked for is the one that holds.
     */
    private void startUnlessStopAsked(long stopsBefore, CompletableFuture<Boolean> result) {
        if (stopsAsked != stopsBefore) {
            result.complete(false);
        } else {
            doStart(result);
        }
    }

    // ---------------------------------------------------------------- stop

    /** A stop asked for by {@code stop()} or {@code close()}: it overrides starts still waiting. */
    private void askStop(CompletableFuture<Boolean> result) {
        stopsAsked++;
        doStop(result);
    }

    private void doStop(CompletableFuture<Boolean> result) {
        switch (state) {
            case STOPPED -> result.complete(true);
            case FAILED, EXTERNAL -> {
                health.cancel();
                state = ServiceState.STOPPED;
                runningSinceNanos = 0;
                publishSnapshot();
                result.complete(true);
            }
            case STOPPING -> stopping.whenComplete((ok, e) -> result.complete(true));
            case STARTING, RUNNING, BACKOFF -> beginStop(result);
        }
    }

    // ---------------------------------------------------------------- steps taken elsewhere

    @Override
    public void publish(ServiceEvent event) {
        reporter.publish(event);
    }

    void publishSnapshot() {
        reporter.publishSnapshot(this);
    }

    private void startExternal(CompletableFuture<Boolean> result) {
        launches.startExternal(result);
    }

    private Attempt launch(Attempt a) {
        return launches.launch(a);
    }

    private Attempt launchAfter(Attempt previous, Attempt next) {
        return launches.launchAfter(previous, next);
    }

    private static void follow(Attempt attempt, CompletableFuture<Boolean> target) {
        Launches.follow(attempt, target);
    }

    private void recover(Attempt a, String reason) {
        recovery.recover(a, reason);
    }

    private void beginStop(CompletableFuture<Boolean> result) {
        termination.beginStop(result);
    }
}
