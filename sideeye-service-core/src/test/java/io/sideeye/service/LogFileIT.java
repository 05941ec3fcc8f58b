package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.testsupport.StdlibTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output log file against a real child that floods its stdout: every line reaches the
 * file, in order, across rotations, while the in-memory buffer keeps only the last few and a
 * slow listener (a console) is still far behind.
 */
class LogFileIT {
    @TempDir
    Path runtimeDir;
    @TempDir
    Path logs;
    private DjangoServiceManager manager;

    @AfterEach
    void close() {
        if (manager != null) {
            manager.close();
        }
    }

    @Test
    void aFloodFasterThanTheConsoleReachesTheFileLineByLineAcrossRotations() throws Exception {
        int lines = 100_000; // the test server writes numbered 100-byte lines
        manager = DjangoServiceManager.builder().command(StdlibTestServer.command("--flood-bytes", Integer.toString(lines * 100)))
                .port(0).apiBasePath("").startupTimeout(Duration.ofSeconds(60)).shutdownTimeout(Duration.ofSeconds(5))
                .runtimeDir(runtimeDir).name("web").logBufferLines(10)
                .logFile(logs.resolve("{name}.log")).logMaxSize(1024 * 1024).logMaxFiles(50).build();
        AtomicInteger shown = new AtomicInteger();
        manager.on("stdout", e -> {
            shown.incrementAndGet();
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100)); // a console that shows a line in 0.1 ms
        });
        long started = System.nanoTime();
        CompletableFuture<Boolean> start = manager.start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> fileLines().stream().anyMatch(l -> l.contains(" LISTENING ")));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        int shownThen = shown.get();

        List<String> written = fileLines();
        List<String> flood = written.stream().filter(l -> l.contains(" stdout flood ")).toList();
        assertThat(flood).hasSize(lines);
        for (int i = 0; i < lines; i++) {
            String number = "flood %08d ".formatted(i);
            if (!flood.get(i).contains(number)) {
                throw new AssertionError("line " + i + " is not '" + number + "...': " + flood.get(i));
            }
        }
        assertThat(Files.list(logs).count()).as("rotated at 1 MiB").isGreaterThan(10);
        assertThat(manager.recentLogs()).hasSizeLessThanOrEqualTo(10);
        assertThat(shownThen).as("the listener was still behind when the file had every line (after %d ms)", millis)
                .isLessThan(lines);
        assertThat(start.get(90, TimeUnit.SECONDS)).isTrue(); // the listener catches up: it loses nothing either
        assertThat(shown.get()).isGreaterThanOrEqualTo(lines);
    }

    /** Every line of web.log and its rotated files, oldest first. */
    private List<String> fileLines() throws IOException {
        List<String> all = new ArrayList<>();
        for (int n = 50; n >= 1; n--) {
            Path rotated = logs.resolve("web.log." + n);
            if (Files.exists(rotated)) {
                all.addAll(Files.readAllLines(rotated));
            }
        }
        Path current = logs.resolve("web.log");
        if (Files.exists(current)) {
            all.addAll(Files.readAllLines(current));
        }
        return all;
    }
}
