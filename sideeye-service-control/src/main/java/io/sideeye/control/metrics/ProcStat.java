package io.sideeye.control.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One process's CPU time and resident memory from Linux's {@code /proc/PID/stat}: one small read
 * per process, where OSHI reads five files per process and needs JNA (~0.2-0.5 ms a process and a
 * few MiB of classes and native code, docs/BENCHMARKS.md, section {@code daemons}).
 *
 * <p>CPU times in that file count in the kernel's user-space clock ticks, {@code USER_HZ}, which
 * is 100 on every architecture a JVM runs on (it is part of the kernel's interface to user
 * space, unlike the kernel's own tick rate); resident memory counts in pages, whose size is read
 * once from {@code /proc/self/smaps}.
 *
 * @param pid           the process
 * @param cpuMillis     user + system CPU time used so far
 * @param residentBytes resident memory
 * @param start         when the process started, in a unit of its source (only compared with
 *                      another reading of the same pid, to tell a reused pid from its process)
 */
record ProcStat(int pid, long cpuMillis, long residentBytes, long start) {
    private static final Path PROC = Path.of("/proc");
    private static final long MILLIS_PER_TICK = 1000 / 100; // USER_HZ
    private static final long PAGE_SIZE = pageSize();

    /** Whether this system has {@code /proc/PID/stat} files (Linux). */
    static boolean available() {
        return Files.isReadable(PROC.resolve("self").resolve("stat"));
    }

    /**
     * The process {@code pid} now, or null when it has ended.
     *
     * @throws UncheckedIOException when the file cannot be read for another reason
     */
    static ProcStat read(long pid) {
        String text;
        try {
            text = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
        } catch (NoSuchFileException ended) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/stat", e);
        }
        return parse((int) pid, text);
    }

    /**
     * Parses a {@code /proc/PID/stat} line: {@code pid (comm) state ppid ...}, where the command
     * name may hold spaces and parentheses, so fields are counted from its last {@code ')'}.
     * utime and stime are fields 14 and 15, starttime field 22 (in ticks since boot), rss field 24
     * (in pages).
     */
    static ProcStat parse(int pid, String text) {
        int close = text.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line for pid " + pid + ": " + text);
        }
        long utime = 0;
        long stime = 0;
        long start = 0;
        int field = 3; // the state, after ") "
        int from = close + 2;
        for (; field <= 24 && from < text.length(); field++) {
            int to = text.indexOf(' ', from);
            if (to < 0) {
                to = text.length();
            }
            switch (field) {
                case 14 -> utime = number(text, from, to, pid);
                case 15 -> stime = number(text, from, to, pid);
                case 22 -> start = number(text, from, to, pid);
                case 24 -> {
                    return new ProcStat(pid, (utime + stime) * MILLIS_PER_TICK, number(text, from, to, pid) * PAGE_SIZE,
                            start);
                }
                default -> {
                    // a field not needed
                }
            }
            from = to + 1;
        }
        throw new IllegalArgumentException("too few fields in /proc/" + pid + "/stat: " + text);
    }

    private static long number(String text, int from, int to, int pid) {
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--; // the line's end
        }
        try {
            return Long.parseLong(text, from, to, 10);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number in /proc/" + pid + "/stat: " + text, e);
        }
    }

    /** The page size: the first {@code KernelPageSize} of this process's mappings; else 4 KiB. */
    private static long pageSize() {
        try (BufferedReader lines = Files.newBufferedReader(PROC.resolve("self").resolve("smaps"))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("KernelPageSize:")) { // "KernelPageSize:        4 kB"
                    return Long.parseLong(line.substring("KernelPageSize:".length()).trim().split(" ")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the usual size below
        }
        return 4096;
    }
}
