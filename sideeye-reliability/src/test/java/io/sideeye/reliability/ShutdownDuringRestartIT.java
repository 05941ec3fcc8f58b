package io.sideeye.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.testsupport.ProcessTable;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shutdown is final: a host that receives SIGTERM while its backend is being restarted (restart
 * delay 0, a backend without the stdin watchdog) leaves no backend behind. Each round starts a
 * host JVM, kills its backend so that a restart begins, and sends SIGTERM to the host after a
 * random delay (0 to {@value #MAX_DELAY_MS} ms) that lands before, during or after the new spawn;
 * once the host has exited, no process carrying the round's marker may be alive: not at that
 * moment (the exit hook waits for every tree to end) nor a few seconds later. {@code sideeye run}
 * stops gracefully on SIGTERM, so its rounds may also send a second one, which forces the stop.
 * Rounds per
 * host kind: {@code -Dshutdown.rounds} (default {@value #DEFAULT_ROUNDS}).
 */
class ShutdownDuringRestartIT {
    private static final int DEFAULT_ROUNDS = 12;
    private static final int MAX_DELAY_MS = 200;

    @TempDir
    Path dir;

    private final List<String> markers = new ArrayList<>();
    private Process host;

    @AfterEach
    void removeLeftovers() {
        if (host != null) {
            host.destroyForcibly();
        }
        markers.forEach(m -> ProcessTable.mentioning(m).forEach(ProcessHandle::destroyForcibly));
    }

    @Test
    void aManagerLeavesNoBackendBehind() throws Exception {
        rounds("manager", false, marker -> hostJvm(marker, ShutdownHost.class.getName(), "manager", dir.toString()), "READY");
    }

    @Test
    void aGroupLeavesNoBackendBehind() throws Exception {
        rounds("group", false, marker -> hostJvm(marker, ShutdownHost.class.getName(), "group", dir.toString()), "READY");
    }

    @Test
    void sideeyeRunLeavesNoBackendBehind() throws Exception {
        rounds("sideeye run", true, marker -> {
            Path config = Files.createTempFile(dir, "sideeye", ".yaml");
            Files.writeString(config, "command: [" + TestServer.command(marker, "--no-stdin-watch").stream()
                    .map(a -> "\"" + a + "\"").collect(Collectors.joining(", ")) + "]\n"
                    + "port: auto\napiBasePath: \"\"\nrestartDelay: 0\nmaxRestartAttempts: 1000\n"
                    + "shutdownTimeout: 2s\nruntimeDir: \"" + Files.createTempDirectory(dir, "run") + "\"\n");
            return hostJvm(marker, "io.sideeye.cli.SideEye", "run", "-c", config.toString(), "--no-color");
        }, "ready at");
    }

    private interface HostStarter {
        Process start(String marker) throws IOException;
    }

    /**
     * @param twice whether a round may send a second SIGTERM (the forced stop of {@code sideeye run})
     *              a random moment after the first
     */
    private void rounds(String kind, boolean twice, HostStarter starter, String ready) throws Exception {
        int rounds = Integer.getInteger("shutdown.rounds", DEFAULT_ROUNDS);
        long seed = Long.getLong("shutdown.seed", System.nanoTime());
        Random random = new Random(seed);
        int leftBehind = 0;
        int aliveAtExit = 0;
        List<String> evidence = new ArrayList<>();
        long began = System.nanoTime();
        for (int round = 1; round <= rounds; round++) {
            String marker = TestServer.marker("shutdown");
            markers.add(marker);
            host = starter.start(marker);
            CompletableFuture<String> output = awaitLine(host, ready);
            assertThat(output.get(60, TimeUnit.SECONDS)).as("%s round %d: host output", kind, round).contains(ready);
            List<ProcessHandle> backends = ProcessTable.mentioning(marker);
            assertThat(backends).as("%s round %d: backends before the kill", kind, round).isNotEmpty();
            int delayMs = random.nextInt(MAX_DELAY_MS + 1);
            backends.forEach(ProcessHandle::destroyForcibly); // a crash: the restart begins at once
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(delayMs)); // the injected timing itself
            host.toHandle().destroy(); // SIGTERM
            String signals = "SIGTERM " + delayMs + " ms after the kill";
            if (twice && random.nextBoolean()) {
                int againMs = random.nextInt(MAX_DELAY_MS + 1);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(againMs));
                host.toHandle().destroy(); // again: the forced stop
                signals += ", again " + againMs + " ms later";
            }
            assertThat(host.waitFor(30, TimeUnit.SECONDS)).as("%s round %d: host exited", kind, round).isTrue();
            if (!ProcessTable.mentioning(marker).isEmpty()) {
                aliveAtExit++; // the exit hook waits until every tree is gone: nothing should be left to see
            }
            try {
                await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                        .until(() -> ProcessTable.mentioning(marker).isEmpty());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                leftBehind++;
                evidence.add("round " + round + " (" + signals + "): "
                        + ProcessTable.mentioning(marker).stream().map(ProcessHandle::pid).toList());
                ProcessTable.mentioning(marker).forEach(ProcessHandle::destroyForcibly);
            }
        }
        Figures.record("shutdown during restart (" + kind + ")", String.format("rounds=%d seed=%d seconds=%.1f"
                + " aliveAtExit=%d leftBehind=%d", rounds, seed, (System.nanoTime() - began) / 1e9, aliveAtExit, leftBehind));
        assertThat(evidence).as("%s: backends alive after the host exited, seed %d", kind, seed).isEmpty();
        assertThat(aliveAtExit).as("%s: rounds with a backend still ending as the host exited, seed %d", kind, seed)
                .isZero();
    }

    private static CompletableFuture<String> awaitLine(Process p, String wanted) {
        return CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    seen.append(line).append('\n');
                    if (line.contains(wanted)) {
                        drain(out);
                        return line;
                    }
                }
            } catch (IOException e) {
                seen.append(e);
            }
            return seen.toString();
        });
    }

    /** Keeps reading the host's output so that it never blocks on a full pipe. */
    private static void drain(BufferedReader out) {
        Thread t = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discarded
                }
            } catch (IOException ignored) {
                // the host is gone
            }
        }, "host-output");
        t.setDaemon(true);
        t.start();
    }

    /** A JVM running {@code mainClass}; the marker travels in its environment, never on its command line. */
    private static Process hostJvm(String marker, String mainClass, String... args) throws IOException {
        String classpath = Stream.of(System.getProperty("java.class.path"), System.getProperty("jdk.module.path", ""))
                .filter(s -> !s.isBlank()).collect(Collectors.joining(File.pathSeparator));
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", classpath, mainClass));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().put(ShutdownHost.MARKER, marker);
        return builder.start();
    }
}
