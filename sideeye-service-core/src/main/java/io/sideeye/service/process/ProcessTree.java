package io.sideeye.service.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A process and every process it started, as far as they have been seen. A parent's children
 * are re-parented the moment it dies and can no longer be found from the root, so the tree is
 * captured before it is signalled and {@link #capture() refreshed} while it runs; members once
 * seen stay members until they end.
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

    private final ProcessHandle root;
    private final Set<ProcessHandle> members = new LinkedHashSet<>();

    ProcessTree(ProcessHandle root) {
        this.root = root;
        members.add(root);
    }

    /** The process the tree grew from. */
    ProcessHandle root() {
        return root;
    }

    /**
     * Adds the current descendants of the root and of every member still running (a member
     * whose parent died is no longer reachable from the root), and forgets members that ended.
     */
    synchronized void capture() {
        Set<ProcessHandle> reached = new HashSet<>();
        if (isRunning(root)) {
            root.descendants().forEach(reached::add);
        }
        for (ProcessHandle member : List.copyOf(members)) {
            if (member != root && !reached.contains(member) && isRunning(member)) {
                member.descendants().forEach(reached::add);
            }
        }
        members.addAll(reached);
        members.removeIf(m -> m != root && !isRunning(m));
    }

    /** Captures the tree and asks every member to end (SIGTERM; on Windows: ends it). */
    void terminate() {
        signal(false);
    }

    /** Captures the tree and forcibly ends every member (SIGKILL). */
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
        capture();
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
