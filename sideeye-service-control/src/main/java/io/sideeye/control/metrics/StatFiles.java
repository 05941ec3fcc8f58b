package io.sideeye.control.metrics;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The {@code /proc/PID/stat} files of the processes being sampled, kept open and read again from
 * their start at each sample: one {@code pread} of an open file, where opening it by its path each
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

    private final Map<Long, FileChannel> open = new HashMap<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(4096); // a stat line is well under 1 KiB
    private final byte[] text = new byte[4096];

    /**
     * The process {@code pid} now, or null when it has ended.
     *
     * @throws java.io.UncheckedIOException when its file cannot be read for another reason
     */
    ProcStat read(long pid) {
        FileChannel file = open.get(pid);
        if (file == null) {
            if (open.size() >= MAX_OPEN) {
                return ProcStat.read(pid);
            }
            try {
                file = FileChannel.open(Path.of("/proc/" + pid + "/stat"));
            } catch (IOException | RuntimeException endedOrUnreadable) {
                return ProcStat.read(pid); // tells the two apart
            }
            open.put(pid, file);
        }
        int n;
        try {
            buffer.clear();
            n = file.read(buffer, 0); // one pread from the start: the kernel makes the text anew each time
        } catch (IOException ended) {
            n = -1;
        }
        if (n <= 0 || n == buffer.capacity()) {
            close(pid);
            return n <= 0 ? null : ProcStat.read(pid);
        }
        buffer.flip().get(text, 0, n);
        return ProcStat.parse((int) pid, new String(text, 0, n, StandardCharsets.ISO_8859_1));
    }

    /** Closes the files of every process but {@code keep}'s. */
    void retain(Set<Long> keep) {
        for (Iterator<Map.Entry<Long, FileChannel>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, FileChannel> e = it.next();
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
        FileChannel file = open.remove(pid);
        if (file != null) {
            closeQuietly(file);
        }
    }

    private static void closeQuietly(FileChannel file) {
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
