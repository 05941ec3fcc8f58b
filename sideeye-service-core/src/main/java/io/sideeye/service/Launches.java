package io.sideeye.service;

import io.sideeye.service.time.DurationText;
import io.sideeye.service.ServiceEvent.Error;
import io.sideeye.service.health.ReadinessPolls;
import io.sideeye.service.health.ReadinessSchedule;
import io.sideeye.service.health.WrongEndpoint;
import io.sideeye.service.http.HttpReply;
import io.sideeye.service.process.LaunchRefusedException;
import io.sideeye.service.process.LaunchSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The supervisor's launch path, from "start" to RUNNING or to a failed start: preparing and
 * spawning the process, the readiness polls, the startup timeout, and what a failed start leads
 * to (a retry through the {@link Recovery}, or STOPPED). Attach mode's start is here too.
 *
 * <p>Runs on the supervisor's scheduler thread only, and works on the {@link Supervisor}'s
 * state; results of I/O (preparation, readiness checks) are posted back to that thread and
 * ignored once their {@link Attempt} is no longer current.
 */
final class Launches {
    private final Supervisor s;

    Launches(Supervisor s) {
        this.s = s;
    }

    /** Attach mode (and development mode): nothing is spawned; the service is only monitored. */
    void startExternal(CompletableFuture<Boolean> result) {
        Attempt a = new Attempt(false, s.scheduler.nanoTime());
        a.port = ServiceUrls.servicePort(s.config);
        a.baseUrl = ServiceUrls.baseUrl(s.config, a.port);
        s.current = a;
        s.state = ServiceState.EXTERNAL;
        s.runningSinceNanos = s.scheduler.nanoTime();
        s.lastError = null;
        s.publish(new ServiceEvent.Info(s.scheduler.now(), s.config.dev()
                ? "Development mode: Django service managed externally"
                : "Attached to external service at " + s.config.external()));
        s.health.schedule(a);
        s.publishSnapshot();
        result.complete(true);
    }

    /**
     * Launches {@code next} now, or as soon as the previous attempt's process is gone (its port
     * freed). Whoever waits on the previous attempt's outcome learns the new one's.
     */
    Attempt launchAfter(Attempt previous, Attempt next) {
        follow(next, previous.outcome);
        if (previous.childAlive()) {
            s.pendingLaunch = next;
            return next;
        }
        return launch(next);
    }

    /** Completes {@code target} with whether {@code attempt} reached RUNNING. */
    static void follow(Attempt attempt, CompletableFuture<Boolean> target) {
        attempt.outcome.whenComplete((ok, e) -> target.complete(Boolean.TRUE.equals(ok)));
    }

