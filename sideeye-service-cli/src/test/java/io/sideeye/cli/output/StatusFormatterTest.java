package io.sideeye.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.service.ServiceJson;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StatusFormatterTest {
    private final StatusFormatter plain = new StatusFormatter(Style.PLAIN, ZoneOffset.UTC);

    private static JsonNode status(boolean identityChecked, boolean external) throws Exception {
        return ServiceJson.reader().readTree("{\"state\":\"RUNNING\",\"pid\":4321,\"url\":\"http://127.0.0.1:8000\","
                + "\"uptime\":5000,\"restartAttempts\":0,\"restartsTotal\":0,\"external\":" + external
                + ",\"identityChecked\":" + identityChecked + "}");
    }

    @Test
    void saysWhenTheHealthChecksCannotTellTheBackendFromAnotherServer() throws Exception {
        assertThat(plain.format(status(false, false))).contains("\n  identity: not checked (the health checks"
                + " cannot tell this backend from another server on its port)");
        assertThat(plain.format(status(true, false))).doesNotContain("identity");
        assertThat(plain.format(status(false, true))).as("an attached service is watched, not ours")
                .doesNotContain("identity");
    }

    @Test
    void showsTheHealthCheckLatencyAsStringFormatDoes() {
        for (double ms : new double[] {0, 0.05, 1.45, 2.675, 25.7, 25.75, 999.95, 1e-7, 123456.789}) {
            assertThat(StatusFormatter.millis(ms)).as("%s", ms).isEqualTo(String.format("%.1f", ms));
        }
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 2000; i++) {
            double ms = random.nextInt(100_000) / 100.0 + (i % 2 == 0 ? 0 : random.nextDouble());
            assertThat(StatusFormatter.millis(ms)).as("%s", ms).isEqualTo(String.format("%.1f", ms));
        }
    }
}
