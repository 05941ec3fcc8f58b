package io.sideeye.service;

import io.sideeye.service.ServiceEvent.Error;
import io.sideeye.service.event.EventBus;
import io.sideeye.service.health.CheckTarget;
import io.sideeye.service.health.HealthMonitor;
import io.sideeye.service.health.HealthProbe;
import io.sideeye.service.health.ReadinessPolls;
import io.sideeye.service.health.ReadinessSchedule;
import io.sideeye.service.health.WrongEndpoint;
import io.sideeye.service.http.HttpReply;
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
 * <p>The health checks are the {@link HealthMonitor}'s, which runs on this thread too, with one
 * exception: a passing check of a steady service is recorded where it completes (see there), so
 * the snapshot is written under the monitor's lock ({@link HealthMonitor#withLastResult}).
 */
final class Supervisor implements HealthMonitor.Owner {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final int STDERR_TAIL_LINES = 12;
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
    private final LatencyWindow apiLatency = new LatencyWindow(256);
    private final Launcher launcher;
    private final ApiCaller api;
    private final HealthProbe probe;
    private final HealthMonitor health;
    private final AtomicBoolean closed = new AtomicBoolean();

    // Confined to the scheduler thread.
    private ServiceState state = ServiceState.STOPPED;
    private Attempt current;
    private int restartAttempts;
    private int restartsTotal;
    private long runningSinceNanos;
    private ExitInfo lastExit;
    private String lastError;
    private Attempt pendingLaunch;
    private CompletableFuture<Boolean> stopping;
    private boolean restartsHeld;
    private Cancellable resetTask = Cancellable.NONE;
    private Cancellable backoffTask = Cancellable.NONE;
    private Cancellable killTask = Cancellable.NONE;

    private volatile StatusSnapshot snapshot; // written under the health monitor's lock

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
        return submit(internal -> {
            restartAttempts = 0;
            if (state != ServiceState.STOPPED && state != ServiceState.FAILED) {
                publish(new ServiceEvent.Restarting(scheduler.now(), 0, 0));
            }
            CompletableFuture<Boolean> stopped = new CompletableFuture<>();
            long stops = stopsAsked;
            doStop(stopped);
            stopped.whenComplete((ok, e) -> scheduler.execute(() -> startUnlessStopAsked(stops, internal)));
        });
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
                logs.resize(next.logBufferLines());
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
        return snapshot.toStatus(scheduler.nanoTime(),
                new StatusSnapshot.LatencyFigures(health.latency(), apiLatency.summary()), config.attached(),
                ExternalUrls.isRemote(config.externalUrl()), config.identityChecked());
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
        a.port = ServiceUrls.servicePort(config);
        a.baseUrl = ServiceUrls.baseUrl(config, a.port);
        current = a;
        state = ServiceState.EXTERNAL;
        runningSinceNanos = scheduler.nanoTime();
        lastError = null;
        publish(new ServiceEvent.Info(scheduler.now(), config.dev()
                ? "Development mode: Django service managed externally"
                : "Attached to external service at " + config.external()));
        health.schedule(a);
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
        health.resetFailures();
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
        a.baseUrl = ServiceUrls.baseUrl(config, a.port);
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
                becomeRunning(a, probe.process(a)); // alive is healthy
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
            probe.tcp(a).whenComplete((result, e) -> scheduler.execute(() -> onReadiness(a, result, null, t0)));
            return;
        }
        probe.send(probe.call(a)).whenComplete((reply, error) -> scheduler.execute(() -> {
            if (a == current && state == ServiceState.STARTING) {
                onReadiness(a, probe.evaluate(a, reply, error, t0), reply, t0);
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

    private void becomeRunning(Attempt a, HealthCheckResult result) {
        a.cancelStartupTimers();
        a.child.captureTree(); // whoever answered is in the tree now: never orphan it
        state = ServiceState.RUNNING;
        runningSinceNanos = scheduler.nanoTime();
        health.record(result);
        long startupMs = (runningSinceNanos - a.startNanos) / 1_000_000;
        publish(new ServiceEvent.Started(scheduler.now(), a.child.pid(), a.port, startupMs));
        if (restartAttempts > 0) {
            resetTask = scheduler.schedule(config.restartResetAfter(), () -> {
                if (a == current && state == ServiceState.RUNNING) {
                    restartAttempts = 0;
                    publishSnapshot();
                }
            });
        }
        health.schedule(a);
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
            state = ServiceState.STOPPED;
            publishSnapshot();
            a.outcome.complete(false);
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
        snapshot = snapshot.withLastHealth(result);
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

    // ---------------------------------------------------------------- exits and restarts

    private void onExit(Attempt a, ExitStatus status) {
        if (a.exited) {
            return;
        }
        ExitStatus exit = status != null ? status : new ExitStatus(-1, null);
        a.exited = true;
        if (a == current) {
            health.cancel(); // no passing check is reported after the exit
        }
        lastExit = new ExitInfo(scheduler.now(), exit.code(), exit.signal());
        publish(new ServiceEvent.ProcessExit(lastExit.timestamp(), exit.code(), exit.signal()));
        killTask.cancel();
        a.child.kill(); // members of the tree that outlived its root
        launcher.forget();
        if (a != current) {
            publishSnapshot();
            return;
        }
        switch (state) {
            case STARTING -> failStart(a, "Django service exited during startup with code " + exit.code()
                    + (exit.signal() != null ? " (" + exit.signal() + ")" : "") + lastStderrLine(), stderrTail());
            case RUNNING -> {
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
        if (restartsHeld) { // a stop is on its way: this is it, early
            beginStop(new CompletableFuture<>());
            return;
        }
        health.cancel();
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

    private void beginStop(CompletableFuture<Boolean> result) {
        Attempt a = current;
        boolean wasStarting = state == ServiceState.STARTING;
        health.cancel();
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

    @Override
    public void publish(ServiceEvent event) {
        events.publish(event);
    }

    private void publishSnapshot() {
        Attempt a = current;
        boolean hasPid = a != null && a.childAlive() && state.hasProcess();
        int port = a != null && a.port != 0 ? a.port : snapshot.port();
        health.withLastResult(lastHealth -> snapshot = new StatusSnapshot(state, restartAttempts, restartsTotal, lastHealth,
                    hasPid ? a.child.pid() : null, state == ServiceState.RUNNING || state == ServiceState.EXTERNAL
                            ? runningSinceNanos : 0, port == 0 ? null : ServiceUrls.baseUrl(config, port), port,
                    lastExit, lastError, a == null || config.attached() ? null : a.token,
                a == null ? null : a.instanceId));
    }
}
