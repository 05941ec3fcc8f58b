package io.sideeye.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.ApiResponse;
import io.sideeye.service.DjangoServiceManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Oversize and never-ending answers from a real backend are cut at the size cap and the timeout. */
class AnswerLimitsIT {
    @TempDir
    Path runtimeDir;

    @Test
    void oversizeAnswersAreRefusedAndNeverEndingOnesTimeOut() throws Exception {
        String marker = TestServer.marker("limits");
        try (DjangoServiceManager m = TestServer.builder(marker).runtimeDir(runtimeDir).maxResponseBytes(1 << 20)
                .apiTimeout(Duration.ofSeconds(1)).healthCheckInterval(Duration.ofHours(1)).build()) {
            assertThat(m.start().get(30, TimeUnit.SECONDS)).isTrue();
            ApiResponse fits = m.apiCall("/api/big?bytes=" + (1 << 19)).get(30, TimeUnit.SECONDS);
            assertThat(fits.success()).as("%s", fits.error()).isTrue();
            ApiResponse big = m.apiCall("/api/big?bytes=" + (64 << 20)).get(30, TimeUnit.SECONDS);
            assertThat(big.success()).isFalse();
            assertThat(big.error()).as("error of a 64 MiB answer").containsIgnoringCase("limit");
            assertThat(m.apiCall("/control/hang", "POST", null).get(30, TimeUnit.SECONDS).success()).isTrue();
            ApiResponse hung = m.apiCall("/api/echo/never").get(30, TimeUnit.SECONDS);
            assertThat(hung.success()).isFalse();
            assertThat(hung.error()).as("error of an answer that never comes").contains("timed out");
            Figures.record("answer limits", "64 MiB answer refused at the 1 MiB cap in " + big.durationMs()
                    + " ms (" + big.error() + "); never-ending answer cut after " + hung.durationMs() + " ms ("
                    + hung.error() + ")");
        }
    }
}
