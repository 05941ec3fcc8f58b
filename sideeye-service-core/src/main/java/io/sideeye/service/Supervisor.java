package io.sideeye.service;

import io.sideeye.service.ServiceEvent.Error;
import io.sideeye.service.event.EventBus;
import io.sideeye.service.health.HealthEvaluator;
import io.sideeye.service.health.HealthRequest;
import io.sideeye.service.health.ReadinessPolls;
import io.sideeye.service.health.ReadinessSchedule;
import io.sideeye.service.health.TcpCheck;
import io.sideeye.service.health.WrongEndpoint;
import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.HttpReply;
import io.sideeye.service.http.ProbeLoop;
import io.sideeye.service.metrics.LatencyWindow;
import io.sideeye.service.process.ChildProcess;
import io.sideeye.service.process.ExitStatus;
import io.sideeye.service.process.LaunchRefusedException;
import io.sideeye.service.process.LaunchSpec;
import io.sideeye.service.process.LogBuffer;
import io.sideeye.service.process.LogFile;
import io.sideeye.service.restart.RestartPolicy;
import io.sideeye.service.time.Cancellable;
import io.sideeye.service.time.Scheduler;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
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
 * <p>One exception, for what costs most at scale: a periodic health check that passes while the
 * service is steady (running, the previous check passed) changes no state, only what the status
 * reports. Its completion records it (last result, latency, {@code healthy} event, snapshot) and
 * times the next check where it runs, without a hand-off to this thread, under
 * {@code healthLock}; every transition that ends the checks takes the same lock first, so no
 * {@code healthy} event follows it. Any other outcome goes to this thread as before.
 */
final class Supervisor {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final int STDERR_TAIL_LINES = 12;
    private static final long HEALTH_BODY_CAP = 1 << 20;
    /** A periodic check may start up to its interval divided by this early, to share a wake-up. */
    private static final int COALESCE_DIVISOR = 20;
    /** ... and at most this many milliseconds early. */
    private static final long MAX_COALESCE_MS = 50;
    /** Where each error that points at {@code sideeye doctor} is explained. */
    static final String TROUBLESHOOTING = "docs/TROUBLESHOOTING.md";

    private volatile ServiceConfig config;
    private final Seams seams;
    private final Scheduler scheduler;
    private final EventBus events;
    private volatile RestartPolicy policy;
    private final LogBuffer logs;
    /** Every output line, written before it is published; null when {@code logFile} is not set. */
    /** Stops asked for so far (scheduler thread only): see {@link #startUnlessStopAsked}. */
    private long stopsAsked;
    private final LogFile logFile;
    private final LatencyWindow healthLatency = new LatencyWindow(256);
    private final LatencyWindow apiLatency = new LatencyWindow(256);
    private final Launcher launcher;
    private final ApiCaller api;
    private final AtomicBoolean closed = new AtomicBoolean();

    // Confined to the scheduler thread.
    private ServiceState state = ServiceState.STOPPED;
    private Attempt current;
    private int restartAttempts;
    private int restartsTotal;
    private int consecutiveFailures;
    private long runningSinceNanos;
    private ExitInfo lastExit;
    private String lastError;
    private Attempt pendingLaunch;
    private CompletableFuture<Boolean> stopping;
    private boolean restartsHeld;
    /** A zero-downtime restart under way, or null. */
    private Handover handover;
    private Cancellable healthTask = Cancellable.NONE;

    /** Guards what both this thread and a steady check's completion write (see the class comment). */
    private final Object healthLock = new Object();
    // Guarded by healthLock.
    private HealthCheckResult lastHealth;
    private HealthChecks checks;
    private boolean steady;
    private Cancellable resetTask = Cancellable.NONE;
    private Cancellable backoffTask = Cancellable.NONE;
    private Cancellable killTask = Cancellable.NONE;

    private volatile StatusSnapshot snapshot; // written under healthLock

