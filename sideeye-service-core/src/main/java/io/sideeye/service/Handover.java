package io.sideeye.service;

import io.sideeye.service.health.HealthProbe;
import io.sideeye.service.health.ReadinessSchedule;
import io.sideeye.service.process.ExitStatus;
import io.sideeye.service.time.Cancellable;
import io.sideeye.service.time.DurationText;
import io.sideeye.service.time.Scheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A zero-downtime restart: a new generation of the backend is started beside the running one on
 * the same (shared) port, its health is checked on a private port of its own (the shared port may
 * be answered by the old generation), and only once it is healthy is it made the current launch
 * and the old generation sent SIGTERM, which closes its listening socket at once and finishes the
 * requests in flight within {@code shutdownTimeout} (then SIGKILL). The service stays RUNNING
 * throughout.
 *
 * <p>Events, in order: {@code restarting} (published by the supervisor), an {@code info} that the
 * new generation is starting, {@code started} with the new generation's pid once it is healthy, an
 * {@code info} that the old generation is being stopped, its {@code process-exit}, and an
 * {@code info} that it stopped. If the new generation fails (it exits, or is not healthy within
 * {@code startupTimeout}), it is removed, an {@code error} says so and the old generation keeps
 * serving; the restart completes with false.
 *
 * <p>Confined to the supervisor's thread, like the {@link Attempt}s it moves between.
 */
final class Handover {

    /** What the handover needs of the supervisor; every call is on the supervisor's thread. */
    interface Host {
        /** The exit of one of the two generations, handled as the supervisor handles any exit. */
        void exited(Attempt generation, ExitStatus exit);

        /** Makes the healthy new generation the current launch, still RUNNING. */
        void promote(Attempt next, HealthCheckResult healthy);

        /** Reports a failed handover ({@code lastError}, an {@code error} event). */
        void failed(String message, String cause);

        void publish(ServiceEvent event);

        /** This handover is over; the supervisor forgets it. */
        void ended(Handover handover);
    }

    private enum Phase { PREPARING, STARTING, DRAINING, DONE }

    private final ServiceConfig config;
    private final Seams seams;
    private final HealthProbe probe;
    private final Scheduler scheduler;
    private final Launcher launcher;
    private final Host host;
    private final Attempt old;
    private final Attempt next;
    private final CompletableFuture<Boolean> result;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    private Phase phase = Phase.PREPARING;
    private int privatePort;
    private HealthCheckResult lastProbe;
    private Cancellable readiness = Cancellable.NONE;
    private Cancellable startupTimeout = Cancellable.NONE;

    Handover(ServiceConfig config, Seams seams, Launcher launcher, HealthProbe probe, Host host, Attempt old,
             CompletableFuture<Boolean> result) {
        this.config = config;
        this.seams = seams;
        this.probe = probe;
        this.scheduler = seams.scheduler();
        this.launcher = launcher;
        this.host = host;
        this.old = old;
        this.next = new Attempt(false, scheduler.nanoTime());
        this.result = result;
    }

    /** Completes (on the supervisor's thread) when this handover is over, whichever way. */
    CompletableFuture<Void> finished() {
        return finished;
    }

    /** Starts the new generation beside {@code old}. */
    void begin() {
        host.publish(new ServiceEvent.Info(scheduler.now(), "Zero-downtime restart: starting a new generation beside"
                + " pid " + old.child.pid() + " on port " + old.port + " (" + launcher.sharing().detail() + ")"));
        startupTimeout = scheduler.schedule(config.startupTimeout(), this::onStartupTimeout);
        launcher.prepareBeside(old.port).whenComplete((prepared, error) -> scheduler.execute(() -> {
            if (phase != Phase.PREPARING) {
                return;
            }
            if (error != null) {
                fail(Launcher.messageOf(error), null);
            } else {
                spawn(prepared);
            }
        }));
    }

    private void spawn(Launcher.Prepared prepared) {
        next.port = prepared.port();
        privatePort = prepared.privatePort();
        next.privatePort = privatePort;
        next.baseUrl = "http://127.0.0.1:" + privatePort; // where its checks go once it is current
        try {
            next.child = seams.launcher().launch(launcher.spec(prepared, next.instanceId, next.token));
        } catch (IOException | RuntimeException e) {
            fail("the new generation could not be started: " + e.getMessage(), null);
            return;
        }
        next.spawnNanos = scheduler.nanoTime();
        phase = Phase.STARTING;
        next.child.onExit().whenComplete((exit, e) -> scheduler.execute(() -> {
            host.exited(next, exit);
            if (phase == Phase.STARTING) {
                ExitStatus status = exit != null ? exit : new ExitStatus(-1, null);
                fail("the new generation (pid " + next.child.pid() + ") exited during startup with code "
                        + status.code() + (status.signal() != null ? " (" + status.signal() + ")" : ""), null);
            }
        }));
        readiness = scheduler.schedule(ReadinessSchedule.FLOOR, this::poll);
    }

