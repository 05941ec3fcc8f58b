package io.sideeye.control.metrics;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The {@code /proc/PID/stat} files of the processes being sampled, kept open and read again from
 * their start at each sample: one {@code read} of an open file, where opening it by its path each
 * time ({@link ProcStat#read}) also resolves the path and opens, inspects and closes the file
 * (76 against 244 us per read on a small virtual machine when a sample comes every 2 s,
 * docs/BENCHMARKS.md, section {@code daemons}). An open file stays bound to its process: once
 * that process has ended it reads as nothing (or an error), never as a process that took the pid
 * afterwards. At most {@link #MAX_OPEN} files are kept open; other processes are read by path.
 *
 * <p>Not thread-safe: the {@link ProcessTreeSampler} uses it under its lock.
 */
final class StatFiles implements AutoCloseable {
    /** Files kept open at most (one per process of the trees being sampled). */
    static final int MAX_OPEN = 64;

    private final Map<Long, RandomAccessFile> open = new HashMap<>();
    private final byte[] buffer = new byte[4096]; // a stat line is well under 1 KiB

    /**
     * The process {@code pid} now, or null when it has ended.
     *
     * @throws java.io.UncheckedIOException when its file cannot be read for another reason
     */
    ProcStat read(long pid) {
        RandomAccessFile file = open.get(pid);
        if (file == null) {
            if (open.size() >= MAX_OPEN) {
                return ProcStat.read(pid);
            }
            try {
                file = new RandomAccessFile("/proc/" + pid + "/stat", "r");
            } catch (FileNotFoundException endedOrUnreadable) {
                return ProcStat.read(pid); // tells the two apart
            }
            open.put(pid, file);
        }
        int n;
        try {
            file.seek(0); // the kernel makes the file's text anew from its start
            n = file.read(buffer);
        } catch (IOException ended) {
            n = -1;
        }
        if (n <= 0 || n == buffer.length) {
            close(pid);
            return n <= 0 ? null : ProcStat.read(pid);
        }
        return ProcStat.parse((int) pid, new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
    }

    /** Closes the files of every process but {@code keep}'s. */
    void retain(Set<Long> keep) {
        for (Iterator<Map.Entry<Long, RandomAccessFile>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, RandomAccessFile> e = it.next();
            if (!keep.contains(e.getKey())) {
                closeQuietly(e.getValue());
                it.remove();
            }
        }
    }

    /** Files open now (for tests). */
    int openFiles() {
        return open.size();
    }

    private void close(long pid) {
        RandomAccessFile file = open.remove(pid);
        if (file != null) {
            closeQuietly(file);
        }
    }

    private static void closeQuietly(RandomAccessFile file) {
        try {
            file.close();
        } catch (IOException ignored) {
            // a read-only file of /proc: nothing was left to write
        }
    }

    /** Closes every file. */
    @Override
    public void close() {
        retain(Set.of());
    }
}
