package io.sideeye.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fields of Linux's {@code /proc/PID/stat} that tests look at.
 *
 * @param command the program's name (field 2, without parentheses)
 * @param state   the state (field 3): {@code R} running, {@code S} sleeping, {@code T} stopped, {@code Z} zombie, ...
 * @param ppid    the parent's pid (field 4)
 * @param pgid    the process group id (field 5)
 * @param session the session id (field 6)
 */
public record ProcStat(String command, char state, long ppid, long pgid, long session) {

    /**
     * Reads the stat line of {@code pid}.
     *
     * @throws IOException when there is no such process (any more)
     */
    public static ProcStat of(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')'); // the command name may itself contain ')'
        String[] rest = stat.substring(close + 2).split(" ");
        return new ProcStat(stat.substring(open + 1, close), rest[0].charAt(0), Long.parseLong(rest[1]),
                Long.parseLong(rest[2]), Long.parseLong(rest[3]));
    }

    /** The stat line of this JVM. */
    public static ProcStat self() throws IOException {
        return of(ProcessHandle.current().pid());
    }
}
