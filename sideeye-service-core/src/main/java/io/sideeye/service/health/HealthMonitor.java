package io.sideeye.service.health;

import io.sideeye.service.HealthCheckResult;
import io.sideeye.service.HealthMode;
import io.sideeye.service.LatencySummary;
import io.sideeye.service.ServiceConfig;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.HttpReply;
import io.sideeye.service.metrics.LatencyWindow;
import io.sideeye.service.probe.ProbeLoop;
import io.sideeye.service.time.Cancellable;
import io.sideeye.service.time.Scheduler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The periodic health checks of a running (or external) service, and checks on request: it
 * times them, sends them through the {@link HealthProbe}, records and reports each result, and
 * tells its {@link Owner} (the supervisor) when the failures reach {@code unhealthyThreshold}.
 * What happens then (a restart, a stop) is the owner's decision.
 *
 * <p><b>Threads.</b> Everything runs on the owner's scheduler thread, with one exception, for
 * what costs most at scale: a periodic check that passes while the service is steady (the
 * previous check passed) changes no state, only what the status reports. Its completion, on the
 * {@link ProbeLoop}'s thread or the transport's, records it (last result, latency,
 * {@code healthy} event, {@link Owner#passedWhileSteady}) and times the next check where it
 * runs, without a hand-off, under this monitor's lock. {@link #cancel} takes the same lock, so no
 * {@code healthy} event follows it. Any other outcome goes to the scheduler thread.
 */
public final class HealthMonitor {
    /** A periodic check may start up to its interval divided by this early, to share a wake-up. */
    private static final int COALESCE_DIVISOR = 20;
    /** ... and at most this many milliseconds early. */
    private static final long MAX_COALESCE_MS = 50;

    /** What the monitor asks of, and tells, the supervisor whose service it checks. */
    public interface Owner {
        /** Whether checks of {@code target} still count: it is current, running or external. Scheduler thread. */
        boolean monitoring(CheckTarget target);

        /** Whether {@code target} is the current launch of a managed child that is running. Scheduler thread. */
        boolean running(CheckTarget target);

        /** Publishes a {@code healthy}, {@code unhealthy} or other event; any thread. */
        void publish(ServiceEvent event);

        /**
         * A passing check of a steady service, on the thread that completed it and under the
         * monitor's lock: updates what the status reports, and nothing else.
         */
        void passedWhileSteady(HealthCheckResult result);

        /** A check was recorded and its event published (scheduler thread): the status is to be published. */
        void reported();

        /**
         * {@code failures} checks in a row failed, {@code last} the latest, while the target runs
         * (scheduler thread). The periodic checks stop; the owner recovers or stops the service.
         */
        void failedTooOften(CheckTarget target, HealthCheckResult last, int failures);
    }

    private final Supplier<ServiceConfig> config;
    private final HealthProbe probe;
    private final Scheduler scheduler;
    private final ProbeLoop loop;
    private final Owner owner;
    private final LatencyWindow latency = new LatencyWindow(256);

    // Confined to the scheduler thread.
    private Cancellable timer = Cancellable.NONE;
    private int consecutiveFailures;

    /** Guards what both the scheduler thread and a steady check's completion write. */
    private final Object lock = new Object();
    // Guarded by lock.
    private HealthCheckResult last;
    private Chain chain;
    private boolean steady;

    /**
     * @param loop where periodic HTTP checks are timed and exchanged, or null to time them with
     *             {@code scheduler} and send them through {@code probe}
     */
    public HealthMonitor(Supplier<ServiceConfig> config, HealthProbe probe, Scheduler scheduler, ProbeLoop loop,
                         Owner owner) {
        this.config = config;
        this.probe = probe;
        this.scheduler = scheduler;
        this.loop = loop;
        this.owner = owner;
    }

    /**
     * Times the next periodic check of {@code target}, {@code healthCheckInterval} after the start
     * of the last one (replacing any timed check); HTTP checks run as a {@link Chain}.
     */
    public void schedule(CheckTarget target) {
        cancel();
        ServiceConfig c = config.get();
        long interval = c.healthCheckInterval().toNanos();
        long lastStart = target.lastCheckNanos();
        long next = lastStart == 0 ? scheduler.nanoTime() + interval : lastStart + interval;
        if (c.healthMode() == HealthMode.HTTP) {
            Chain checks = new Chain(target, probe.call(target));
            synchronized (lock) {
                chain = checks;
                steady = consecutiveFailures == 0 && last != null && last.healthy();
            }
            checks.next(next);
            return;
        }
        Duration delay = Duration.ofNanos(Math.max(0, next - scheduler.nanoTime()));
        timer = scheduler.schedule(delay, () -> {
            if (owner.monitoring(target)) {
                check(target, true, healthy -> { });
            }
        });
    }

    /** Ends the periodic checks; a check still in flight is ignored when it completes. */
    public void cancel() {
        timer.cancel();
        synchronized (lock) {
            if (chain != null) {
                chain.cancel();
                chain = null;
            }
            steady = false;
        }
    }

    /** One check of {@code target} now, outside the periodic ones; {@code done} learns whether it passed. */
    public void checkNow(CheckTarget target, Consumer<Boolean> done) {
        check(target, false, done);
    }

    /** Records a result obtained elsewhere (the readiness check that made the service running). */
    public void record(HealthCheckResult result) {
        synchronized (lock) {
            last = result;
        }
        if (result.status() != 0) {
            latency.record(result.latencyMs());
        }
    }

    /** A new launch: the failures of the previous one do not count. Scheduler thread. */
    public void resetFailures() {
        consecutiveFailures = 0;
    }

    /** The health checks' latency over the recent window. */
    public LatencySummary latency() {
        return latency.summary();
    }

    /**
     * Runs {@code action} with the last result under the monitor's lock, so that a status the
     * action publishes is ordered with the ones steady checks publish.
     */
    public void withLastResult(Consumer<HealthCheckResult> action) {
        synchronized (lock) {
            action.accept(last);
        }
    }

    private void check(CheckTarget target, boolean periodic, Consumer<Boolean> done) {
        long t0 = scheduler.nanoTime();
        if (periodic) {
            target.checkStarted(t0);
        }
        HealthMode mode = config.get().healthMode();
        if (mode == HealthMode.PROCESS && owner.running(target)) {
            onChecked(target, probe.process(target), periodic, done);
            return;
        }
        if (mode == HealthMode.TCP && owner.running(target)) {
            probe.tcp(target).whenComplete((result, e) -> scheduler.execute(() -> {
                if (!owner.running(target)) {
                    done.accept(false);
                } else {
                    onChecked(target, result, periodic, done);
                }
            }));
            return;
        }
        probe.send(probe.call(target)).whenComplete((reply, error) -> scheduler.execute(() -> {
            if (!owner.monitoring(target)) {
                done.accept(false);
                return;
            }
            onChecked(target, probe.evaluate(target, reply, error, t0), periodic, done);
        }));
    }

    /** Records a check's result, reports it, and tells the owner after too many failures. */
    private void onChecked(CheckTarget target, HealthCheckResult result, boolean periodic, Consumer<Boolean> done) {
        record(result);
        if (result.healthy()) {
            consecutiveFailures = 0;
            owner.publish(new ServiceEvent.Healthy(result.timestamp(), result.status(), null, result.latencyMs()));
        } else {
            consecutiveFailures++;
            synchronized (lock) {
                steady = false; // the next passing check resets the count, here
            }
            owner.publish(new ServiceEvent.Unhealthy(result.timestamp(), result.status(), result.error(),
                    result.latencyMs()));
        }
        owner.reported();
        done.accept(result.healthy());
        if (owner.running(target) && consecutiveFailures >= config.get().unhealthyThreshold()) {
            cancel();
            owner.failedTooOften(target, result, consecutiveFailures);
        } else if (periodic) {
            schedule(target);
        }
    }

    /**
     * Sends {@code call} between {@code earliest} and {@code due}: through the probe loop when
     * there is one and the call suits it (coalesced with other managers' checks: up to a
     * twentieth of the interval, at most {@value #MAX_COALESCE_MS} ms, early); else at {@code due}
     * through the scheduler and the probe.
     */
    private Cancellable sendAt(long due, HttpCall call, ProbeLoop.Answer answer) {
        if (loop != null && ProbeLoop.accepts(call)) {
            long window = Math.min(config.get().healthCheckInterval().toNanos() / COALESCE_DIVISOR,
                    TimeUnit.MILLISECONDS.toNanos(MAX_COALESCE_MS));
            return loop.sendBetween(due - window, due, call, answer);
        }
        Duration delay = Duration.ofNanos(Math.max(0, due - scheduler.nanoTime()));
        return scheduler.schedule(delay, () -> {
            long t0 = scheduler.nanoTime();
            probe.send(call).whenComplete((reply, error) -> answer.answered(t0, reply, error));
        });
    }

    /**
     * The periodic HTTP checks of one target, each timed from the start of the previous one. A
     * passing check of a steady service is recorded by its completion, on whatever thread that
     * runs; any other outcome is posted to the scheduler thread, which then times the next check.
     */
    private final class Chain {
        private final CheckTarget target;
        private final HttpCall call;
        private boolean cancelled; // guarded by lock
        private Cancellable pending = Cancellable.NONE; // guarded by lock

        Chain(CheckTarget target, HttpCall call) {
            this.target = target;
            this.call = call;
        }

        /** Times the next check for {@code due}; any thread. */
        void next(long due) {
            Cancellable p = sendAt(due, call, this::answered);
            synchronized (lock) {
                if (cancelled) {
                    p.cancel();
                } else {
                    pending = p;
                }
            }
        }

        /** Under lock. */
        void cancel() {
            cancelled = true;
            pending.cancel();
        }

        private void answered(long t0, HttpReply reply, Throwable error) {
            HealthCheckResult result;
            try {
                result = probe.evaluate(target, reply, error, t0);
            } catch (RuntimeException e) { // never end the chain silently: a failed check goes on
                result = HealthEvaluator.failure(e, scheduler.now(), scheduler.nanoTime() - t0);
            }
            synchronized (lock) {
                if (cancelled) {
                    return;
                }
                target.checkStarted(t0);
                if (!steady || !result.healthy()) {
                    steady = false; // until the scheduler thread has dealt with this one
                } else {
                    last = result;
                    latency.record(result.latencyMs());
                    owner.passedWhileSteady(result);
                    owner.publish(new ServiceEvent.Healthy(result.timestamp(), result.status(), null,
                            result.latencyMs()));
                    result = null;
                }
            }
            if (result == null) {
                next(t0 + config.get().healthCheckInterval().toNanos());
                return;
            }
            HealthCheckResult outcome = result;
            scheduler.execute(() -> {
                if (!cancelled && owner.monitoring(target)) {
                    onChecked(target, outcome, true, healthy -> { });
                }
            });
        }
    }
}
