package io.sideeye.service.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A process and every process it started, as far as they have been seen. A parent's children
 * are re-parented the moment it dies and can no longer be found from the root, so the tree is
 * {@link #capture() refreshed} cheaply while it runs and {@link #captureConfirmed() captured in
 * full} before it is signalled; members once seen stay members until they end.
 *
 * <p>A child started in a session of its own on Linux ({@link OwnSession}) has a second way to
 * find them: its session. Whatever the child forks stays in the session after its parent died,
 * unless it called {@code setsid()} itself, so the full capture also adds every process of the
 * session ({@link SessionMembers}). For such a tree the periodic refresh matters only for a
 * descendant that leaves the session and then loses its parent, which is why it may run less
 * often (see {@link SystemChildProcess}).
 *
 * <p>Signals go to the root first, so that a master process (gunicorn's arbiter, Django's
 * autoreloader) knows it is shutting down before it could replace a worker that ended. On Unix
 * {@link #terminate()} sends SIGTERM and {@link #kill()} SIGKILL. Windows has no signals: there
 * both end each member at once (TerminateProcess), since {@link ProcessHandle#destroy()} cannot
 * ask a process to stop politely.
 *
 * <p>Handles compare by pid and start time, so a pid reused by an unrelated process is never
 * signalled. Thread-safe.
 */
final class ProcessTree {
    private static final boolean PROC_FS = Files.isReadable(Path.of("/proc/self/stat"));
    /** The most full scans a confirmed capture makes. */
    static final int MAX_CONFIRMING_SCANS = 5;

    private final ProcessHandle root;
    private final BooleanSupplier rootAlive;
    /** The session the root leads, whose processes are members (-1: none, or no session scan here). */
    private final long session;
    private final Set<ProcessHandle> members = new LinkedHashSet<>();

    /** The tree of any process, e.g. a stale backend of an earlier run. */
    ProcessTree(ProcessHandle root) {
        this(root, () -> isRunning(root), -1);
    }

    /**
     * The tree of a child of this JVM, whose {@link Process#isAlive()} answers without reading
     * /proc: until the JDK has reaped the child its pid cannot be given to another process, so
     * reading the child's children lists is safe while it says true.
     *
     * @param ownSession whether the child was started as the leader of a session of its own, so
     *                   that the processes of that session are members (where
     *                   {@link SessionMembers#AVAILABLE})
     */
    ProcessTree(Process child, boolean ownSession) {
        this(child.toHandle(), child::isAlive, ownSession && SessionMembers.AVAILABLE ? child.pid() : -1);
    }

    private ProcessTree(ProcessHandle root, BooleanSupplier rootAlive, long session) {
        this.root = root;
        this.rootAlive = rootAlive;
        this.session = session;
        members.add(root);
    }

    /** Whether the full capture also finds members by their session (see the class comment). */
    boolean findsSession() {
        return session > 0;
    }

    /** The process the tree grew from. */
    ProcessHandle root() {
        return root;
    }

    /**
     * Adds the current descendants of the root and of every member still running (a member
     * whose parent died is no longer reachable from the root), and forgets members that ended.
     * This is the cheap refresh made while the tree runs: on Linux it reads the tree's own
     * children lists, which may miss a process forked during the read (the next refresh, or
     * the {@linkplain #captureConfirmed() confirmed capture} before any signal, finds it).
     */
    synchronized void capture() {
        captureWith(ProcessTree::listedDescendants);
    }

    /**
     * Captures the tree as completely as can be done without stopping it, before it is
     * signalled and once its root has exited: the cheap refresh, then full scans of the process
     * table ({@link ProcessHandle#descendants()}, and the session's processes for a tree that
     * has a session) until a scan finds no member that was not known (at most
     * {@value #MAX_CONFIRMING_SCANS} scans, for a tree that keeps forking).
     */
    synchronized void captureConfirmed() {
        captureWith(ProcessTree::listedDescendants);
        for (int scan = 0; scan < MAX_CONFIRMING_SCANS; scan++) {
            boolean grew = addSessionMembers();
            if (!captureWith(ProcessTree::scannedDescendants) && !grew) {
                return;
            }
        }
    }

    /** Adds the running processes of the root's session; whether one was not a member yet. */
    private boolean addSessionMembers() {
        if (session <= 0) {
            return false;
        }
        Set<ProcessHandle> inSession = new HashSet<>();
        SessionMembers.add(session, inSession);
        return members.addAll(inSession);
    }

    /** One pass of {@code descendants} over the live members; whether it found a new member. */
    private boolean captureWith(BiConsumer<ProcessHandle, Set<ProcessHandle>> descendants) {
        Set<ProcessHandle> reached = new HashSet<>();
        if (rootAlive.getAsBoolean()) {
            descendants.accept(root, reached);
        }
        for (ProcessHandle member : List.copyOf(members)) {
            if (member != root && !reached.contains(member) && isRunning(member)) {
                descendants.accept(member, reached);
            }
        }
        boolean grew = members.addAll(reached);
        members.removeIf(m -> m != root && !isRunning(m));
        return grew;
    }

    private static void listedDescendants(ProcessHandle parent, Set<ProcessHandle> into) {
        if (ChildrenFiles.AVAILABLE) {
            try {
                ChildrenFiles.addDescendants(parent.pid(), into);
                return;
            } catch (IOException | RuntimeException unreadable) {
                // fall back to the portable scan
            }
        }
        scannedDescendants(parent, into);
    }

    private static void scannedDescendants(ProcessHandle parent, Set<ProcessHandle> into) {
        parent.descendants().forEach(into::add);
    }

    /** Captures the tree (confirmed) and asks every member to end (SIGTERM; on Windows: ends it). */
    void terminate() {
        signal(false);
    }

    /** Captures the tree (confirmed) and forcibly ends every member (SIGKILL). */
    void kill() {
        signal(true);
    }

    /** The members still running, root first. */
    synchronized List<ProcessHandle> running() {
        return members.stream().filter(ProcessTree::isRunning).collect(Collectors.toList());
    }

    /** Whether no member is running any more. */
    boolean isGone() {
        return running().isEmpty();
    }

    /** The pids of the members still running, for messages, e.g. {@code [4711, 4712]}. */
    String runningPids() {
        return running().stream().map(h -> Long.toString(h.pid())).collect(Collectors.joining(", ", "[", "]"));
    }

    private void signal(boolean force) {
        captureConfirmed();
        long self = ProcessHandle.current().pid();
        for (ProcessHandle member : running()) {
            if (member.pid() == self) {
                continue;
            }
            if (force) {
                member.destroyForcibly();
            } else {
                member.destroy();
            }
        }
    }

    /**
     * Whether {@code process} is running: alive, and on Linux not a zombie. A killed process
     * whose parent has not collected it yet counts as alive to {@link ProcessHandle#isAlive()};
     * it holds no port and no memory, and under an init that reaps slowly it may linger for
     * seconds, so waiting for it would only delay a stop.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        if (!PROC_FS) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int end = stat.lastIndexOf(')'); // the command name may itself contain ')'
            char state = end >= 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : '?';
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false; // gone between the two checks
        }
    }
}
