package io.sideeye.service;

import io.sideeye.service.ServiceEvent.Error;
import io.sideeye.service.process.ExitStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * What the supervisor does when a launch goes wrong after it started: the process's exit (in
 * every state), and the automatic restart of a RUNNING service through the {@code RestartPolicy}
 * (backoff, attempts, giving up as FAILED).
 *
 * <p>Runs on the supervisor's scheduler thread only, and works on the {@link Supervisor}'s state.
 */
final class Recovery {
    private final Supervisor s;

    Recovery(Supervisor s) {
        this.s = s;
    }

    /** The process of {@code a} exited: reported, and handled as the state it happened in asks. */
    void onExit(Attempt a, ExitStatus status) {
        if (a.exited) {
            return;
        }
        ExitStatus exit = status != null ? status : new ExitStatus(-1, null);
        a.exited = true;
        a.exitExpected = true; // from here the supervisor itself decides whether to hold the port
        if (a == s.current) {
            s.health.cancel(); // no passing check is reported after the exit
        }
        s.lastExit = new ExitInfo(s.scheduler.now(), exit.code(), exit.signal());
        s.publish(new ServiceEvent.ProcessExit(s.lastExit.timestamp(), exit.code(), exit.signal()));
        a.child.kill(); // members of the tree that outlived its root
        if (a != s.current) { // a generation replaced by a zero-downtime restart: its own timers, not the record's
            s.publishSnapshot();
            return;
        }
        s.termination.cancelKill();
        s.launcher.forget();
        switch (s.state) {
            case STARTING -> s.launches.failStart(a, "Django service exited during startup with code " + exit.code()
                    + (exit.signal() != null ? " (" + exit.signal() + ")" : "") + s.reporter.lastStderrLine(), s.reporter.stderrTail());
            case RUNNING -> {
                s.launcher.holdPort(a.port); // connections wait for the next backend instead of being refused
                recover(a, "process exit");
            }
            case STOPPING -> s.termination.finishStop();
            case BACKOFF -> {
                if (s.pendingLaunch != null) {
                    Attempt next = s.pendingLaunch;
                    s.pendingLaunch = null;
                    s.launches.launch(next);
                } else if (!a.outcome.isDone()) {
                    s.launches.afterFailedStart(a);
                } else {
                    s.publishSnapshot();
                }
            }
            default -> s.publishSnapshot();
        }
    }

    /** RUNNING went wrong: remove what is left of the process and restart through the policy. */
    void recover(Attempt a, String reason) {
        s.handovers.abort();
        if (s.restartsHeld) { // a stop is on its way: this is it, early
            s.termination.beginStop(new CompletableFuture<>());
            return;
        }
        s.health.cancel();
        s.resetTask.cancel();
        s.runningSinceNanos = 0;
        s.state = ServiceState.BACKOFF;
        if (a.childAlive()) {
            s.termination.terminate(a);
        }
        scheduleRestart(a, reason);
    }

    /** The next automatic launch after the policy's delay, or FAILED once the attempts are used up. */
    void scheduleRestart(Attempt a, String reason) {
        if (s.policy.exhausted(s.restartAttempts)) {
            s.launcher.dropPort();
            s.state = ServiceState.FAILED;
            s.lastError = "Max restart attempts reached after " + reason + " (" + s.restartAttempts + "/"
                    + s.config.maxRestartAttempts() + "); call start() to try again";
            s.publishSnapshot(); // first, so a listener of the error already reads FAILED from getStatus()
            s.publish(new Error(s.scheduler.now(), s.lastError, s.reporter.stderrTail()));
            a.outcome.complete(false);
            return;
        }
        s.restartAttempts++;
        s.restartsTotal++;
        Duration delay = s.policy.delayFor(s.restartAttempts);
        s.state = ServiceState.BACKOFF;
        s.publish(new ServiceEvent.Info(s.scheduler.now(), "Attempting automatic restart (attempt " + s.restartAttempts
                + "/" + s.config.maxRestartAttempts() + ")"));
        s.publish(new ServiceEvent.Restarting(s.scheduler.now(), s.restartAttempts, delay.toMillis()));
        s.publishSnapshot();
        s.backoffTask = s.scheduler.schedule(delay, () -> {
            if (s.state == ServiceState.BACKOFF && s.current == a && !s.restartsHeld) {
                s.launches.launchAfter(a, new Attempt(true, s.scheduler.nanoTime()));
            }
        });
    }
}
