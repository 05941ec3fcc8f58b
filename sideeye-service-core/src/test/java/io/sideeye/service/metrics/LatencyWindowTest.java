package io.sideeye.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.LatencySummary;
import org.junit.jupiter.api.Test;

class LatencyWindowTest {

    @Test
    void percentilesOverTheMostRecentSamples() {
        LatencyWindow w = new LatencyWindow(100);
        assertThat(w.summary()).isEqualTo(LatencySummary.EMPTY);
        for (int i = 1; i <= 200; i++) {
            w.record(i);
        }
        LatencySummary s = w.summary();
        assertThat(s.count()).isEqualTo(100);
        assertThat(s.p50()).isEqualTo(150);
        assertThat(s.p95()).isEqualTo(195);
        assertThat(s.max()).isEqualTo(200);
    }
}
