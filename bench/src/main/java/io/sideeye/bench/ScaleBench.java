package io.sideeye.bench;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Item 6: many backends under one manager JVM, and repeated start/stop cycles. */
final class ScaleBench {
    private final Backends backends;
    private final Table table;

    private final Path jar;

    ScaleBench(Backends backends, Table table, Path jar) {
        this.backends = backends;
        this.table = table;
        this.jar = jar;
    }

    /** Tracks the passing checks of one manager and the longest gap between two of them. */
    private static final class Gaps {
        final AtomicLong last = new AtomicLong();
        final AtomicLong maxGapNanos = new AtomicLong();
        final AtomicLong missed = new AtomicLong();
        final AtomicLong checks = new AtomicLong();

        void healthy(long now, long intervalNanos) {
            long prev = last.getAndSet(now);
            checks.incrementAndGet();
            if (prev != 0) {
                long gap = now - prev;
                maxGapNanos.accumulateAndGet(gap, Math::max);
                if (gap > intervalNanos * 3 / 2) missed.incrementAndGet();
            }
        }
    }

    void many(int count, long windowSeconds) throws Exception {
        long self = ProcessHandle.current().pid();
        long threadsBefore = ProcStats.threads(self);
        List<DjangoServiceManager> managers = new ArrayList<>();
        List<Gaps> gaps = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        Process bare = null;
        long interval = 1_000_000_000L;
        try {
            List<CompletableFuture<Boolean>> starts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int port = Backends.freePort();
                ports.add(port);
                DjangoServiceManager m = Managers.of(backends.testServer(port), backends.root, port).build();
                Gaps g = new Gaps();
                m.on(ServiceEvent.Healthy.class, e -> g.healthy(System.nanoTime(), interval));
                m.on(ServiceEvent.Unhealthy.class, e -> g.missed.incrementAndGet());
                managers.add(m);
                gaps.add(g);
                starts.add(m.start());
                Thread.sleep(20); // spread the Python start-ups a little
            }
            for (int i = 0; i < count; i++) {
                if (!starts.get(i).get(120, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("Scale backend " + i + " did not start: "
                            + managers.get(i).getStatus().lastError());
                }
            }
            Thread.sleep(3000);
            bare = bareGets(ports);
            gaps.forEach(g -> { g.missed.set(0); g.maxGapNanos.set(0); g.checks.set(0); });
            double bare0 = ProcStats.cpuMs(bare.pid());
            double cpu0 = ProcStats.cpuMs(self);
            var threads0 = ProcStats.threadCpuMs(self);
            long t0 = System.nanoTime();
            long maxThreads = 0;
            for (long s = 0; s < windowSeconds; s++) {
                Thread.sleep(1000);
                maxThreads = Math.max(maxThreads, ProcStats.threads(self));
            }
            double wall = (System.nanoTime() - t0) / 1e6;
            double cpuPct = (ProcStats.cpuMs(self) - cpu0) / wall * 100;
            double barePct = (ProcStats.cpuMs(bare.pid()) - bare0) / wall * 100;
            var threads1 = ProcStats.threadCpuMs(self);
            StringBuilder top = new StringBuilder("CPU by thread (all of a name summed) over the window, % of one core:");
            threads1.entrySet().stream()
                    .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - threads0.getOrDefault(e.getKey(), 0.0)))
                    .filter(e -> e.getValue() > 0)
                    .sorted((x, y) -> Double.compare(y.getValue(), x.getValue()))
                    .limit(12)
                    .forEach(e -> top.append(' ').append(e.getKey()).append('=').append(Table.fmt(e.getValue() / wall * 100)));
            table.note(top.toString());
            long missed = gaps.stream().mapToLong(g -> g.missed.get()).sum();
            long checks = gaps.stream().mapToLong(g -> g.checks.get()).sum();
            double maxGap = gaps.stream().mapToLong(g -> g.maxGapNanos.get()).max().orElse(0) / 1e6;
            String n = count + " testservers";
            table.value("6 " + n + ": manager CPU, % of one core", "%", cpuPct, 5.0, true);
            table.value("  " + n + ": the bare health GETs alone, same options (floor)", "%", barePct, null, true);
            table.value("  " + n + ": manager CPU / bare GETs", "ratio", cpuPct / barePct, null, true);
            table.value("6 " + n + ": threads (max; before " + threadsBefore + ")", "count", maxThreads, null, true);
            table.value("6 " + n + ": missed health deadlines", "count", missed, 0.0, true);
            table.value("  " + n + ": passing checks / expected", "ratio", checks / (double) (count * windowSeconds), null, true);
            table.value("  " + n + ": longest gap between checks", "ms", maxGap, null, true);
        } finally {
            if (bare != null) {
                bare.getOutputStream().close();
                bare.waitFor(30, TimeUnit.SECONDS);
            }
            List<CompletableFuture<Boolean>> stops = new ArrayList<>();
            managers.forEach(m -> stops.add(m.stop()));
            for (CompletableFuture<Boolean> f : stops) f.get(120, TimeUnit.SECONDS);
            managers.forEach(DjangoServiceManager::close);
        }
    }

    /**
     * The floor, in a JVM of its own with this JVM's options: the same health GETs with nothing
     * else, against the same backends, over the same window. Returns once its first round is done.
     */
    private Process bareGets(List<Integer> ports) throws Exception {
        List<String> argv = new ArrayList<>();
        argv.add(ProcessHandle.current().info().command().orElse("java"));
        argv.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        argv.addAll(List.of("-cp", jar.toString(), "io.sideeye.bench.BenchMain", "bare-gets"));
        ports.forEach(p -> argv.add(Integer.toString(p)));
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.equals("READY")) return p;
        }
        throw new IllegalStateException("The bare-GET baseline ended before its first round");
    }

    void cycles(int cycles) throws Exception {
        long self = ProcessHandle.current().pid();
        Path dir = backends.root;
        long[] first = null;
        int warm = Math.min(20, cycles / 5);
        for (int i = 0; i < cycles; i++) {
            int port = Backends.freePort();
            try (DjangoServiceManager m = Managers.of(backends.testServer(port), dir, port).build()) {
                if (!m.start().get(30, TimeUnit.SECONDS)) throw new IllegalStateException("Cycle " + i + " did not start");
                m.stop().get(30, TimeUnit.SECONDS);
            }
            if (i + 1 == warm) first = sample(self);
        }
        long[] last = sample(self);
        table.note(cycles + " start/stop cycles (new manager each, closed): after " + warm + " -> after " + cycles);
        table.value("6 cycles: thread growth (" + first[0] + " -> " + last[0] + ")", "count", last[0] - first[0], 0.0, true);
        table.value("6 cycles: fd growth (" + first[1] + " -> " + last[1] + ")", "count", last[1] - first[1], 0.0, true);
        table.value("6 cycles: heap after GC growth (" + first[2] + " -> " + last[2] + " KiB)", "KiB",
                last[2] - first[2], 1024.0, true);
    }

    /** Threads, fds and heap after GC, once idle pool threads (5 s keep-alive) have ended. */
    private static long[] sample(long self) throws Exception {
        Thread.sleep(6000);
        System.gc();
        Thread.sleep(100);
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return new long[] {ProcStats.threads(self), ProcStats.fds(self), (rt.totalMemory() - rt.freeMemory()) / 1024};
    }
}
