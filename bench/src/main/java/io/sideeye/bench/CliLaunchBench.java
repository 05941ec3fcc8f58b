package io.sideeye.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CLI's launch-to-spawn time: from executing {@code ./sideeye run} (the launcher script with
 * its JVM options and class-data-sharing archive) to the backend's first instant. The backend is
 * {@code /usr/bin/date +%s%N}, whose only action is to print the wall clock in nanoseconds; the
 * CLI prints that line as a {@code stdout} event (a text line, or a JSON object with
 * {@code --json}), the start then fails because the backend exited, and the CLI ends by itself.
 * Baseline, in the same iteration: a trivial JVM with the launcher's options that only spawns
 * the same child ({@link SpawnOnce}).
 */
final class CliLaunchBench {
    private static final List<String> CHILD = List.of("/usr/bin/date", "+%s%N");
    private static final Pattern JSON_LINE = Pattern.compile("\"name\":\"stdout\".*\"line\":\"(\\d{16,})\"");
    private static final Pattern TEXT_LINE = Pattern.compile("\\sstdout\\s+(\\d{16,})\\s*$");
    private static final Pattern BARE_LINE = Pattern.compile("^(\\d{16,})$");

    private final Path root;
    private final Path benchJar;
    private final Table table;

    CliLaunchBench(Path root, Path benchJar, Table table) {
        this.root = root;
        this.benchJar = benchJar.toAbsolutePath();
        this.table = table;
    }

    void run(int runs) throws Exception {
        Path dir = Files.createTempDirectory("sideeye-cli-bench");
        try {
            measure(dir, runs);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private void measure(Path dir, int runs) throws Exception {
        Path runtime = Files.createDirectories(dir.resolve("runtime"));
        Files.writeString(dir.resolve("sideeye.yaml"), "# launch-to-spawn benchmark: the backend prints the time and exits\n"
                + "command: [\"" + CHILD.get(0) + "\", \"" + CHILD.get(1) + "\"]\nhealthCheckInterval: 1s\n");
        table.note("cli: load average at start " + loadAverage());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> floor = new ArrayList<>(List.of(java));
        floor.addAll(LauncherOptions.ofThisJvm());
        floor.add("-Xshare:auto");
        floor.addAll(List.of("-cp", benchJar.toString(), SpawnOnce.class.getName()));
        floor.addAll(CHILD);
        List<String> cli = List.of(root.resolve("sideeye").toString(), "run");
        List<String> cliJson = List.of(root.resolve("sideeye").toString(), "run", "--json");
        Map<String, String> env = Map.of("XDG_RUNTIME_DIR", runtime.toString(), "JAVA_HOME", System.getProperty("java.home"));

        // First launch: builds nothing (bench/run built the jar) but may write the class-data archive.
        table.value("cli: first ./sideeye run (may write the CDS archive)", "ms", launch(cli, dir, env, false), null, true);
        Stats base = new Stats();
        Stats withCds = new Stats();
        Stats json = new Stats();
        Stats noCds = new Stats();
        Stats diff = new Stats();
        for (int i = 0; i < runs; i++) {
            double b;
            double c;
            if (i % 2 == 0) {
                b = launch(floor, dir, env, false);
                c = launch(cli, dir, env, false);
            } else {
                c = launch(cli, dir, env, false);
                b = launch(floor, dir, env, false);
            }
            base.add(b);
            withCds.add(c);
            diff.add(c - b);
            json.add(launch(cliJson, dir, env, false));
            noCds.add(launch(cli, dir, env, true));
        }
        table.row("cli: trivial JVM spawn, same options (baseline)", "ms", base, null, true);
        table.row("cli: ./sideeye run launch -> spawn", "ms", withCds, 300.0, true);
        table.row("  same minus baseline, per pair", "ms", diff, null, true);
        table.row("  ./sideeye run --json", "ms", json, null, true);
        table.row("  ./sideeye run without CDS (SIDEEYE_NO_CDS=1)", "ms", noCds, null, true);
        table.note("cli: load average at end " + loadAverage());
    }

    /** Launches {@code argv} in {@code dir}; returns ms from exec to the child's printed wall-clock time. */
    private static double launch(List<String> argv, Path dir, Map<String, String> env, boolean noCds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("SIDEEYE_"));
        pb.environment().putAll(env);
        if (noCds) {
            pb.environment().put("SIDEEYE_NO_CDS", "1");
        }
        Instant before = Instant.now();
        Process p = pb.start();
        long t0 = before.getEpochSecond() * 1_000_000_000L + before.getNano();
        Long spawned = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (spawned == null) {
                    spawned = stamp(line);
                }
            }
        } finally {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (spawned == null) {
            throw new IllegalStateException(String.join(" ", argv) + " never printed the child's start time (exit "
                    + p.exitValue() + ")");
        }
        return (spawned - t0) / 1e6;
    }

    /** The child's time from a CLI event line (text or JSON) or the child's own output line; null if none. */
    private static Long stamp(String line) {
        for (Pattern p : List.of(JSON_LINE, TEXT_LINE)) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        Matcher bare = BARE_LINE.matcher(line.trim());
        return bare.matches() ? Long.parseLong(bare.group(1)) : null;
    }

    private static String loadAverage() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }
}
