package io.sideeye.service.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The processes of one session, read from Linux's {@code /proc/PID/stat} (the session id is its
 * sixth field). A child started in a session of its own ({@link OwnSession}) is that session's
 * leader, so its session id is its pid, and every process it forks inherits the id and keeps it
 * when its parent dies and it is re-parented: only a process that calls {@code setsid()} itself
 * (a daemon that detaches) leaves. While any process of the session lives, the kernel does not
 * give the session's id to another process, so the scan finds the tree's processes and nothing
 * unrelated, however long ago their parents ended.
 *
 * <p>The scan reads the stat file of every process on the machine (like
 * {@link ProcessHandle#descendants()}): {@link ProcessTree} makes it only before it signals and
 * when its root has exited, not periodically.
 */
final class SessionMembers {
    private static final Path PROC = Path.of("/proc");

    /**
     * Whether this system has {@code /proc/PID/stat} with session ids (Linux). This JVM's own
     * session id may read 0: in a PID namespace (a container entered with {@code docker exec},
     * {@code unshare --pid}) whose session leader lives outside it. Only the sessions of children
     * started by {@code setsid}, whose ids are their pids, are ever scanned.
     */
    static final boolean AVAILABLE = !Platform.WINDOWS && Files.isReadable(PROC.resolve("self").resolve("stat"))
            && session(ProcessHandle.current().pid()) >= 0;

    private SessionMembers() {
    }

    /**
     * Adds the processes of session {@code sid} that are running (not zombies), other than this
     * JVM, to {@code into}. A process that ends during the scan is skipped.
     */
    static void add(long sid, Set<ProcessHandle> into) {
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                long pid = pidOf(entry.getFileName().toString());
                if (pid > 0 && pid != self && session(pid) == sid) {
                    ProcessHandle.of(pid).filter(ProcessTree::isRunning).ifPresent(into::add);
                }
            }
        } catch (IOException e) {
            // /proc cannot be listed: the other captures of the tree still stand
        }
    }

    /** The session id of process {@code pid}, or -1 when it ended or its stat cannot be read. */
    static long session(long pid) {
        String stat;
        try {
            stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
        } catch (IOException e) {
            return -1;
        }
        // after the command name, which may itself contain ')': state ppid pgrp session ...
        int field = 0;
        int start = stat.lastIndexOf(')') + 2;
        for (int i = start; i > 1 && i < stat.length(); i++) {
            if (stat.charAt(i) == ' ') {
                field++;
                if (field == 3) {
                    int end = stat.indexOf(' ', i + 1);
                    return parse(stat, i + 1, end < 0 ? stat.length() : end);
                }
            }
        }
        return -1;
    }

    private static long parse(String text, int from, int to) {
        try {
            return Long.parseLong(text, from, to, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long pidOf(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return -1;
            }
        }
        return name.isEmpty() ? -1 : Long.parseLong(name);
    }
}
