package io.sideeye.control.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Samples CPU and resident memory of a process tree with OSHI (Linux, macOS and Windows). The
 * tree's members come from {@link ProcessHandle#descendants()}; OSHI reads each one. OSHI is
 * loaded on first use only, so a control server that is never asked for metrics does not pay
 * for it. Samples taken less than {@code minInterval} apart return the previous one, which
 * keeps the cost flat however many clients poll and gives CPU percentages a stable base.
 */
public final class ProcessTreeSampler {
    private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;

    private OperatingSystem os;
    private Map<Integer, Long> lastCpuMillis = Map.of();
    private long lastNanos;
    private ProcessTreeSample last = ProcessTreeSample.NONE;

    /** The tree rooted at {@code rootPid} (null: nothing runs). */
    public synchronized ProcessTreeSample sample(Long rootPid) {
        long now = System.nanoTime();
        if (rootPid == null) {
            last = ProcessTreeSample.NONE;
            lastCpuMillis = Map.of();
            return last;
        }
        if (rootPid.equals(last.rootPid()) && now - lastNanos < MIN_INTERVAL_NANOS) {
            return last;
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
            Long before = lastCpuMillis.get(p.getProcessID());
            if (before != null && millis >= before) {
                deltaCpu += millis - before;
            }
        }
        double elapsedMillis = (now - lastNanos) / 1e6;
        double percent = lastCpuMillis.isEmpty() || elapsedMillis <= 0 ? 0 : 100.0 * deltaCpu / elapsedMillis;
        lastCpuMillis = cpu;
        lastNanos = now;
        last = new ProcessTreeSample(rootPid, tree.size(), totalCpu / 1000.0, percent, rss);
        return last;
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
}
