package io.sideeye.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Item 5: a JVM supervising one healthy backend at a 1 s health interval against an idle JVM
 * with the same flags, both running over the same window.
 */
final class FootprintBench {
    /** Heap options added for the second manager: a small initial heap keeps the young generation small. */
    static final List<String> SMALL_HEAP = List.of("-Xms16m", "-Xmx256m");

    private final Table table;
    private final Path jar;
    private final long warmupSeconds;
    private final long windowSeconds;

    FootprintBench(Table table, Path jar, long warmupSeconds, long windowSeconds) {
        this.table = table;
        this.jar = jar;
        this.warmupSeconds = warmupSeconds;
        this.windowSeconds = windowSeconds;
    }

    void run() throws Exception {
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments();
        table.note("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", options " + String.join(" ", flags));
        List<String> bounded = new ArrayList<>(flags);
        bounded.addAll(SMALL_HEAP);
        Process manager = child(flags, "supervise-one");
        Process small = child(bounded, "supervise-one");
        Process idle = child(flags, "idle");
        try {
            awaitReady(manager);
            awaitReady(small);
            awaitReady(idle);
            Thread.sleep(warmupSeconds * 1000);
            double cpuM = ProcStats.cpuMs(manager.pid());
            double cpuI = ProcStats.cpuMs(idle.pid());
            double cpuS = ProcStats.cpuMs(small.pid());
            var threads0 = ProcStats.threadCpuMs(manager.pid());
            Thread.sleep(windowSeconds * 1000);
            double scale = 60.0 / windowSeconds;
            double managerCpu = (ProcStats.cpuMs(manager.pid()) - cpuM) * scale;
            double idleCpu = (ProcStats.cpuMs(idle.pid()) - cpuI) * scale;
            double smallCpu = (ProcStats.cpuMs(small.pid()) - cpuS) * scale;
            table.value("5 manager JVM RSS (1 backend, 1 s checks)", "MiB", ProcStats.rssMiB(manager.pid()), 48.0, true);
            table.value("  idle JVM RSS, same flags (baseline)", "MiB", ProcStats.rssMiB(idle.pid()), null, true);
            table.value("5 manager JVM CPU per 60 s", "ms", managerCpu, 100.0, true);
            table.value("  idle JVM CPU per 60 s, same flags (baseline)", "ms", idleCpu, null, true);
            String extra = String.join(" ", SMALL_HEAP);
            table.value("5 manager JVM RSS, + " + extra, "MiB", ProcStats.rssMiB(small.pid()), 48.0, true);
            table.value("5 manager JVM CPU per 60 s, + " + extra, "ms", smallCpu, 100.0, true);
            table.value("  manager JVM threads", "count", ProcStats.threads(manager.pid()), null, true);
            var threads1 = ProcStats.threadCpuMs(manager.pid());
            StringBuilder top = new StringBuilder("manager CPU by thread over the window (ms):");
            threads1.entrySet().stream()
                    .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - threads0.getOrDefault(e.getKey(), 0.0)))
                    .filter(e -> e.getValue() > 0)
                    .sorted((x, y) -> Double.compare(y.getValue(), x.getValue()))
                    .forEach(e -> top.append(' ').append(e.getKey()).append('=').append(Table.fmt(e.getValue())));
            table.note(top.toString());
            table.note("CPU window " + windowSeconds + " s after " + warmupSeconds + " s warm-up, scaled to 60 s; /proc ticks are 10 ms");
        } finally {
            finish(manager);
            finish(small);
            finish(idle);
        }
    }

    private Process child(List<String> flags, String mode) throws Exception {
        List<String> argv = new ArrayList<>();
        argv.add(ProcessHandle.current().info().command().orElse("java"));
        argv.addAll(flags);
        argv.addAll(List.of("-cp", jar.toString(), "io.sideeye.bench.BenchMain", mode));
        return new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static void awaitReady(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            if (line.equals("READY")) return;
        }
        throw new IllegalStateException("Footprint child " + p.pid() + " ended before it was ready");
    }

    /** Closing stdin tells the child to stop its manager and exit. */
    private static void finish(Process p) throws Exception {
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
        }
    }
}
