package io.sideeye.service;

import io.sideeye.service.ServiceEvent.Error;
import io.sideeye.service.process.ExitStatus;
import io.sideeye.service.process.PortSharing;
import java.util.concurrent.CompletableFuture;

/**
 * The supervisor's side of a zero-downtime restart: whether one can begin, what a
 * {@link Handover} does to the supervisor's state as it goes (the new generation becomes
 * current; the old one's exit is not a crash), and the standby listener that holds a shared port
 * when the running backend dies. Runs on the supervisor's thread, on its state.
 */
final class Handovers implements Handover.Host {
    private final Supervisor s;

    Handovers(Supervisor s) {
        this.s = s;
    }

    /**
     * Begins a handover for the restart completing {@code internal} when the running backend can
     * share its port; false when the restart must stop, then start (the status's {@code restartMode}
     * says why).
     */
    boolean begin(CompletableFuture<Boolean> internal) {
        PortSharing sharing = s.launcher.sharing();
        if (s.state != ServiceState.RUNNING || s.config.attached() || !s.current.childAlive() || sharing == null
                || !sharing.supported()) {
            return false;
        }
        s.handover = new Handover(s.config, s.seams, s.launcher, s.probe, this, s.current, internal);
        s.handover.begin();
        return true;
    }

    /**
     * From the moment the running launch's process dies unexpectedly (not when its output is
     * drained, which the supervisor waits for), a standby listener holds its port where it is shared.
     */
    void holdPortOnCrash(Attempt a) {
        int port = a.port;
        a.child.onProcessExit().thenRun(() -> s.launcher.holdPort(port, () -> !a.exitExpected));
    }

    /** Ends a handover under way (a stop, or the old generation failed); see {@link Handover#abort()}. */
    CompletableFuture<Void> abort() {
        return s.handover == null ? CompletableFuture.completedFuture(null) : s.handover.abort();
    }

    @Override
    public void exited(Attempt generation, ExitStatus exit) {
        s.recovery.onExit(generation, exit);
    }

    @Override
    public void promote(Attempt next, HealthCheckResult healthy) {
        s.health.cancel();
        s.resetTask.cancel();
        next.child.captureTree();
        s.current = next;
        s.launcher.record(next);
        s.health.resetFailures();
        s.health.record(healthy);
        s.runningSinceNanos = s.scheduler.nanoTime();
        s.publish(new ServiceEvent.Started(s.scheduler.now(), next.child.pid(), next.port,
                (s.runningSinceNanos - next.startNanos) / 1_000_000));
        s.health.schedule(next);
        holdPortOnCrash(next);
        s.publishSnapshot();
    }

    @Override
    public void failed(String message, String cause) {
        s.lastError = message;
        s.publish(new Error(s.scheduler.now(), message, cause != null ? cause : s.reporter.stderrTail()));
        s.publishSnapshot();
    }

    @Override
    public void publish(ServiceEvent event) {
        s.publish(event);
    }

    @Override
    public void ended(Handover handover) {
        if (s.handover == handover) {
            s.handover = null;
        }
    }
}
