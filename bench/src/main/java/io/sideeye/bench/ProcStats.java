package io.sideeye.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a process's CPU time, RSS, thread and descriptor counts from Linux's /proc. */
final class ProcStats {
    private static final double TICK_MS = 10.0; // USER_HZ is 100 on Linux

    private ProcStats() {}

    /** User + system CPU of {@code pid} in milliseconds. */
    static double cpuMs(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields after the name start at state (field 3); utime is field 14, stime 15
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_MS;
    }

    /** Resident set size of {@code pid} in MiB. */
    static double rssMiB(long pid) throws IOException {
        return statusField(pid, "VmRSS:") / 1024.0;
    }

    /** Live threads of {@code pid}. */
    static long threads(long pid) throws IOException {
        return statusField(pid, "Threads:");
    }

    /** Open file descriptors of {@code pid}. */
    static long fds(long pid) throws IOException {
        try (var s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return s.count();
        }
    }

    private static long statusField(long pid, String name) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("No " + name + " in /proc/" + pid + "/status");
    }

    /**
     * CPU milliseconds per thread name of {@code pid} (threads of the same name are summed; a
     * name's trailing digits become {@code #}). Read from each thread's {@code schedstat} (time
     * on the CPU in nanoseconds), since with many threads of a few milliseconds each the 10 ms
     * ticks of {@code stat} would round most of them to zero; {@code stat} where it is missing.
     */
    static Map<String, Double> threadCpuMs(long pid) throws IOException {
        Map<String, Double> byName = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+$", "#");
                    byName.merge(name, threadCpuMs(task, stat), Double::sum);
                } catch (IOException gone) {
                    // the thread ended while we listed
                }
            }
        }
        return byName;
    }

    private static double threadCpuMs(Path task, String stat) throws IOException {
        Path schedstat = task.resolve("schedstat");
        if (Files.exists(schedstat)) {
            return Long.parseLong(Files.readString(schedstat).trim().split(" ")[0]) / 1e6;
        }
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_MS;
    }

    /** The environment {@code pid} was started with ({@code /proc/PID/environ}; same user only). */
    static Map<String, String> environment(long pid) throws IOException {
        Map<String, String> env = new HashMap<>();
        byte[] raw = Files.readAllBytes(Path.of("/proc/" + pid + "/environ"));
        for (String entry : new String(raw, StandardCharsets.UTF_8).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return env;
    }

    /**
     * Local ports of the TCP connections (any state, TIME_WAIT included) whose remote end is
     * {@code port}, from {@code /proc/net/tcp} and {@code tcp6}: a connection opened in the last
     * minute is still listed after it was closed.
     */
    static Set<Integer> connectionsTo(int port) throws IOException {
        Set<Integer> local = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.exists(p)) continue;
            for (String line : Files.readAllLines(p)) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 4 || !f[2].contains(":")) continue;
                int remote = Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16);
                if (remote == port) local.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
            }
        }
        return local;
    }
}