    Supervisor(ServiceConfig config, Seams seams) {
        this.config = config;
        this.seams = seams;
        this.scheduler = seams.scheduler();
        this.events = seams.events();
        this.policy = new RestartPolicy(config.restartDelay(), config.maxRestartDelay(), config.maxRestartAttempts());
        this.logs = new LogBuffer(config.logBufferLines());
        this.logFile = config.logFile() == null ? null
                : new LogFile(LogFile.resolve(config.logFile(), config.name()), config.logMaxSize(), config.logMaxFiles());
        this.launcher = new Launcher(config, seams, this::onOutput);
        this.api = new ApiCaller(this::config, seams, apiLatency, this::healthCheck, () -> snapshot);
        this.snapshot = StatusSnapshot.initial(config);
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
        io.sideeye.service.process.PortSharing sharing = launcher.sharing();
        if (state == ServiceState.RUNNING && !config.attached() && current.childAlive() && sharing != null
                && sharing.supported()) { // else the status's restartMode says why not
            handover = new Handover(config, seams, launcher, handoverHost(), current, internal);
            handover.begin();
            return;
        }
        CompletableFuture<Boolean> stopped = new CompletableFuture<>();
        long stops = stopsAsked;
        doStop(stopped);
        stopped.whenComplete((ok, e) -> scheduler.execute(() -> startUnlessStopAsked(stops, internal)));
    }

    /** What a {@link Handover} does to this supervisor's state. */
    private Handover.Host handoverHost() {
        return new Handover.Host() {
            @Override
            public void exited(Attempt generation, ExitStatus exit) {
                onExit(generation, exit);
            }

            @Override
            public void promote(Attempt next, HealthCheckResult healthy) {
                cancelHealth();
                resetTask.cancel();
                next.child.captureTree();
                current = next;
                launcher.record(next);
                consecutiveFailures = 0;
                recordHealth(healthy);
                runningSinceNanos = scheduler.nanoTime();
                publish(new ServiceEvent.Started(scheduler.now(), next.child.pid(), next.port,
                        (runningSinceNanos - next.startNanos) / 1_000_000));
                scheduleHealth(next);
                holdPortOnCrash(next);
                publishSnapshot();
            }

            @Override
            public void failed(String message, String cause) {
                lastError = message;
                publish(new Error(scheduler.now(), message, cause != null ? cause : stderrTail()));
                publishSnapshot();
            }

            @Override
            public void publish(ServiceEvent event) {
                Supervisor.this.publish(event);
            }

            @Override
            public void ended(Handover h) {
                if (handover == h) {
                    handover = null;
                }
            }
        };
    }

    /**
     * From the moment the running launch's process dies unexpectedly (not when its output is drained,
     * which the supervisor waits for), a standby listener holds its port where it is shared.
     */
    private void holdPortOnCrash(Attempt a) {
        int port = a.port;
        a.child.onProcessExit().thenRun(() -> {
            launcher.holdPort(port, () -> !a.exitExpected);
        });
    }

