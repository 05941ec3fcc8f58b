package io.sideeye.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Section {@code desktop}: the installable desktop app. Its size (the .deb and the app image),
 * and its start on a virtual X display: from launching the packaged launcher to a window on
 * screen and a backend that answered its health check ("Window open" and "Backend running at"
 * both printed), beside the same for {@code ./sideeye desktop} from the checkout, against the
 * backend's own spawn-to-200 in the same iteration. Needs {@code mvn -Pinstaller package} of
 * sideeye-desktop (bench/run does it) and Xvfb.
 */
final class DesktopStartBench {
    private static final double MIB = 1024.0 * 1024.0;

    private final Backends backends;
    private final Table table;
    private final Path root;

    DesktopStartBench(Backends backends, Table table, Path root) {
        this.backends = backends;
        this.table = table;
        this.root = root;
    }

    void run(int runs) throws Exception {
        Path target = root.resolve("sideeye-desktop/target");
        Path launcher = target.resolve("installer/image/sideeye-desktop/bin/sideeye-desktop");
        Path deb;
        try (Stream<Path> files = Files.list(target)) {
            deb = files.filter(p -> p.getFileName().toString().matches("sideeye-desktop_.*\\.deb")).findFirst().orElse(null);
        }
        if (deb == null || !Files.isExecutable(launcher)) {
            table.note("desktop: no installer built; run mvn -pl sideeye-desktop -am -Pinstaller package -DskipTests");
            return;
        }
        table.value("desktop: installer (.deb) size", "MiB", Files.size(deb) / MIB, 80.0, true);
        table.value("desktop: app image size (installed)", "MiB", sizeOf(launcher.getParent().getParent()) / MIB, null, true);

        Path work = Files.createTempDirectory("sideeye-bench-desktop");
        Process xvfb;
        try {
            xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            table.note("desktop: no Xvfb (scripts/setup-desktop installs it); the start is not measured");
            return;
        }
        try {
            String display = ":" + new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII)).readLine().trim();
            List<String> packaged = List.of(launcher.toString());
            List<String> checkout = List.of(root.resolve("sideeye").toString(), "desktop");
            Stats backend = new Stats();
            Stats packagedStart = new Stats();
            Stats packagedExtra = new Stats();
            Stats checkoutStart = new Stats();
            Stats checkoutExtra = new Stats();
            // iteration -1: the first start of each (a fresh database is migrated); reported apart
            double firstPackaged = 0;
            for (int i = -1; i < runs; i++) {
                int port = Backends.freePort();
                double base = TightProbe.readinessMs(backends.django(port), backends.backendDir, port, "/api/health/").readyMs();
                double p = startToReady(packaged, work.resolve("packaged"), display);
                double c = startToReady(checkout, work.resolve("checkout"), display);
                if (i < 0) {
                    firstPackaged = p;
                    continue;
                }
                backend.add(base);
                packagedStart.add(p);
                packagedExtra.add(p - base);
                checkoutStart.add(c);
                checkoutExtra.add(c - base);
            }
            table.row("desktop: backend's own spawn->200", "ms", backend, null, true);
            table.row("desktop: packaged launch->window+backend", "ms", packagedStart, null, true);
            table.row("desktop: packaged extra over the backend", "ms", packagedExtra, 1000.0, true);
            table.row("desktop: ./sideeye desktop launch->window+backend", "ms", checkoutStart, null, true);
            table.row("desktop: ./sideeye desktop extra over backend", "ms", checkoutExtra, 1000.0, true);
            table.value("desktop: packaged first start (new database)", "ms", firstPackaged, null, true);
        } finally {
            xvfb.destroy();
            xvfb.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Launch to both "Window open" and "Backend running at" printed; then SIGTERM and wait for the exit. */
    private static double startToReady(List<String> argv, Path home, String display) throws Exception {
        Files.createDirectories(home.resolve("run"));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("XDG_") || k.startsWith("SIDEEYE_"));
        env.put("HOME", home.toString());
        env.put("XDG_RUNTIME_DIR", home.resolve("run").toString());
        env.put("SIDEEYE_DATA_DIR", home.resolve("data").toString());
        env.put("DISPLAY", display);
        long t0 = System.nanoTime();
        Process app = builder.start();
        boolean window = false;
        boolean ready = false;
        double ms = Double.NaN;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                window |= line.contains("Window open");
                ready |= line.contains("Backend running at");
                if (window && ready) {
                    ms = (System.nanoTime() - t0) / 1e6;
                    app.toHandle().destroy(); // SIGTERM: the app stops its backend and exits
                    out.transferTo(java.io.Writer.nullWriter());
                    break;
                }
            }
        } finally {
            if (!app.waitFor(60, TimeUnit.SECONDS)) {
                app.descendants().forEach(ProcessHandle::destroyForcibly);
                app.destroyForcibly();
            }
        }
        if (Double.isNaN(ms)) {
            throw new IllegalStateException(argv + " ended before its window and backend were up (exit " + app.exitValue() + ")");
        }
        return ms;
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
