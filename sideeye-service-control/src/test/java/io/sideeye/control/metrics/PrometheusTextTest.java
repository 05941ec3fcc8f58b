package io.sideeye.control.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sideeye.control.testkit.ExpositionParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values as Prometheus reads them, and a histogram that its parser accepts. */
class PrometheusTextTest {

    @Test
    void infinityNanCountsAndFractionsArePrintedAsTheFormatWants() {
        assertThat(PrometheusText.format(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PrometheusText.format(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(PrometheusText.format(Double.NaN)).isEqualTo("NaN");
        assertThat(PrometheusText.format(0.0042)).isEqualTo("0.0042");
        assertThat(Double.parseDouble(PrometheusText.format(1.0 / 3))).isEqualTo(1.0 / 3); // no digits lost
        assertThat(PrometheusText.format(12_345_678_901d)).isEqualTo("12345678901");

        String text = new PrometheusText().family("c_total", "counter", "h")
                .sample("c_total", Long.MAX_VALUE - 1, "a", "b").toString();
        assertThat(text).endsWith("c_total{a=\"b\"} 9223372036854775806\n"); // exact, not 9.22337e+18
    }

    @Test
    void aHistogramIsCumulativeWithInfEqualToCount() {
        LatencyHistogram h = new LatencyHistogram();
        for (double s : new double[] {0.001, 0.004, 0.03, 0.2, 0.2, 7, 60}) {
            h.observe(s);
        }
        PrometheusText t = new PrometheusText().family("d_seconds", "histogram", "h");
        h.write(t, "d_seconds", "service", "web");
        Map<String, ExpositionParser.Family> parsed = ExpositionParser.parse(t.toString());

        assertThat(t.toString()).contains("d_seconds_bucket{service=\"web\",le=\"0.005\"} 2\n",
                "d_seconds_bucket{service=\"web\",le=\"0.25\"} 5\n", "d_seconds_bucket{service=\"web\",le=\"10\"} 6\n",
                "d_seconds_bucket{service=\"web\",le=\"+Inf\"} 7\n", "d_seconds_count{service=\"web\"} 7\n");
        assertThat(parsed.get("d_seconds").samples()).hasSize(LatencyHistogram.BOUNDS.length + 3);
    }

    @Test
    void theParserRejectsWhatPrometheusRejects() {
        assertThatThrownBy(() -> ExpositionParser.parse("# TYPE a gauge\nb 1\n")).hasMessageContaining("not in the family");
        assertThatThrownBy(() -> ExpositionParser.parse("# TYPE a gauge\na 1e\n")).hasMessageContaining("not in the text format");
        assertThatThrownBy(() -> ExpositionParser.parse("# TYPE a_total counter\na_total 1.5e3\n"))
                .hasMessageContaining("printed inexactly");
        assertThatThrownBy(() -> ExpositionParser.parse("# TYPE a gauge\na 1\n# TYPE a gauge\na 2\n"))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> ExpositionParser.parse("# TYPE h histogram\nh_bucket{le=\"1\"} 2\n"
                + "h_bucket{le=\"+Inf\"} 1\nh_count 1\n")).hasMessageContaining("grow");
    }
}
