package io.sideeye.bench;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Readiness, crash recovery, SIGKILL detection and stop latency of the manager, each paired with
 * a baseline run of the same command taken in the same iteration (baseline and manager alternate).
 */
final class LifecycleBench {
    private static final String HEALTH = "/api/health/";

    private final Backends backends;
    private final Table table;
    private final int runs;

    LifecycleBench(Backends backends, Table table, int runs) {
        this.backends = backends;
        this.table = table;
        this.runs = runs;
    }

    /** Items 1-3a: readiness overhead, recovery after SIGKILL and time to {@code process-exit}. */
    void readinessAndRecovery(String label, IntFunction<List<String>> argv, Path dir) throws Exception {
        Stats baseline = new Stats();
        Stats started = new Stats();
        Stats overhead = new Stats();
        Stats recovery = new Stats();
        Stats recoveryExtra = new Stats();
        Stats exitEvent = new Stats();
        Stats reap = new Stats();
        Stats exitExtra = new Stats();
        Stats cold = new Stats();
        // iteration -1 warms the JVM up (class loading of the core); its overhead is reported apart
        for (int i = -1; i < runs; i++) {
            int port = Backends.freePort();
            TightProbe.Observed direct = TightProbe.readinessMs(argv.apply(port), dir, port, HEALTH);
            double base = direct.readyMs();
            try (DjangoServiceManager m = Managers.of(argv.apply(port), dir, port).build()) {
                Recorder rec = new Recorder(m);
                long t0 = System.nanoTime();
                m.start();
                Recorder.Seen s = rec.next(ServiceEvent.Started.class, 30_000);
                double ms = (s.nanos() - t0) / 1e6;
                long pid = ((ServiceEvent.Started) s.event()).pid();
                int port2 = Backends.freePort();
                double base2 = TightProbe.readinessMs(argv.apply(port2), dir, port2, HEALTH).readyMs();
                rec.clear();
                long k0 = System.nanoTime();
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                Recorder.Seen exit = rec.next(ServiceEvent.ProcessExit.class, 10_000);
                Recorder.Seen again = rec.next(ServiceEvent.Started.class, 30_000);
                double rms = (again.nanos() - k0) / 1e6;
                m.stop().get(30, TimeUnit.SECONDS);
                if (i < 0) {
                    cold.add(ms - base);
                    continue;
                }
                baseline.add(base);
                started.add(ms);
                overhead.add(ms - base);
                recovery.add(rms);
                recoveryExtra.add(rms - base2);
                exitEvent.add((exit.nanos() - k0) / 1e6);
                reap.add(direct.killToReapMs());
                exitExtra.add((exit.nanos() - k0) / 1e6 - direct.killToReapMs());
            }
        }
        table.row(label + ": baseline spawn->200 (1 ms poll)", "ms", baseline, null, true);
        table.row(label + ": start()->started", "ms", started, null, true);
        table.row(label + ": 1 readiness overhead", "ms", overhead, 15.0, true);
        table.row(label + ": first start in this JVM, overhead (unpaired)", "ms", cold, null, true);
        table.row(label + ": SIGKILL->started again", "ms", recovery, null, true);
        table.row(label + ": 2 recovery extra over baseline", "ms", recoveryExtra, 20.0, true);
        table.row(label + ": baseline SIGKILL->waitFor() of a direct child", "ms", reap, null, true);
        table.row(label + ": 3 SIGKILL->process-exit event", "ms", exitEvent, 5.0, true);
        table.row(label + ": 3 process-exit extra over baseline", "ms", exitExtra, null, true);
    }

