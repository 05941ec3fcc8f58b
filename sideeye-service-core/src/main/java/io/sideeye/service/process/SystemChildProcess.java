package io.sideeye.service.process;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child started by {@link SystemProcessLauncher}: the {@link Process}, the tree it grows and
 * the pumps draining its output.
 *
 * <p>{@link #onExit()} completes once the process exited, its output was drained (or the pipes
 * stayed silent for {@link #DRAIN_GRACE}: a grandchild may hold them open) and its tree has
 * settled:
 * <ul>
 * <li>after {@link #terminate()}, once every captured member is gone, so a caller that waits
 *     for {@code onExit()} with its shutdown timeout and then calls {@link #kill()} leaves no
 *     survivor; after {@code kill()} it waits at most {@link #KILL_GRACE} more;</li>
 * <li>when the process ended by itself, descendants it left behind (e.g. the server child of
 *     an autoreloader) are terminated, and killed after {@link #ORPHAN_GRACE}, before the
 *     exit is reported, so that a restart finds the port free.</li>
 * </ul>
 */
final class SystemChildProcess implements ChildProcess {
    private static final Logger LOG = LoggerFactory.getLogger(SystemChildProcess.class);

    /** How long the pipes may stay silent after the exit before it is reported with them open. */
    static final Duration DRAIN_GRACE = Duration.ofMillis(200);
    /** The longest the exit report waits for the output to be drained. */
    static final Duration DRAIN_LIMIT = Duration.ofSeconds(5);
    /** How long descendants left behind by a process that ended by itself get to end. */
    static final Duration ORPHAN_GRACE = Duration.ofSeconds(2);
    /** How long the exit report waits for killed members to disappear. */
    static final Duration KILL_GRACE = Duration.ofSeconds(2);
    /** How often the descendants of a running child are captured (first after a quarter of it). */
    private static final Duration CAPTURE_PERIOD = Duration.ofSeconds(1);

    private final Process process;
    private final ProcessTree tree;
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    private final CompletableFuture<Void> settled = new CompletableFuture<>();
    private final ScheduledFuture<?> periodicCapture;
    private volatile boolean stopRequested;

    SystemChildProcess(Process process, OutputPump stdout, OutputPump stderr) {
        this.process = process;
        this.tree = new ProcessTree(process.toHandle());
        this.periodicCapture = ProcessWatch.every(CAPTURE_PERIOD.dividedBy(4), CAPTURE_PERIOD, tree::capture);
        process.onExit()
                .thenCompose(p -> drained(stdout, stderr))
                .thenCompose(v -> settleTree())
                .whenComplete((v, failure) -> reportExit());
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public CompletableFuture<ExitStatus> onExit() {
        return exit;
    }

    @Override
    public void captureTree() {
        tree.capture();
    }

    @Override
    public void terminate() {
        stopRequested = true;
        tree.terminate();
    }

    @Override
    public void kill() {
        stopRequested = true;
        tree.kill();
        ProcessWatch.schedule(KILL_GRACE, () -> {
            if (!settled.isDone()) {
                LOG.warn("process tree of pid {}: {} still present {} after SIGKILL; reporting the exit anyway",
                        pid(), tree.runningPids(), KILL_GRACE);
                settled.complete(null);
            }
        });
    }

    /** The pids of the tree's members seen so far that still run (for tests and diagnostics). */
    Set<Long> knownPids() {
        return tree.running().stream().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /**
     * Completes when both pumps reached the end of their streams or, since a grandchild may hold
     * the pipes open, when each has delivered all it read and waited {@link #DRAIN_GRACE} for
     * more; at the latest after {@link #DRAIN_LIMIT} (a writer that never stops).
     */
    private static CompletableFuture<Void> drained(OutputPump stdout, OutputPump stderr) {
        CompletableFuture<Void> drained = new CompletableFuture<>();
        CompletableFuture.allOf(stdout.done(), stderr.done()).thenRun(() -> drained.complete(null));
        long limit = System.nanoTime() + DRAIN_LIMIT.toNanos();
        CompletableFuture<Void> quiet = ProcessWatch.until(() -> stdout.isDrained(DRAIN_GRACE)
                && stderr.isDrained(DRAIN_GRACE) || System.nanoTime() - limit >= 0);
        quiet.thenRun(() -> drained.complete(null));
        drained.thenRun(() -> quiet.cancel(false));
        return drained;
    }

    /** Ends and awaits what is left of the tree once the root exited. */
    private CompletableFuture<Void> settleTree() {
        periodicCapture.cancel(false);
        tree.capture();
        if (!stopRequested && !tree.isGone()) {
            LOG.warn("process {} exited and left {} running; terminating them, SIGKILL after {}",
                    pid(), tree.runningPids(), ORPHAN_GRACE);
            terminate();
            ProcessWatch.schedule(ORPHAN_GRACE, () -> {
                if (!settled.isDone()) {
                    kill();
                }
            });
        }
        CompletableFuture<Void> gone = ProcessWatch.until(tree::isGone);
        gone.whenComplete((v, failure) -> settled.complete(null));
        settled.whenComplete((v, failure) -> gone.cancel(false));
        return settled;
    }

    /**
     * Completes {@link #onExit()} on the common pool, so that what callers chain to it never runs
     * on (or blocks) a pump thread or the JVM-wide process watch.
     */
    private void reportExit() {
        exit.completeAsync(() -> ExitStatus.of(process.exitValue(), !Platform.WINDOWS));
    }

    @Override
    public String toString() {
        return "ChildProcess[pid " + pid() + (isAlive() ? ", running]" : ", exited]");
    }
}
