package io.sideeye.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Item 5: a JVM supervising one healthy backend at a 1 s health interval against an idle JVM
 * with the same options (the harness's own, i.e. the CLI launcher's), both running over the
 * same window. Like the launcher, both map a class-data-sharing archive of the supervising
 * JVM's classes, written by a first short run. A third JVM supervises with only the options
 * the launcher used before (no archive, default JIT thresholds and heap), to show what the
 * options are worth. The window opens after a warm-up that lets the three start-ups' compile
 * queues drain: started together on two cores, a supervising JVM still compiles code that first
 * ran a second time 10-20 s after its start (~20 ms of its compiler thread's CPU in a window
 * that opened after 10 s).
 */
final class FootprintBench {
    /** The launcher's earlier options, for the comparison row. */
    static final List<String> EARLIER = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
            "-Xss512k");

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
        List<String> flags = LauncherOptions.ofThisJvm();
        Path archive = archive(flags);
        List<String> shared = new ArrayList<>(flags);
        shared.add("-XX:SharedArchiveFile=" + archive);
        table.note("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", options " + String.join(" ", shared));
        Process manager = child(shared, "supervise-one");
        Process earlier = child(EARLIER, "supervise-one");
        Process idle = child(shared, "idle");
        try {
            awaitReady(manager);
            awaitReady(earlier);
            awaitReady(idle);
            Thread.sleep(warmupSeconds * 1000);
            double cpuM = ProcStats.cpuMs(manager.pid());
            double cpuI = ProcStats.cpuMs(idle.pid());
            double cpuE = ProcStats.cpuMs(earlier.pid());
            var threads0 = ProcStats.threadCpuMs(manager.pid());
            Thread.sleep(windowSeconds * 1000);
            double scale = 60.0 / windowSeconds;
            double managerCpu = (ProcStats.cpuMs(manager.pid()) - cpuM) * scale;
            double idleCpu = (ProcStats.cpuMs(idle.pid()) - cpuI) * scale;
            double earlierCpu = (ProcStats.cpuMs(earlier.pid()) - cpuE) * scale;
            table.value("5 manager JVM RSS (1 backend, 1 s checks)", "MiB", ProcStats.rssMiB(manager.pid()), 48.0, true);
            table.value("  idle JVM RSS, same options (baseline)", "MiB", ProcStats.rssMiB(idle.pid()), null, true);
            table.value("5 manager JVM CPU per 60 s", "ms", managerCpu, 100.0, true);
            table.value("  idle JVM CPU per 60 s, same options (baseline)", "ms", idleCpu, null, true);
            String before = String.join(" ", EARLIER);
            table.value("  manager JVM RSS, earlier options " + before, "MiB", ProcStats.rssMiB(earlier.pid()), null, true);
            table.value("  manager JVM CPU per 60 s, earlier options", "ms", earlierCpu, null, true);
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
            finish(earlier);
            finish(idle);
        }
    }

    /**
     * The class-data-sharing archive of a supervising JVM with {@code flags}, written as the
     * launcher writes its own: by a first run with {@code -XX:ArchiveClassesAtExit}; kept while
     * it is newer than the jar.
     */
    private Path archive(List<String> flags) throws Exception {
        Path archive = jar.toAbsolutePath().getParent().resolve("cds").resolve("footprint.jsa");
        if (java.nio.file.Files.exists(archive)
                && java.nio.file.Files.getLastModifiedTime(archive).compareTo(java.nio.file.Files.getLastModifiedTime(jar)) > 0) {
            return archive;
        }
        java.nio.file.Files.createDirectories(archive.getParent());
        java.nio.file.Files.deleteIfExists(archive);
        List<String> dump = new ArrayList<>(flags);
        dump.add("-XX:ArchiveClassesAtExit=" + archive);
        dump.add("-Xlog:disable"); // the dump's notes would go to the standard output nobody reads after READY
        Process p = child(dump, "supervise-one");
        awaitReady(p);
        finish(p);
        if (!java.nio.file.Files.exists(archive)) {
            throw new IllegalStateException("The class-data-sharing archive " + archive + " was not written");
        }
        return archive;
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