    /** Item 4: stop() against the backend's own exit on SIGTERM, and against one that ignores SIGTERM. */
    void stopLatency(long shutdownTimeoutMs) throws Exception {
        Stats own = new Stats();
        Stats stop = new Stats();
        Stats overhead = new Stats();
        Stats ignoring = new Stats();
        Path dir = backends.root;
        for (int i = 0; i < runs; i++) {
            int port = Backends.freePort();
            TightProbe.Spawned direct = TightProbe.spawnReady(backends.testServer(port), dir, port, HEALTH);
            long t0 = System.nanoTime();
            direct.process().destroy();
            direct.process().waitFor();
            double base = (System.nanoTime() - t0) / 1e6;
            direct.kill();

            int port2 = Backends.freePort();
            try (DjangoServiceManager m = Managers.of(backends.testServer(port2), dir, port2).build()) {
                m.start().get(30, TimeUnit.SECONDS);
                long s0 = System.nanoTime();
                m.stop().get(30, TimeUnit.SECONDS);
                double ms = (System.nanoTime() - s0) / 1e6;
                own.add(base);
                stop.add(ms);
                overhead.add(ms - base);
            }
            int port3 = Backends.freePort();
            try (DjangoServiceManager m = Managers.of(backends.testServer(port3, "--ignore-sigterm"), dir, port3)
                    .shutdownTimeout(java.time.Duration.ofMillis(shutdownTimeoutMs)).build()) {
                m.start().get(30, TimeUnit.SECONDS);
                long s0 = System.nanoTime();
                m.stop().get(30, TimeUnit.SECONDS);
                ignoring.add((System.nanoTime() - s0) / 1e6 - shutdownTimeoutMs);
            }
        }
        table.row("testserver: own exit on SIGTERM (baseline)", "ms", own, null, true);
        table.row("testserver: stop()", "ms", stop, null, true);
        table.row("testserver: 4 stop overhead over own exit", "ms", overhead, 10.0, true);
        table.row("ignores SIGTERM: 4 stop() - shutdownTimeout " + shutdownTimeoutMs, "ms", ignoring, 20.0, true);
    }

    /**
     * Item 3b: SIGSTOP the child right after a passing check; the restart must be decided at
     * interval x threshold + timeout (checks at fixed rate from the last passing one).
     */
    void hangDetection(long intervalMs, int threshold, long timeoutMs) throws Exception {
        Stats ratio = new Stats();
        Stats decided = new Stats();
        double expected = intervalMs * threshold + timeoutMs;
        Path dir = backends.root;
        int n = Math.max(3, runs / 2);
        for (int i = 0; i < n; i++) {
            int port = Backends.freePort();
            try (DjangoServiceManager m = Managers.of(backends.testServer(port), dir, port)
                    .healthCheckInterval(java.time.Duration.ofMillis(intervalMs))
                    .healthCheckTimeout(java.time.Duration.ofMillis(timeoutMs))
                    .unhealthyThreshold(threshold)
                    .shutdownTimeout(java.time.Duration.ofMillis(200)).build()) {
                Recorder rec = new Recorder(m);
                m.start().get(30, TimeUnit.SECONDS);
                long pid = m.getStatus().pid();
                rec.clear();
                Recorder.Seen healthy = rec.next(ServiceEvent.Healthy.class, 10_000);
                long t0 = System.nanoTime();
                signal("-STOP", pid);
                // the last passing check began latencyMs before its event
                double sinceCheckStart = (t0 - healthy.nanos()) / 1e6 + ((ServiceEvent.Healthy) healthy.event()).latencyMs();
                Recorder.Seen restart = rec.next(ServiceEvent.Restarting.class, 30_000);
                double ms = (restart.nanos() - t0) / 1e6 + sinceCheckStart;
                decided.add(ms);
                ratio.add(ms / expected);
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                m.stop().get(30, TimeUnit.SECONDS);
            }
        }
        table.row("SIGSTOP: 3 last good check->restart (exp " + (long) expected + ")", "ms", decided, null, true);
        table.row("SIGSTOP: 3 decided / expected (within 0.9..1.1)", "ratio", ratio, 1.1, true);
    }

    private static void signal(String sig, long pid) throws Exception {
        Process p = new ProcessBuilder("kill", sig, Long.toString(pid)).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("kill " + sig + " " + pid + " failed");
        }
    }
}
