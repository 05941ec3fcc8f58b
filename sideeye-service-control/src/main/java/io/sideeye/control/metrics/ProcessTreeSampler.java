package io.sideeye.control.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Samples CPU and resident memory of process trees with OSHI (Linux, macOS and Windows). A
 * tree's members come from {@link ProcessHandle#descendants()}; OSHI reads each one. OSHI is
 * loaded on first use only, so a control server that is never asked for metrics does not pay
 * for it. Each root (one per service instance) keeps its own history: a sample of the same
 * root taken less than a second after the previous one returns that one, which keeps the cost
 * flat however many clients poll and gives CPU percentages a stable base. Roots not sampled
 * for a minute are forgotten.
 */
public final class ProcessTreeSampler {
    private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;
    private static final long FORGET_AFTER_NANOS = 60_000_000_000L;

    private final Map<Long, History> roots = new HashMap<>();
    private OperatingSystem os;

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
        List<OSProcess> tree = read(rootPid);
        Map<Integer, Long> cpu = new HashMap<>();
        long rss = 0;
        long totalCpu = 0;
        long deltaCpu = 0;
        for (OSProcess p : tree) {
            long millis = p.getUserTime() + p.getKernelTime();
            cpu.put(p.getProcessID(), millis);
            totalCpu += millis;
            rss += p.getResidentSetSize();
            Long earlier = before == null ? null : before.cpuMillis.get(p.getProcessID());
            if (earlier != null && millis >= earlier) {
                deltaCpu += millis - earlier;
            }
        }
        double elapsedMillis = before == null ? 0 : (now - before.nanos) / 1e6;
        double percent = elapsedMillis <= 0 || before.cpuMillis.isEmpty() ? 0 : 100.0 * deltaCpu / elapsedMillis;
        ProcessTreeSample sample = new ProcessTreeSample(rootPid, tree.size(), totalCpu / 1000.0, percent, rss);
        roots.put(rootPid, new History(now, cpu, sample));
        return sample;
    }

    private List<OSProcess> read(long rootPid) {
        if (os == null) {
            os = new SystemInfo().getOperatingSystem();
        }
        List<Long> pids = new ArrayList<>();
        ProcessHandle.of(rootPid).ifPresent(root -> {
            pids.add(root.pid());
            root.descendants().forEach(d -> pids.add(d.pid()));
        });
        List<OSProcess> tree = new ArrayList<>();
        for (long pid : pids) {
            OSProcess p = os.getProcess((int) pid);
            if (p != null) {
                tree.add(p);
            }
        }
        return tree;
    }

    /** What the previous sample of one root saw. */
    private record History(long nanos, Map<Integer, Long> cpuMillis, ProcessTreeSample sample) {
    }
}