    /** Ends a handover under way (a stop, or the old generation failed); see {@link Handover#abort()}. */
    private CompletableFuture<Void> abortHandover() {
        return handover == null ? CompletableFuture.completedFuture(null) : handover.abort();
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
                check(current, false, internal::complete);
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
                logs.resize(next.logBufferLines());
                if (current != null && (state == ServiceState.RUNNING || state == ServiceState.EXTERNAL)) {
                    scheduleHealth(current);
                }
                publish(new ServiceEvent.Info(scheduler.now(), "Configuration applied without a restart: "
                        + String.join(", ", changed)));
            }
            done.complete(!changed.isEmpty());
        });
    }

    ServiceStatus status() {
        return snapshot.toStatus(scheduler.nanoTime(),
                new StatusSnapshot.LatencyFigures(healthLatency.summary(), apiLatency.summary()), config.attached(),
                ExternalUrls.isRemote(config.externalUrl()), config.identityChecked(), launcher.restartMode());
    }

    List<LogLine> recentLogs() {
        return logs.snapshot();
    }

    CompletableFuture<ApiResponse> apiCall(String endpoint, String method, Object data) {
        return api.call(snapshot, endpoint, method, data);
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
                    ServiceConfig.format(config.shutdownTimeout().plusSeconds(5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("stopping the Django service '{}' failed while closing the manager", config.name(), e.getCause());
        }
        scheduler.shutdown();
        events.close();
        if (logFile != null) {
            logFile.close();
        }
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

    /** Attach mode (and development mode): nothing is spawned; the service is only monitored. */
    private void startExternal(CompletableFuture<Boolean> result) {
        Attempt a = new Attempt(false, scheduler.nanoTime());
        a.port = StatusSnapshot.servicePort(config);
        current = a;
        state = ServiceState.EXTERNAL;
        runningSinceNanos = scheduler.nanoTime();
        lastError = null;
        publish(new ServiceEvent.Info(scheduler.now(), config.dev()
                ? "Development mode: Django service managed externally"
                : "Attached to external service at " + config.external()));
        scheduleHealth(a);
        publishSnapshot();
        result.complete(true);
    }

    /**
     * Launches {@code next} now, or as soon as the previous attempt's process is gone (its port
     * freed). Whoever waits on the previous attempt's outcome learns the new one's.
     */
    private Attempt launchAfter(Attempt previous, Attempt next) {
        follow(next, previous.outcome);
        if (previous.childAlive()) {
            pendingLaunch = next;
            return next;
        }
        return launch(next);
    }

    private static void follow(Attempt attempt, CompletableFuture<Boolean> target) {
        attempt.outcome.whenComplete((ok, e) -> target.complete(Boolean.TRUE.equals(ok)));
    }

    private Attempt launch(Attempt a) {
        current = a;
        state = ServiceState.STARTING;
        consecutiveFailures = 0;
        lastError = null;
        publish(new ServiceEvent.Starting(scheduler.now()));
        publishSnapshot();
        launcher.prepare(snapshot.port()).whenComplete((prepared, error) -> scheduler.execute(() -> {
            if (a != current || state != ServiceState.STARTING) {
                return; // cancelled while preparing
            }
            if (error != null) {
                failStart(a, Launcher.messageOf(error), null);
            } else {
                spawn(a, prepared);
            }
        }));
        return a;
    }

    private void spawn(Attempt a, Launcher.Prepared prepared) {
        a.port = prepared.port();
        a.privatePort = prepared.privatePort();
        LaunchSpec spec = launcher.spec(prepared, a.instanceId, a.token);
        try {
            a.child = seams.launcher().launch(spec);
        } catch (LaunchRefusedException e) {
            refused(a, e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            String message = "Could not start the Django service: " + e.getMessage();
            publish(new ServiceEvent.ProcessError(scheduler.now(), message, prepared.command().description()));
            failStart(a, message, null);
            return;
        }
        a.spawnNanos = scheduler.nanoTime();
        launcher.record(a);
        a.child.onExit().whenComplete((exit, e) -> scheduler.execute(() -> onExit(a, exit)));
        if (config.healthMode() == HealthMode.PROCESS) {
            if (a.child.isAlive()) {
                becomeRunning(a, processHealth(a)); // alive is healthy
            } // else onExit reports the early exit with its code and stderr
            publishSnapshot();
            return;
        }
        if (!config.identityChecked() && config.healthMode() != HealthMode.PROCESS) {
            publish(new ServiceEvent.Warning(scheduler.now(), (config.healthMode() == HealthMode.TCP ? "health: tcp"
                    : "healthStatus/healthBodyContains") + " cannot tell this backend from another server holding"
                    + " port " + a.port + " (there is no instance id to compare); such a server would pass the"
                    + " health checks"));
        }
        a.readiness = scheduler.schedule(ReadinessSchedule.FLOOR, () -> pollReadiness(a));
        a.startupTimeout = scheduler.schedule(config.startupTimeout(), () -> onStartupTimeout(a));
        publishSnapshot();
    }

    private void pollReadiness(Attempt a) {
        if (a != current || state != ServiceState.STARTING) {
            return;
        }
        long t0 = scheduler.nanoTime();
        if (config.healthMode() == HealthMode.TCP) {
            tcpCheck(a).whenComplete((result, e) -> scheduler.execute(() -> onReadiness(a, result, null, t0)));
            return;
        }
        send(healthCall(a)).whenComplete((reply, error) -> scheduler.execute(() -> {
            if (a == current && state == ServiceState.STARTING) {
                onReadiness(a, evaluate(a, reply, error, t0), reply, t0);
            }
        }));
    }

    /**
     * A readiness answer: running when healthy; else the next poll, sooner while nothing answers,
     * and failing the start once the answers have said for {@link ReadinessSchedule#WRONG_ANSWER_WINDOW}
     * that the health URL itself is wrong (see {@link WrongEndpoint}).
     */
    private void onReadiness(Attempt a, HealthCheckResult result, HttpReply reply, long t0) {
        if (a != current || state != ServiceState.STARTING) {
            return;
        }
        a.lastProbe = result;
        if (result.healthy()) {
            becomeRunning(a, result);
            return;
        }
        ReadinessPolls.Next next = a.polls.afterUnhealthy(reply, config.identityChecked(), config.healthStatus(), t0,
                Duration.ofNanos(scheduler.nanoTime() - a.spawnNanos));
        if (next.failure() != null) {
            failStart(a, "Django service at " + snapshot.baseUrl() + " answered every check of " + config.healthPath()
                    + " for " + ServiceConfig.format(ReadinessSchedule.WRONG_ANSWER_WINDOW) + " with " + next.failure()
                    + ", so it will not become healthy: " + WrongEndpoint.remedy(next.status(), config.identityChecked())
                    + ". `sideeye doctor` checks the health path; see " + TROUBLESHOOTING
                    + "#the-health-url-answers-404-401-403-a-redirect-or-html", stderrTail());
            return;
        }
        a.readiness = scheduler.schedule(next.delay(), () -> pollReadiness(a));
    }

    /** A {@link HealthMode#TCP} check of the attempt's port. */
    private CompletableFuture<HealthCheckResult> tcpCheck(Attempt a) {
        return TcpCheck.run(seams.ports(), config.connectHost(), a.port, config.healthCheckTimeout(), seams.blocking(),
                scheduler);
    }

    private void becomeRunning(Attempt a, HealthCheckResult result) {
        a.cancelStartupTimers();
        a.child.captureTree(); // whoever answered is in the tree now: never orphan it
        state = ServiceState.RUNNING;
        runningSinceNanos = scheduler.nanoTime();
        recordHealth(result);
        long startupMs = (runningSinceNanos - a.startNanos) / 1_000_000;
        publish(new ServiceEvent.Started(scheduler.now(), a.child.pid(), a.port, startupMs));
        holdPortOnCrash(a);
        int relayed = launcher.releasePort();
        if (relayed > 0) {
            publish(new ServiceEvent.Info(scheduler.now(), relayed + " connection(s) that arrived while the backend was"
                    + " replaced waited and were relayed to it"));
        }
        if (restartAttempts > 0) {
            resetTask = scheduler.schedule(config.restartResetAfter(), () -> {
                if (a == current && state == ServiceState.RUNNING) {
                    restartAttempts = 0;
                    publishSnapshot();
                }
            });
        }
        scheduleHealth(a);
        publishSnapshot();
        a.outcome.complete(true);
    }

    private void onStartupTimeout(Attempt a) {
        if (a != current || state != ServiceState.STARTING) {
            return;
        }
        String where = config.healthMode() == HealthMode.TCP ? " on port " + a.port
                : " at " + snapshot.baseUrl() + config.healthPath();
        failStart(a, "Django service did not become healthy within " + ServiceConfig.format(config.startupTimeout())
                + where + " (last check: " + describe(a.lastProbe) + "); raise startupTimeout if it is just slow,"
                + " or run `sideeye doctor` (see " + TROUBLESHOOTING + "#the-backend-does-not-become-healthy)",
                stderrTail());
    }

    /**
     * The JVM is shutting down and the launcher refused to spawn: this attempt ends STOPPED, and
     * nothing retries (shutdown is final).
     */
    private void refused(Attempt a, String message) {
        a.cancelStartupTimers();
        lastError = message;
        state = ServiceState.STOPPED;
        publish(new ServiceEvent.Warning(scheduler.now(), message));
        publishSnapshot();
        a.outcome.complete(false);
    }

    /** A start that will not reach RUNNING: report it, end its process, then retry or settle. */
    private void failStart(Attempt a, String message, String cause) {
        a.cancelStartupTimers();
        lastError = message;
        publish(new Error(scheduler.now(), message, cause));
        if (a.childAlive()) {
            state = ServiceState.BACKOFF; // the process is being removed; nothing is served
            terminate(a);
        }
        publishSnapshot();
        afterFailedStart(a);
    }

    private void afterFailedStart(Attempt a) {
        if (a.childAlive()) {
            return; // continued by onExit once the tree is gone
        }
        if (a.automatic && !restartsHeld) {
            scheduleRestart(a, "failed restart");
        } else {
            launcher.dropPort();
            state = ServiceState.STOPPED;
            publishSnapshot();
            a.outcome.complete(false);
        }
    }

    // ---------------------------------------------------------------- health

    /**
     * Times the next periodic check, {@code healthCheckInterval} after the start of the last one;
     * checks over HTTP run as a {@link HealthChecks} chain (see the class comment).
     */
    private void scheduleHealth(Attempt a) {
        cancelHealth();
        long interval = config.healthCheckInterval().toNanos();
        long next = a.lastCheckNanos == 0 ? scheduler.nanoTime() + interval : a.lastCheckNanos + interval;
        if (config.healthMode() == HealthMode.HTTP) {
            HealthChecks chain = new HealthChecks(a, healthCall(a));
            synchronized (healthLock) {
                checks = chain;
                steady = consecutiveFailures == 0 && lastHealth != null && lastHealth.healthy();
            }
            chain.next(next);
            return;
        }
        Duration delay = Duration.ofNanos(Math.max(0, next - scheduler.nanoTime()));
        healthTask = scheduler.schedule(delay, () -> {
            if (a == current && (state == ServiceState.RUNNING || state == ServiceState.EXTERNAL)) {
                check(a, true, healthy -> { });
            }
        });
    }

    /** Ends the periodic checks; a check still in flight is ignored when it completes. */
    private void cancelHealth() {
        healthTask.cancel();
        synchronized (healthLock) {
            if (checks != null) {
                checks.cancel();
                checks = null;
            }
            steady = false;
        }
    }

    /**
     * Sends {@code call} between {@code earliest} and {@code due}: through the probe loop when
     * there is one and the call suits it (coalesced with other managers' checks: up to a
     * twentieth of the interval, at most {@value #MAX_COALESCE_MS} ms, early); else at {@code due}
     * through the scheduler and the transport.
     */
    private Cancellable sendAt(long due, HttpCall call, ProbeLoop.Answer answer) {
        ProbeLoop loop = seams.loop();
        if (loop != null && ProbeLoop.accepts(call)) {
            long window = Math.min(config.healthCheckInterval().toNanos() / COALESCE_DIVISOR,
                    TimeUnit.MILLISECONDS.toNanos(MAX_COALESCE_MS));
            return loop.sendBetween(due - window, due, call, answer);
        }
        Duration delay = Duration.ofNanos(Math.max(0, due - scheduler.nanoTime()));
        return scheduler.schedule(delay, () -> {
            long t0 = scheduler.nanoTime();
            send(call).whenComplete((reply, error) -> answer.answered(t0, reply, error));
        });
    }

    /**
     * The periodic checks of one attempt, each timed from the start of the previous one. A
     * passing check of a steady service is recorded by its completion, on whatever thread that
     * runs; any other outcome is posted to the supervisor thread, which is then the one to time
     * the next check.
     */
    private final class HealthChecks {
        private final Attempt a;
        private final HttpCall call;
        private boolean cancelled; // guarded by healthLock
        private Cancellable pending = Cancellable.NONE; // guarded by healthLock

        HealthChecks(Attempt a, HttpCall call) {
            this.a = a;
            this.call = call;
        }

        /** Times the next check for {@code due}; any thread. */
        void next(long due) {
            Cancellable p = sendAt(due, call, this::answered);
            synchronized (healthLock) {
                if (cancelled) {
                    p.cancel();
                } else {
                    pending = p;
                }
            }
        }

        /** Under healthLock. */
        void cancel() {
            cancelled = true;
            pending.cancel();
        }

        private void answered(long t0, HttpReply reply, Throwable error) {
            HealthCheckResult result;
            try {
                result = evaluate(a, reply, error, t0);
            } catch (RuntimeException e) { // never end the chain silently: a failed check goes on
                result = HealthEvaluator.failure(e, scheduler.now(), scheduler.nanoTime() - t0);
            }
            synchronized (healthLock) {
                if (cancelled) {
                    return;
                }
                a.lastCheckNanos = t0;
                if (!steady || !result.healthy()) {
                    steady = false; // until the supervisor has dealt with this one
                } else {
                    lastHealth = result;
                    healthLatency.record(result.latencyMs());
                    snapshot = snapshot.withLastHealth(result);
                    publish(new ServiceEvent.Healthy(result.timestamp(), result.status(), null, result.latencyMs()));
                    result = null;
                }
            }
            if (result == null) {
                next(t0 + config.healthCheckInterval().toNanos());
                return;
            }
            HealthCheckResult outcome = result;
            scheduler.execute(() -> {
                if (!cancelled && a == current && (state == ServiceState.RUNNING || state == ServiceState.EXTERNAL)) {
                    onChecked(a, outcome, true, healthy -> { });
                }
            });
        }
    }

    /** One health check of a running (or external) service; {@code periodic} ones reschedule. */
    private void check(Attempt a, boolean periodic, Consumer<Boolean> done) {
        long t0 = scheduler.nanoTime();
        if (periodic) {
            a.lastCheckNanos = t0;
        }
        if (config.healthMode() == HealthMode.PROCESS && state == ServiceState.RUNNING) {
            onChecked(a, processHealth(a), periodic, done);
            return;
        }
        if (config.healthMode() == HealthMode.TCP && state == ServiceState.RUNNING) {
            tcpCheck(a).whenComplete((result, e) -> scheduler.execute(() -> {
                if (a != current || state != ServiceState.RUNNING) {
                    done.accept(false);
                } else {
                    onChecked(a, result, periodic, done);
                }
            }));
            return;
        }
        send(healthCall(a)).whenComplete((reply, error) -> scheduler.execute(() -> {
            if (a != current || (state != ServiceState.RUNNING && state != ServiceState.EXTERNAL)) {
                done.accept(false);
                return;
            }
            onChecked(a, evaluate(a, reply, error, t0), periodic, done);
        }));
    }

    /** Records a check's result, reports it, and restarts a managed child after too many failures. */
    private void onChecked(Attempt a, HealthCheckResult result, boolean periodic, Consumer<Boolean> done) {
        recordHealth(result);
        if (result.healthy()) {
            consecutiveFailures = 0;
            publish(new ServiceEvent.Healthy(result.timestamp(), result.status(), null, result.latencyMs()));
        } else {
            consecutiveFailures++;
            synchronized (healthLock) {
                steady = false; // the next passing check resets the count, here
            }
            publish(new ServiceEvent.Unhealthy(result.timestamp(), result.status(), result.error(),
                    result.latencyMs()));
        }
        publishSnapshot();
        done.accept(result.healthy());
        if (state == ServiceState.RUNNING && consecutiveFailures >= config.unhealthyThreshold()) {
            publish(new ServiceEvent.Warning(scheduler.now(), "Django service failed " + consecutiveFailures
                    + " consecutive health checks (last: " + result.error() + "); "
                    + (restartsHeld ? "stopping it (a stop is under way)" : "restarting it")));
            recover(a, "health check failures");
        } else if (periodic) {
            scheduleHealth(a);
        }
    }

    /** {@link HealthMode#PROCESS}: the check is whether the process is alive. */
    private HealthCheckResult processHealth(Attempt a) {
        boolean alive = a.childAlive() && a.child.isAlive();
        return new HealthCheckResult(scheduler.now(), alive, 0,
                alive ? null : "process " + a.child.pid() + " is not alive", 0);
    }

    /** The attempt's health request, built once per attempt and configuration (it runs every interval). */
    private HttpCall healthCall(Attempt a) {
        if (a.healthCall == null || a.healthCallConfig != config) {
            String base = a.privatePort != 0 ? "http://127.0.0.1:" + a.privatePort : StatusSnapshot.baseUrl(config, a.port);
            a.healthCall = HealthRequest.build(URI.create(base), config.healthPath(),
                    config.attached() ? config.apiToken() : a.token, config.healthCheckTimeout(),
                    Math.min(HEALTH_BODY_CAP, config.maxResponseBytes()));
            a.healthCallConfig = config;
        }
        return a.healthCall;
    }

    /** Plain http goes through the cheap socket probe; https (only external services) through the JDK client. */
    private CompletableFuture<HttpReply> send(HttpCall call) {
        return "https".equals(call.uri().getScheme()) ? seams.api().send(call) : seams.probe().send(call);
    }

    private HealthCheckResult evaluate(Attempt a, HttpReply reply, Throwable error, long t0) {
        HealthCheckResult result = reply == null
                ? HealthEvaluator.failure(error, scheduler.now(), scheduler.nanoTime() - t0)
                : config.customHealth()
                ? HealthEvaluator.expecting(reply, config.healthStatus(), config.healthBodyContains(), scheduler.now())
                : HealthEvaluator.evaluate(reply, config.identityChecked() ? a.instanceId : null, scheduler.now());
        if (!config.attached() || result.healthy()) {
            return result;
        }
        String where = "external service at " + StatusSnapshot.baseUrl(config, a.port);
        String reason = result.status() == 0 ? where + " is not answering: " + result.error()
                : where + " is unhealthy: " + result.error();
        return new HealthCheckResult(result.timestamp(), false, result.status(), reason, result.latencyMs());
    }

    private void recordHealth(HealthCheckResult result) {
        synchronized (healthLock) {
            lastHealth = result;
        }
        if (result.status() != 0) {
            healthLatency.record(result.latencyMs());
        }
    }

    // ---------------------------------------------------------------- exits and restarts

    private void onExit(Attempt a, ExitStatus status) {
        if (a.exited) {
            return;
        }
        ExitStatus exit = status != null ? status : new ExitStatus(-1, null);
        a.exited = true;
        a.exitExpected = true; // from here the supervisor itself decides whether to hold the port
        if (a == current) {
            cancelHealth(); // no passing check is reported after the exit
        }
        lastExit = new ExitInfo(scheduler.now(), exit.code(), exit.signal());
        publish(new ServiceEvent.ProcessExit(lastExit.timestamp(), exit.code(), exit.signal()));
        a.child.kill(); // members of the tree that outlived its root
        if (a != current) { // a generation replaced by a zero-downtime restart: its own timers, not the record's
            publishSnapshot();
            return;
        }
        killTask.cancel();
        launcher.forget();
        switch (state) {
            case STARTING -> failStart(a, "Django service exited during startup with code " + exit.code()
                    + (exit.signal() != null ? " (" + exit.signal() + ")" : "") + lastStderrLine(), stderrTail());
            case RUNNING -> {
                launcher.holdPort(a.port); // connections wait for the next backend instead of being refused
                recover(a, "process exit");
            }
            case STOPPING -> finishStop();
            case BACKOFF -> {
                if (pendingLaunch != null) {
                    Attempt next = pendingLaunch;
                    pendingLaunch = null;
                    launch(next);
                } else if (!a.outcome.isDone()) {
                    afterFailedStart(a);
                } else {
                    publishSnapshot();
                }
            }
            default -> publishSnapshot();
        }
    }

    /** RUNNING went wrong: remove what is left of the process and restart through the policy. */
    private void recover(Attempt a, String reason) {
        abortHandover();
        if (restartsHeld) { // a stop is on its way: this is it, early
            beginStop(new CompletableFuture<>());
            return;
        }
        cancelHealth();
        resetTask.cancel();
        runningSinceNanos = 0;
        state = ServiceState.BACKOFF;
        if (a.childAlive()) {
            terminate(a);
        }
        scheduleRestart(a, reason);
    }

    private void scheduleRestart(Attempt a, String reason) {
        if (policy.exhausted(restartAttempts)) {
            launcher.dropPort();
            state = ServiceState.FAILED;
            lastError = "Max restart attempts reached after " + reason + " (" + restartAttempts + "/"
                    + config.maxRestartAttempts() + "); call start() to try again";
            publishSnapshot(); // first, so a listener of the error already reads FAILED from getStatus()
            publish(new Error(scheduler.now(), lastError, stderrTail()));
            a.outcome.complete(false);
            return;
        }
        restartAttempts++;
        restartsTotal++;
        Duration delay = policy.delayFor(restartAttempts);
        state = ServiceState.BACKOFF;
        publish(new ServiceEvent.Info(scheduler.now(), "Attempting automatic restart (attempt " + restartAttempts
                + "/" + config.maxRestartAttempts() + ")"));
        publish(new ServiceEvent.Restarting(scheduler.now(), restartAttempts, delay.toMillis()));
        publishSnapshot();
        backoffTask = scheduler.schedule(delay, () -> {
            if (state == ServiceState.BACKOFF && current == a && !restartsHeld) {
                launchAfter(a, new Attempt(true, scheduler.nanoTime()));
            }
        });
    }

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
                cancelHealth();
                state = ServiceState.STOPPED;
                runningSinceNanos = 0;
                publishSnapshot();
                result.complete(true);
            }
            case STOPPING -> stopping.whenComplete((ok, e) -> result.complete(true));
            case STARTING, RUNNING, BACKOFF -> beginStop(result);
        }
    }

    private void beginStop(CompletableFuture<Boolean> stopped) {
        CompletableFuture<Boolean> result = handover == null ? stopped : Handover.after(abortHandover(), stopped);
        Attempt a = current;
        boolean wasStarting = state == ServiceState.STARTING;
        cancelHealth();
        resetTask.cancel();
        backoffTask.cancel();
        if (pendingLaunch != null) {
            pendingLaunch.outcome.complete(false);
            pendingLaunch = null;
        }
        a.cancelStartupTimers();
        if (wasStarting) {
            lastError = "Django service start was cancelled by stop()";
            publish(new Error(scheduler.now(), lastError, null));
        }
        publish(new ServiceEvent.Stopping(scheduler.now()));
        state = ServiceState.STOPPING;
        stopping = result;
        publishSnapshot();
        a.outcome.complete(false);
        if (a.childAlive()) {
            terminate(a);
        } else {
            finishStop();
        }
    }

    /** SIGTERM to the tree now, SIGKILL to survivors after {@code shutdownTimeout}. */
    private void terminate(Attempt a) {
        a.exitExpected = true;
        a.child.terminate();
        killTask.cancel();
        killTask = scheduler.schedule(config.shutdownTimeout(), () -> {
            if (a.childAlive()) {
                publish(new ServiceEvent.Warning(scheduler.now(), "Django service (pid " + a.child.pid()
                        + ") did not exit within " + ServiceConfig.format(config.shutdownTimeout())
                        + " of SIGTERM; sending SIGKILL"));
                a.child.kill();
            }
        });
    }

    private void finishStop() {
        launcher.dropPort();
        killTask.cancel();
        runningSinceNanos = 0;
        state = ServiceState.STOPPED;
        publish(new ServiceEvent.Stopped(scheduler.now()));
        publishSnapshot();
        CompletableFuture<Boolean> done = stopping;
        stopping = null;
        done.complete(true);
    }

    // ---------------------------------------------------------------- output, events, snapshot

    private void onOutput(boolean stderr, String line) {
        var now = scheduler.now();
        if (logFile != null) {
            logFile.write(now, stderr, line); // on the pump's thread, before anything that may drop lines
        }
        logs.add(new LogLine(now, stderr ? "stderr" : "stdout", line));
        publish(stderr ? new ServiceEvent.Stderr(now, line) : new ServiceEvent.Stdout(now, line));
    }

    private String stderrTail() {
        List<String> tail = logs.tail("stderr", STDERR_TAIL_LINES);
        return tail.isEmpty() ? null : String.join("\n", tail);
    }

    private String lastStderrLine() {
        List<String> tail = logs.tail("stderr", STDERR_TAIL_LINES);
        for (int i = tail.size() - 1; i >= 0; i--) {
            String line = tail.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("File ") && !line.startsWith("^")) {
                return ": " + line;
            }
        }
        return "";
    }

    private static String describe(HealthCheckResult health) {
        return health == null ? "none answered" : health.healthy() ? "healthy" : health.error();
    }

    private void publish(ServiceEvent event) {
        events.publish(event);
    }

    private void publishSnapshot() {
        Attempt a = current;
        boolean hasPid = a != null && a.childAlive() && state.hasProcess();
        int port = a != null && a.port != 0 ? a.port : snapshot.port();
        synchronized (healthLock) {
            snapshot = new StatusSnapshot(state, restartAttempts, restartsTotal, lastHealth,
                    hasPid ? a.child.pid() : null, state == ServiceState.RUNNING || state == ServiceState.EXTERNAL
                            ? runningSinceNanos : 0, port == 0 ? null : StatusSnapshot.baseUrl(config, port), port,
                    lastExit, lastError, a == null || config.attached() ? null : a.token,
                    a == null ? null : a.instanceId);
        }
    }
}
