package io.sideeye.control.metrics;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Samples CPU and resident memory of process trees (Linux, macOS and Windows). A tree's members
 * come from Linux's children lists, else {@link ProcessHandle#descendants()}; each member is read
 * from its {@code /proc/PID/stat} on Linux ({@link ProcStat}, the files kept open between
 * samples: {@link StatFiles}), with OSHI elsewhere
 * ({@link OshiProcesses}, loaded on first use only). Each root (one per service instance) keeps
 * its own history: a sample of the same root taken less than a second after the previous one
 * returns that one, which keeps the cost flat however many clients poll and gives CPU
 * percentages a stable base. Roots not sampled for a minute are forgotten.
 *
 * <p>Finding the members is most of a sample's cost (on Linux a children list per thread of
 * every member: nine small reads for a waitress backend of one process and seven threads,
 * against one for its figures; each read of a file is 40-50 us on a small virtual machine when a
 * sample comes every 2 s, docs/BENCHMARKS.md, section {@code daemons}). So the members are
 * listed again only every {@link #RELIST_INTERVAL}, and at the sample after one of them ended;
 * in between, a sample reads the figures of the members it knows, and leaves out those that ended
 * (or whose pid now names another process). So a worker that replaces one that ended (gunicorn's
 * arbiter forks it within a second) is counted from the next sample on; a process forked while
 * none ended, from the next listing on, at most {@code RELIST_INTERVAL} later.
 */
public final class ProcessTreeSampler implements AutoCloseable {
    private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;
    private static final long FORGET_AFTER_NANOS = 60_000_000_000L;
    /** How long a tree's list of members is used before it is listed again, while none ended. */
    static final Duration RELIST_INTERVAL = Duration.ofSeconds(30);
    private static final Path PROC = Path.of("/proc");
    private static final boolean CHILDREN_FILES = childrenFiles();

    private static final boolean PROC_STAT = ProcStat.available();

    private final Map<Long, History> roots = new HashMap<>();
    private final long relistNanos;
    private final StatFiles statFiles = new StatFiles();
    private OshiProcesses oshi;

    /** A sampler that lists a tree's members every {@link #RELIST_INTERVAL}. */
    public ProcessTreeSampler() {
        this(RELIST_INTERVAL);
    }

    /** A sampler that lists a tree's members every {@code relist} (for tests). */
    ProcessTreeSampler(Duration relist) {
        this.relistNanos = relist.toNanos();
    }

    /** The tree rooted at {@code rootPid} (null: nothing runs). */
    public synchronized ProcessTreeSample sample(Long rootPid) {
        if (rootPid == null) {
            return ProcessTreeSample.NONE;
        }
        long now = System.nanoTime();
        roots.values().removeIf(h -> now - h.nanos > FORGET_AFTER_NANOS);
        History before = roots.get(rootPid);
        if (before != null && now - before.nanos < MIN_INTERVAL_NANOS) {
            return before.sample;
        }
        boolean relist = before == null || now - before.listedNanos >= relistNanos;
        List<ProcStat> tree = relist ? null : reread(before.members);
        if (tree == null) {
            tree = read(rootPid);
            relist = true;
        }
        Map<Integer, Long> cpu = new HashMap<>();
        long rss = 0;
        long totalCpu = 0;
        long deltaCpu = 0;
        for (ProcStat p : tree) {
            long millis = p.cpuMillis();
            cpu.put(p.pid(), millis);
            totalCpu += millis;
            rss += p.residentBytes();
            Long earlier = before == null ? null : before.cpuMillis.get(p.pid());
            if (earlier != null && millis >= earlier) {
                deltaCpu += millis - earlier;
            }
        }
        double elapsedMillis = before == null ? 0 : (now - before.nanos) / 1e6;
        double percent = elapsedMillis <= 0 || before.cpuMillis.isEmpty() ? 0 : 100.0 * deltaCpu / elapsedMillis;
        ProcessTreeSample sample = new ProcessTreeSample(rootPid, tree.size(), totalCpu / 1000.0, percent, rss);
        // a member that ended may have a replacement by the next sample: list the tree then
        long listed = relist ? now : tree.size() < before.members.size() ? now - relistNanos : before.listedNanos;
        roots.put(rootPid, new History(now, cpu, sample, tree, listed));
        if (PROC_STAT && relist) { // files of members that ended meanwhile are closed at the next listing
            Set<Long> sampled = new HashSet<>();
            roots.values().forEach(h -> h.members.forEach(m -> sampled.add((long) m.pid())));
            statFiles.retain(sampled);
        }
        return sample;
    }

    /** Files kept open for the next samples (for tests). */
    synchronized int openFiles() {
        return statFiles.openFiles();
    }

    /** Closes the files kept open for the next samples; a later sample opens them again. */
    @Override
    public synchronized void close() {
        statFiles.close();
    }

    private List<ProcStat> read(long rootPid) {
        List<Long> pids = new ArrayList<>();
        ProcessHandle.of(rootPid).ifPresent(root -> {
            pids.add(root.pid());
            addDescendants(root, pids);
        });
        List<ProcStat> tree = new ArrayList<>();
        for (long pid : pids) {
            ProcStat p = readOne(pid);
            if (p != null) {
                tree.add(p);
            }
        }
        return tree;
    }

    /**
     * The figures of the members listed before, without those that ended or whose pid was taken
     * by another process; null when the root itself is gone (a listing tells what is left).
     */
    private List<ProcStat> reread(List<ProcStat> members) {
        List<ProcStat> tree = new ArrayList<>(members.size());
        for (ProcStat known : members) {
            ProcStat p = readOne(known.pid());
            if (p != null && p.start() == known.start()) {
                tree.add(p);
            } else if (tree.isEmpty()) {
                return null; // the root (listed first) is gone
            }
        }
        return tree;
    }

    private ProcStat readOne(long pid) {
        if (PROC_STAT) {
            try {
                return statFiles.read(pid);
            } catch (RuntimeException unreadable) {
                // e.g. a /proc mounted with hidepid: OSHI below
            }
        }
        if (oshi == null) {
            oshi = new OshiProcesses();
        }
        return oshi.read(pid);
    }

    /**
     * The descendants of {@code root}: on Linux from the {@code /proc/PID/task/TID/children}
     * lists of the tree's own processes (a few small reads), elsewhere, or where the kernel has
     * no such lists, from {@link ProcessHandle#descendants()}, which reads every process on the
     * machine (2.6-3.9 ms a call with 110 processes on a loaded machine, docs/BENCHMARKS.md,
     * section {@code daemons}). A sample is a snapshot either way: a process forked meanwhile
     * shows in the next one.
     */
    private static void addDescendants(ProcessHandle root, List<Long> into) {
        if (CHILDREN_FILES) {
            int mark = into.size();
            try {
                Deque<Long> pending = new ArrayDeque<>(List.of(root.pid()));
                Set<Long> seen = new HashSet<>(pending);
                while (!pending.isEmpty()) {
                    long parent = pending.pop();
                    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(PROC.resolve(Long.toString(parent)).resolve("task"))) {
                        for (Path task : tasks) {
                            for (String child : children(task)) {
                                long pid = Long.parseLong(child);
                                if (seen.add(pid)) {
                                    into.add(pid);
                                    pending.push(pid);
                                }
                            }
                        }
                    } catch (NoSuchFileException ended) {
                        // ended while being read: nothing below it is reachable
                    }
                }
                return;
            } catch (IOException | RuntimeException e) {
                into.subList(mark, into.size()).clear(); // the portable scan below instead
            }
        }
        root.descendants().forEach(d -> into.add(d.pid()));
    }

    private static String[] children(Path task) throws IOException {
        try {
            String text = Files.readString(task.resolve("children")).trim();
            return text.isEmpty() ? new String[0] : text.split(" ");
        } catch (NoSuchFileException threadEnded) {
            return new String[0];
        }
    }

    private static boolean childrenFiles() {
        String self = Long.toString(ProcessHandle.current().pid());
        return Files.isReadable(PROC.resolve(self).resolve("task").resolve(self).resolve("children"));
    }

    /**
     * What the previous sample of one root saw: its figures, its members (the root first) and
     * when they were listed.
     */
    private record History(long nanos, Map<Integer, Long> cpuMillis, ProcessTreeSample sample, List<ProcStat> members,
                           long listedNanos) {
    }
}
