package io.sideeye.service.process;

import io.sideeye.service.time.Cancellable;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child started by {@link SystemProcessLauncher}: the {@link Process}, the tree it grows and
 * the pumps draining its output (each on its own daemon thread).
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
    /** How long the last pump, at the end of the output, waits for the exit status (normally microseconds). */
    static final Duration EXIT_AFTER_OUTPUT = Duration.ofSeconds(1);
    /**
     * When the descendants of a new child are first captured; then at every tick of the
     * {@linkplain ProcessWatch#TICK process watch} (once a second), or of {@link #SESSION_REFRESH}.
     */
    private static final Duration FIRST_CAPTURE = Duration.ofMillis(250);
    /**
     * The refresh period of a tree whose processes are also found by their session (a child in a
     * session of its own on Linux, see {@link ProcessTree}). The session finds every descendant
     * that stays in it, whenever its parent ended; the refresh is left to find those that leave
     * the session ({@code setsid()}, as a detaching daemon does) and then lose their parent, and
     * it finds them if they were reachable at a refresh. At this period such a descendant is
     * missed if its parent ends within about 5 s of its birth (after the first capture), rather
     * than within about 1 s: a double-forking daemon, whose parent ends at once, is missed at
     * either period. The trade buys 12 refreshes a minute instead of 60 for each such tree.
     */
    static final Duration SESSION_REFRESH = Duration.ofSeconds(5);

    private final Process process;
    private final ProcessTree tree;
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    private final CompletableFuture<Void> settled = new CompletableFuture<>();
    private final Cancellable periodicCapture;
    private final OutputPump stdout;
    private final OutputPump stderr;
    private final AtomicBoolean exited = new AtomicBoolean();
    private volatile boolean stopRequested;

    /**
     * Watches {@code process} and starts draining its output into {@code output} (null: discarded).
     *
     * @param ownSession whether {@code process} leads a session of its own ({@link OwnSession})
     */
    SystemChildProcess(Process process, boolean ownSession, OutputListener output) {
        this.process = process;
        this.stdout = OutputPump.create(process.getInputStream(), false, output, process.pid());
        this.stderr = OutputPump.create(process.getErrorStream(), true, output, process.pid());
        this.tree = new ProcessTree(process, ownSession);
        this.periodicCapture = ProcessWatch.refreshEvery(FIRST_CAPTURE,
                tree.findsSession() ? SESSION_REFRESH : ProcessWatch.TICK, tree::capture);
        // Two ways to learn of the exit; whichever finds the process exited and its output drained
        // first settles the tree and reports, on its own thread. Usually the last pump: the pipes
        // close with the process, and its thread then waits directly for the exit status.
        CompletableFuture.allOf(stdout.done(), stderr.done()).thenRun(this::afterOutputEnded);
        // The JDK's notice (on the common pool) covers pipes held open by a grandchild.
        process.onExit().thenRun(() -> drained(stdout, stderr).thenRun(this::exitedAndDrained));
        stdout.start();
        stderr.start();
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
    public CompletableFuture<Void> onProcessExit() {
        return process.onExit().thenApply(p -> null);
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
        if (settled.isDone()) {
            return;
        }
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
     * more since the exit was noticed; at the latest after {@link #DRAIN_LIMIT} (a writer that
     * never stops). Called once the process has exited.
     */
    private static CompletableFuture<Void> drained(OutputPump stdout, OutputPump stderr) {
        CompletableFuture<Void> drained = new CompletableFuture<>();
        CompletableFuture.allOf(stdout.done(), stderr.done()).thenRun(() -> drained.complete(null));
        long exited = System.nanoTime();
        long limit = exited + DRAIN_LIMIT.toNanos();
        CompletableFuture<Void> quiet = ProcessWatch.until(() -> stdout.isDrained(DRAIN_GRACE, exited)
                && stderr.isDrained(DRAIN_GRACE, exited) || System.nanoTime() - limit >= 0);
        quiet.thenRun(() -> drained.complete(null));
        drained.thenRun(() -> quiet.cancel(false));
        return drained;
    }

    /**
     * On the thread of the pump that delivered the last line: once the process has exited too,
     * settles and reports at once. A process that closed its output but runs on is reported
     * through {@link Process#onExit()} instead.
     */
    private void afterOutputEnded() {
        try {
            if (process.waitFor(EXIT_AFTER_OUTPUT.toMillis(), TimeUnit.MILLISECONDS)) {
                exitedAndDrained();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The process exited and its output was drained: settles the tree, then reports (once). */
    private void exitedAndDrained() {
        if (exited.compareAndSet(false, true)) {
            settleTree().whenComplete((v, failure) -> reportExit());
        }
    }

    /**
     * Ends and awaits what is left of the tree once the root exited: a full capture finds
     * descendants re-parented since the last refresh (in the root's session, or below a member).
     */
    private CompletableFuture<Void> settleTree() {
        periodicCapture.cancel();
        tree.captureConfirmed();
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
     * Completes {@link #onExit()} on the calling thread (a pump's, the common pool's or the
     * process watch's): no further hand-off delays the report, so what callers chain to it must
     * be short and must not block (the supervisor posts to its own thread).
     */
    private void reportExit() {
        exit.complete(ExitStatus.of(process.exitValue(), !Platform.WINDOWS));
    }

    @Override
    public String toString() {
        return "ChildProcess[pid " + pid() + (isAlive() ? ", running]" : ", exited]");
    }
}
