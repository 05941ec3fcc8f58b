package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.testsupport.StdlibTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating, running and closing managers leaves no thread or file descriptor behind. */
class ResourceLeakIT {

    @TempDir
    Path runtimeDir;

    private static int threads() {
        return Thread.getAllStackTraces().size();
    }

    private static long fds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    private void cycle() throws Exception {
        try (DjangoServiceManager m = DjangoServiceManager.builder().command(StdlibTestServer.command()).port(0)
                .healthCheckInterval(Duration.ofMillis(100)).runtimeDir(runtimeDir).build()) {
            assertThat(m.start().get(30, TimeUnit.SECONDS)).isTrue();
            m.apiCall("/echo/").get(10, TimeUnit.SECONDS);
            assertThat(m.healthCheck().get(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void thousandsOfManagersAndRealRunsLeakNothing() throws Exception {
        cycle(); // warm up: JVM-wide pools are created once and their threads end when idle
        int threadsBefore = threads();
        long fdsBefore = fds();

        for (int i = 0; i < 1000; i++) {
            DjangoServiceManager.builder().command(StdlibTestServer.command()).port(0).runtimeDir(runtimeDir).build().close();
        }
        for (int i = 0; i < 10; i++) {
            cycle();
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertThat(threads()).isLessThanOrEqualTo(threadsBefore);
                    assertThat(fds()).isLessThanOrEqualTo(fdsBefore);
                });
    }
}
