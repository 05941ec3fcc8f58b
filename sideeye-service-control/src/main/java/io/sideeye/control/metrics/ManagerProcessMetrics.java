package io.sideeye.control.metrics;

import io.sideeye.service.DjangoServiceManager;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The manager's own JVM and process, under the names the Prometheus Java client's
 * {@code JvmMetrics} uses ({@code process_*}, {@code jvm_*}), so that existing JVM dashboards
 * work, plus {@code sideeye_build_info}. Read from the JDK's management beans and
 * {@code /proc/self} when scraped, and never otherwise.
 */
final class ManagerProcessMetrics {
    private ManagerProcessMetrics() {
    }

    static void write(PrometheusText t) {
        Package p = DjangoServiceManager.class.getPackage();
        String version = p == null || p.getImplementationVersion() == null ? "unknown" : p.getImplementationVersion();
        t.family("sideeye_build_info", "gauge", "The SideEye version serving these metrics, and its Java.");
        t.sample("sideeye_build_info", 1L, "version", version, "java", System.getProperty("java.version", "unknown"));

        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            t.counter("process_cpu_seconds_total", "CPU time of the manager's JVM (user and system).",
                    sun.getProcessCpuTime() / 1e9);
        }
        t.gauge("process_start_time_seconds", "Start time of the manager's JVM since the epoch.",
                ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli() / 1000.0)
                        .orElse(ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0));
        long[] memory = statusMemory();
        if (memory != null) {
            t.gauge("process_virtual_memory_bytes", "Virtual memory of the manager's JVM.", memory[0]);
            t.gauge("process_resident_memory_bytes", "Resident memory of the manager's JVM.", memory[1]);
        }
        long fds = openFds();
        if (fds >= 0) {
            t.gauge("process_open_fds", "Open file descriptors of the manager's JVM.", fds);
        }
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            t.gauge("process_max_fds", "Limit of open file descriptors.", unix.getMaxFileDescriptorCount());
        }

        var mem = ManagementFactory.getMemoryMXBean();
        t.family("jvm_memory_used_bytes", "gauge", "Used bytes of a JVM memory area.");
        t.sample("jvm_memory_used_bytes", mem.getHeapMemoryUsage().getUsed(), "area", "heap");
        t.sample("jvm_memory_used_bytes", mem.getNonHeapMemoryUsage().getUsed(), "area", "nonheap");
        t.family("jvm_memory_committed_bytes", "gauge", "Committed bytes of a JVM memory area.");
        t.sample("jvm_memory_committed_bytes", mem.getHeapMemoryUsage().getCommitted(), "area", "heap");
        t.sample("jvm_memory_committed_bytes", mem.getNonHeapMemoryUsage().getCommitted(), "area", "nonheap");
        t.family("jvm_memory_max_bytes", "gauge", "Max bytes of a JVM memory area (-1 when unbounded).");
        t.sample("jvm_memory_max_bytes", max(mem.getHeapMemoryUsage()), "area", "heap");
        t.sample("jvm_memory_max_bytes", max(mem.getNonHeapMemoryUsage()), "area", "nonheap");

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        t.gauge("jvm_threads_current", "Live threads of the manager's JVM.", threads.getThreadCount());
        t.gauge("jvm_threads_daemon", "Live daemon threads.", threads.getDaemonThreadCount());
        t.gauge("jvm_threads_peak", "Most live threads at once.", threads.getPeakThreadCount());
        t.family("jvm_threads_started_total", "counter", "Threads started since the JVM started.");
        t.sample("jvm_threads_started_total", threads.getTotalStartedThreadCount());

        var classes = ManagementFactory.getClassLoadingMXBean();
        t.gauge("jvm_classes_currently_loaded", "Classes loaded now.", classes.getLoadedClassCount());
        t.family("jvm_classes_loaded_total", "counter", "Classes loaded since the JVM started.");
        t.sample("jvm_classes_loaded_total", classes.getTotalLoadedClassCount());

        List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
        t.family("jvm_gc_collection_seconds", "summary", "Time spent in a garbage collector.");
        for (GarbageCollectorMXBean gc : gcs) {
            t.sample("jvm_gc_collection_seconds_count", Math.max(0, gc.getCollectionCount()), "gc", gc.getName());
            t.sample("jvm_gc_collection_seconds_sum", Math.max(0, gc.getCollectionTime()) / 1000.0, "gc", gc.getName());
        }
    }

    private static long max(MemoryUsage usage) {
        return usage.getMax();
    }

    /** {@code VmSize} and {@code VmRSS} of {@code /proc/self/status} in bytes, or null off Linux. */
    private static long[] statusMemory() {
        try {
            long size = -1;
            long rss = -1;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmSize:")) {
                    size = kib(line);
                } else if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                }
            }
            return size < 0 || rss < 0 ? null : new long[] {size, rss};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    }

    private static long openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
