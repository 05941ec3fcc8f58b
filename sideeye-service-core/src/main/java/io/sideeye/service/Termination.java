package io.sideeye.service;

import io.sideeye.service.time.DurationText;
import io.sideeye.service.ServiceEvent.Error;
import io.sideeye.service.time.Cancellable;
import java.util.concurrent.CompletableFuture;

/**
 * The stop sequence: ending the checks and timers of the current attempt, SIGTERM to the
 * process tree, SIGKILL to survivors after {@code shutdownTimeout}, and STOPPED once the process
 * is gone.
 *
 * <p>Runs on the supervisor's scheduler thread only, and works on the {@link Supervisor}'s state.
 */
final class Termination {
    private final Supervisor s;
    private Cancellable killTask = Cancellable.NONE;

    Termination(Supervisor s) {
        this.s = s;
    }

    /**
     * STOPPING: ends the checks, timers and any launch waiting, fails a start under way, and
     * terminates the process; {@code result} completes when it is gone ({@link #finishStop}).
     */
    void beginStop(CompletableFuture<Boolean> stopped) {
        // a handover under way ends first: the stop completes once both generations are gone
        CompletableFuture<Boolean> result = s.handover == null ? stopped : Handover.after(s.handovers.abort(), stopped);
        Attempt a = s.current;
        boolean wasStarting = s.state == ServiceState.STARTING;
        s.health.cancel();
        s.resetTask.cancel();
        s.backoffTask.cancel();
        if (s.pendingLaunch != null) {
            s.pendingLaunch.outcome.complete(false);
            s.pendingLaunch = null;
        }
        a.cancelStartupTimers();
        if (wasStarting) {
            s.lastError = "Django service start was cancelled by stop()";
            s.publish(new Error(s.scheduler.now(), s.lastError, null));
        }
        s.publish(new ServiceEvent.Stopping(s.scheduler.now()));
        s.state = ServiceState.STOPPING;
        s.stopping = result;
        s.publishSnapshot();
        a.outcome.complete(false);
        if (a.childAlive()) {
            terminate(a);
        } else {
            finishStop();
        }
    }

    /** SIGTERM to the tree now, SIGKILL to survivors after {@code shutdownTimeout}. */
    void terminate(Attempt a) {
        a.exitExpected = true;
        a.child.terminate();
        killTask.cancel();
        killTask = s.scheduler.schedule(s.config.shutdownTimeout(), () -> {
            if (a.childAlive()) {
                s.publish(new ServiceEvent.Warning(s.scheduler.now(), "Django service (pid " + a.child.pid()
                        + ") did not exit within " + DurationText.format(s.config.shutdownTimeout())
                        + " of SIGTERM; sending SIGKILL"));
                a.child.kill();
            }
        });
    }

    /** The process is gone: STOPPED, and the stop under way completes. */
    void finishStop() {
        s.launcher.dropPort();
        killTask.cancel();
        s.runningSinceNanos = 0;
        s.state = ServiceState.STOPPED;
        s.publish(new ServiceEvent.Stopped(s.scheduler.now()));
        s.publishSnapshot();
        CompletableFuture<Boolean> done = s.stopping;
        s.stopping = null;
        done.complete(true);
    }

    /** The process is gone: no SIGKILL is due any more. */
    void cancelKill() {
        killTask.cancel();
    }
}
