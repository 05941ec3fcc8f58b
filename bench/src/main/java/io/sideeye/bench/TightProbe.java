package io.sideeye.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The baseline: spawn a command directly and GET its health URL every millisecond over a raw
 * socket until it answers 200. What this measures is the backend's own readiness.
 */
final class TightProbe {
    private TightProbe() {}

    /** True when one GET of {@code path} on 127.0.0.1:{@code port} answers HTTP 200. */
    static boolean healthy(int port, String path) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] head = new byte[12];
            int n = 0;
            while (n < 12) {
                int r = in.read(head, n, 12 - n);
                if (r < 0) return false;
                n += r;
            }
            return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200")
                    || new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.0 200");
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls every millisecond until healthy; returns false at the deadline. */
    static boolean awaitHealthy(int port, String path, long deadlineNanos) throws InterruptedException {
        while (System.nanoTime() < deadlineNanos) {
            if (healthy(port, path)) return true;
            Thread.sleep(1);
        }
        return false;
    }

    /** A directly spawned process that stays running until {@link Spawned#kill()}. */
    record Spawned(Process process, long readyMs) {
        void kill() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** Spawns {@code argv} in {@code dir} and returns once health answers 200, with the time that took. */
    static Spawned spawnReady(List<String> argv, Path dir, int port, String path) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PYTHONUNBUFFERED", "1");
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!awaitHealthy(port, path, t0 + 30_000_000_000L)) {
            p.destroyForcibly();
            throw new IllegalStateException("Baseline " + argv + " did not answer 200 on port " + port + " within 30 s");
        }
        return new Spawned(p, (System.nanoTime() - t0) / 1_000_000L);
    }

    /**
     * What a direct parent observes of the same command: spawn → first 200 (ms) and SIGKILL →
     * {@code waitFor()} returning (ms), i.e. the kernel's teardown of the process plus the JDK's
     * reaper noticing it and waking one waiting thread.
     */
    record Observed(double readyMs, double killToReapMs) {}

    /** Spawns, measures readiness in fractional milliseconds, and kills again (timing the kill). */
    static Observed readinessMs(List<String> argv, Path dir, int port, String path) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PYTHONUNBUFFERED", "1");
        long t0 = System.nanoTime();
        Process p = pb.start();
        double ready;
        try {
            if (!awaitHealthy(port, path, t0 + 30_000_000_000L)) {
                throw new IllegalStateException("Baseline " + argv + " did not answer 200 on port " + port + " within 30 s");
            }
            ready = (System.nanoTime() - t0) / 1e6;
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
        }
        long k0 = System.nanoTime();
        p.destroyForcibly();
        p.waitFor();
        return new Observed(ready, (System.nanoTime() - k0) / 1e6);
    }
}