    /** Makes {@code a} current and STARTING: prepares (port, command), then spawns it. */
    Attempt launch(Attempt a) {
        s.current = a;
        s.state = ServiceState.STARTING;
        s.health.resetFailures();
        s.lastError = null;
        s.publish(new ServiceEvent.Starting(s.scheduler.now()));
        s.publishSnapshot();
        s.launcher.prepare(s.reporter.snapshot().port()).whenComplete((prepared, error) -> s.scheduler.execute(() -> {
            if (a != s.current || s.state != ServiceState.STARTING) {
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

    void spawn(Attempt a, Launcher.Prepared prepared) {
        a.port = prepared.port();
        a.privatePort = prepared.privatePort();
        a.baseUrl = a.privatePort != 0 ? "http://127.0.0.1:" + a.privatePort : ServiceUrls.baseUrl(s.config, a.port);
        LaunchSpec spec = s.launcher.spec(prepared, a.instanceId, a.token);
        try {
            a.child = s.seams.launcher().launch(spec);
        } catch (LaunchRefusedException e) {
            refused(a, e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            String message = "Could not start the Django service: " + e.getMessage();
            s.publish(new ServiceEvent.ProcessError(s.scheduler.now(), message, prepared.command().description()));
            failStart(a, message, null);
            return;
        }
        a.spawnNanos = s.scheduler.nanoTime();
        s.launcher.record(a);
        a.child.onExit().whenComplete((exit, e) -> s.scheduler.execute(() -> s.recovery.onExit(a, exit)));
        if (s.config.healthMode() == HealthMode.PROCESS) {
            if (a.child.isAlive()) {
                becomeRunning(a, s.probe.process(a)); // alive is healthy
            } // else onExit reports the early exit with its code and stderr
            s.publishSnapshot();
            return;
        }
        if (!s.config.identityChecked() && s.config.healthMode() != HealthMode.PROCESS) {
            s.publish(new ServiceEvent.Warning(s.scheduler.now(), (s.config.healthMode() == HealthMode.TCP ? "health: tcp"
                    : "healthStatus/healthBodyContains") + " cannot tell this backend from another server holding"
                    + " port " + a.port + " (there is no instance id to compare); such a server would pass the"
                    + " health checks"));
        }
        a.readiness = s.scheduler.schedule(ReadinessSchedule.FLOOR, () -> pollReadiness(a));
        a.startupTimeout = s.scheduler.schedule(s.config.startupTimeout(), () -> onStartupTimeout(a));
        s.publishSnapshot();
    }

    void pollReadiness(Attempt a) {
        if (a != s.current || s.state != ServiceState.STARTING) {
            return;
        }
        long t0 = s.scheduler.nanoTime();
        if (s.config.healthMode() == HealthMode.TCP) {
            s.probe.tcp(a).whenComplete((result, e) -> s.scheduler.execute(() -> onReadiness(a, result, null, t0)));
            return;
        }
        s.probe.send(s.probe.call(a)).whenComplete((reply, error) -> s.scheduler.execute(() -> {
            if (a == s.current && s.state == ServiceState.STARTING) {
                onReadiness(a, s.probe.evaluate(a, reply, error, t0), reply, t0);
            }
        }));
    }

    /**
     * A readiness answer: running when healthy; else the next poll, sooner while nothing answers,
     * and failing the start once the answers have said for {@link ReadinessSchedule#WRONG_ANSWER_WINDOW}
     * that the health URL itself is wrong (see {@link WrongEndpoint}).
     */
    void onReadiness(Attempt a, HealthCheckResult result, HttpReply reply, long t0) {
        if (a != s.current || s.state != ServiceState.STARTING) {
            return;
        }
        a.lastProbe = result;
        if (result.healthy()) {
            becomeRunning(a, result);
            return;
        }
        ReadinessPolls.Next next = a.polls.afterUnhealthy(reply, s.config.identityChecked(), s.config.healthStatus(), t0,
                Duration.ofNanos(s.scheduler.nanoTime() - a.spawnNanos));
        if (next.failure() != null) {
            failStart(a, "Django service at " + s.reporter.snapshot().baseUrl() + " answered every check of " + s.config.healthPath()
                    + " for " + DurationText.format(ReadinessSchedule.WRONG_ANSWER_WINDOW) + " with " + next.failure()
                    + ", so it will not become healthy: " + WrongEndpoint.remedy(next.status(), s.config.identityChecked())
                    + ". `sideeye doctor` checks the health path; see " + Supervisor.TROUBLESHOOTING
                    + "#the-health-url-answers-404-401-403-a-redirect-or-html", s.reporter.stderrTail());
            return;
        }
        a.readiness = s.scheduler.schedule(next.delay(), () -> pollReadiness(a));
    }

    void becomeRunning(Attempt a, HealthCheckResult result) {
        a.cancelStartupTimers();
        a.child.captureTree(); // whoever answered is in the tree now: never orphan it
        s.state = ServiceState.RUNNING;
        s.runningSinceNanos = s.scheduler.nanoTime();
        s.health.record(result);
        long startupMs = (s.runningSinceNanos - a.startNanos) / 1_000_000;
        s.publish(new ServiceEvent.Started(s.scheduler.now(), a.child.pid(), a.port, startupMs));
        s.handovers.holdPortOnCrash(a);
        int relayed = s.launcher.releasePort();
        if (relayed > 0) {
            s.publish(new ServiceEvent.Info(s.scheduler.now(), relayed + " connection(s) that arrived while the backend"
                    + " was replaced waited and were relayed to it"));
        }
        if (s.restartAttempts > 0) {
            s.resetTask = s.scheduler.schedule(s.config.restartResetAfter(), () -> {
                if (a == s.current && s.state == ServiceState.RUNNING) {
                    s.restartAttempts = 0;
                    s.publishSnapshot();
                }
            });
        }
        s.health.schedule(a);
        s.publishSnapshot();
        a.outcome.complete(true);
    }

    void onStartupTimeout(Attempt a) {
        if (a != s.current || s.state != ServiceState.STARTING) {
            return;
        }
        String where = s.config.healthMode() == HealthMode.TCP ? " on port " + a.port
                : " at " + s.reporter.snapshot().baseUrl() + s.config.healthPath();
        failStart(a, "Django service did not become healthy within " + DurationText.format(s.config.startupTimeout())
                + where + " (last check: " + describe(a.lastProbe) + "); raise startupTimeout if it is just slow,"
                + " or run `sideeye doctor` (see " + Supervisor.TROUBLESHOOTING + "#the-backend-does-not-become-healthy)",
                s.reporter.stderrTail());
    }

    /**
     * The JVM is shutting down and the launcher refused to spawn: this attempt ends STOPPED, and
     * nothing retries (shutdown is final).
     */
    void refused(Attempt a, String message) {
        a.cancelStartupTimers();
        s.lastError = message;
        s.state = ServiceState.STOPPED;
        s.publish(new ServiceEvent.Warning(s.scheduler.now(), message));
        s.publishSnapshot();
        a.outcome.complete(false);
    }

    /** A start that will not reach RUNNING: report it, end its process, then retry or settle. */
    void failStart(Attempt a, String message, String cause) {
        a.cancelStartupTimers();
        s.lastError = message;
        s.publish(new Error(s.scheduler.now(), message, cause));
        if (a.childAlive()) {
            s.state = ServiceState.BACKOFF; // the process is being removed; nothing is served
            s.termination.terminate(a);
        }
        s.publishSnapshot();
        afterFailedStart(a);
    }

    void afterFailedStart(Attempt a) {
        if (a.childAlive()) {
            return; // continued by onExit once the tree is gone
        }
        if (a.automatic && !s.restartsHeld) {
            s.recovery.scheduleRestart(a, "failed restart");
        } else {
            s.launcher.dropPort();
            s.state = ServiceState.STOPPED;
            s.publishSnapshot();
            a.outcome.complete(false);
        }
    }

    static String describe(HealthCheckResult health) {
        return health == null ? "none answered" : health.healthy() ? "healthy" : health.error();
    }
}
