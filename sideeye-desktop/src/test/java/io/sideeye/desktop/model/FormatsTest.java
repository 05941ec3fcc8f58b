package io.sideeye.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void uptimeIsShortAndStable() {
        assertThat(Formats.uptime(0)).isEqualTo(Formats.NONE);
        assertThat(Formats.uptime(999)).isEqualTo("0s");
        assertThat(Formats.uptime(45_000)).isEqualTo("45s");
        assertThat(Formats.uptime(125_000)).isEqualTo("2m 05s");
        assertThat(Formats.uptime(3_723_000)).isEqualTo("1h 02m 03s");
        assertThat(Formats.uptime(273_900_000)).isEqualTo("3d 04h 05m");
    }

    @Test
    void latencyKeepsTwoSignificantFiguresBelowTenMs() {
        assertThat(Formats.latency(0.4234)).isEqualTo("0.42 ms");
        assertThat(Formats.latency(3.14)).isEqualTo("3.1 ms");
        assertThat(Formats.latency(120.6)).isEqualTo("121 ms");
    }

    @Test
    void missingNumbersShowADash() {
        assertThat(Formats.number(null)).isEqualTo(Formats.NONE);
        assertThat(Formats.number(4242L)).isEqualTo("4242");
    }
}