    /** One health check of the new generation on its private port. */
    private void poll() {
        if (phase != Phase.STARTING) {
            return;
        }
        long t0 = scheduler.nanoTime();
        probe.send(probe.call(next)).whenComplete((reply, error) -> scheduler.execute(() -> {
            if (phase != Phase.STARTING) {
                return;
            }
            lastProbe = probe.evaluate(next, reply, error, t0);
            if (lastProbe.healthy()) {
                promote(lastProbe);
            } else {
                readiness = scheduler.schedule(ReadinessSchedule.nextDelay(
                        Duration.ofNanos(scheduler.nanoTime() - next.spawnNanos)), this::poll);
            }
        }));
    }

    private void promote(HealthCheckResult healthy) {
        cancelTimers();
        phase = Phase.DRAINING;
        host.promote(next, healthy);
        if (!old.childAlive()) {
            oldStopped();
            return;
        }
        host.publish(new ServiceEvent.Info(scheduler.now(), "Zero-downtime restart: the new generation (pid "
                + next.child.pid() + ") is healthy on port " + next.port + "; stopping the old one (pid "
                + old.child.pid() + "), which finishes its requests in flight within "
                + DurationText.format(config.shutdownTimeout())));
        Cancellable kill = terminate(old);
        old.child.onExit().whenComplete((exit, e) -> scheduler.execute(() -> {
            kill.cancel();
            oldStopped();
        }));
    }

    private void oldStopped() {
        if (phase != Phase.DRAINING) {
            return;
        }
        host.publish(new ServiceEvent.Info(scheduler.now(), "Zero-downtime restart done: the old generation (pid "
                + old.child.pid() + ") stopped; pid " + next.child.pid() + " serves port " + next.port));
        end(true);
    }

    private void onStartupTimeout() {
        if (phase == Phase.PREPARING || phase == Phase.STARTING) {
            fail("the new generation did not become healthy within " + DurationText.format(config.startupTimeout())
                    + " on its private port " + privatePort + " (last check: "
                    + (lastProbe == null ? "none answered" : lastProbe.error()) + ")", null);
        }
    }

    /** The new generation will not serve: remove it; the old one keeps serving. */
    private void fail(String message, String cause) {
        cancelTimers();
        if (next.childAlive()) {
            terminate(next);
        }
        phase = Phase.DONE;
        host.failed("Zero-downtime restart failed: " + message + "; the old generation (pid " + old.child.pid()
                + ") keeps serving port " + old.port, cause);
        end(false);
    }

    /**
     * A stop was asked for, or the old generation failed: the handover ends here. A new generation
     * not yet healthy is removed. Returns what completes once the generation that is not the
     * current launch (the new one being removed, or the old one draining) has exited, for a stop
     * to wait for.
     */
    CompletableFuture<Void> abort() {
        cancelTimers();
        Phase was = phase;
        phase = Phase.DONE;
        CompletableFuture<Void> gone = CompletableFuture.completedFuture(null);
        if (was == Phase.STARTING && next.childAlive()) {
            terminate(next);
            gone = next.child.onExit().thenApply(exit -> null);
        } else if (was == Phase.DRAINING && old.childAlive()) {
            gone = old.child.onExit().thenApply(exit -> null);
        }
        end(was == Phase.DRAINING);
        return gone;
    }

    /**
     * {@code result}, completed once {@code gone} has completed too: a stop that ends a handover is
     * done when both generations are.
     */
    static CompletableFuture<Boolean> after(CompletableFuture<Void> gone, CompletableFuture<Boolean> result) {
        CompletableFuture<Boolean> stop = new CompletableFuture<>();
        stop.whenComplete((ok, e) -> gone.whenComplete((v, x) -> result.complete(Boolean.TRUE.equals(ok))));
        return stop;
    }

    /** SIGTERM to the generation's tree now, SIGKILL to survivors after {@code shutdownTimeout}. */
    private Cancellable terminate(Attempt generation) {
        generation.exitExpected = true;
        generation.child.terminate();
        return scheduler.schedule(config.shutdownTimeout(), () -> {
            if (generation.childAlive()) {
                host.publish(new ServiceEvent.Warning(scheduler.now(), "Django service (pid " + generation.child.pid()
                        + ") did not exit within " + DurationText.format(config.shutdownTimeout())
                        + " of SIGTERM; sending SIGKILL"));
                generation.child.kill();
            }
        });
    }

    private void cancelTimers() {
        readiness.cancel();
        startupTimeout.cancel();
    }

    private void end(boolean ok) {
        phase = Phase.DONE;
        host.ended(this);
        result.complete(ok);
        finished.complete(null);
    }
}
