package io.sideeye.service.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Descendants of a process read from Linux's {@code /proc/PID/task/TID/children} lists
 * (kernels built with {@code CONFIG_PROC_CHILDREN}, as every major distribution's): a few small
 * reads per process of the tree, where {@link ProcessHandle#descendants()} reads the status of
 * every process on the machine (about 1 ms of CPU with a hundred processes).
 *
 * <p>The kernel documents these lists as exact only for a stopped tree: a child forked or
 * re-parented while a list is being read may be missing from it. {@link ProcessTree} therefore
 * uses them only for its periodic refresh, which the next refresh corrects, and confirms with
 * full scans before it signals.
 */
final class ChildrenFiles {
    private static final Path PROC = Path.of("/proc");

    /** Whether this system has the lists (checked once, on this JVM's own main thread). */
    static final boolean AVAILABLE = readable();

    private ChildrenFiles() {
    }

    private static boolean readable() {
        String self = Long.toString(ProcessHandle.current().pid());
        return Files.isReadable(PROC.resolve(self).resolve("task").resolve(self).resolve("children"));
    }

    /**
     * Adds the descendants of {@code pid} (children of all its threads, recursively) to
     * {@code into}. A process that ends meanwhile is skipped, with the part of the tree below it
     * that was not read yet.
     *
     * @throws IOException when a list exists but cannot be read; the caller falls back to the
     *                     portable scan
     */
    static void addDescendants(long pid, Set<ProcessHandle> into) throws IOException {
        Deque<Long> pending = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        pending.push(pid);
        while (!pending.isEmpty()) {
            long parent = pending.pop();
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(PROC.resolve(Long.toString(parent)).resolve("task"))) {
                for (Path task : tasks) {
                    for (long child : children(task)) {
                        if (seen.add(child)) {
                            ProcessHandle.of(child).ifPresent(into::add);
                            pending.push(child);
                        }
                    }
                }
            } catch (NoSuchFileException ended) {
                // the process ended while being read: nothing below it is reachable from here
            }
        }
    }

    /** The pids listed in one thread's children file; none when the thread ended meanwhile. */
    private static long[] children(Path task) throws IOException {
        String text;
        try {
            text = Files.readString(task.resolve("children"));
        } catch (NoSuchFileException threadEnded) {
            return new long[0];
        }
        String[] fields = text.trim().split(" ");
        long[] pids = new long[fields.length];
        int n = 0;
        for (String field : fields) {
            if (!field.isEmpty()) {
                pids[n++] = Long.parseLong(field);
            }
        }
        return java.util.Arrays.copyOf(pids, n);
    }
}
