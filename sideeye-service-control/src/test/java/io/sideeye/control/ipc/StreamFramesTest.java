package io.sideeye.control.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code service-event} frame, written straight from the event, is the tree's text. */
class StreamFramesTest {
    private static final Instant T = Instant.parse("2026-12-05T01:02:03.456789Z");

    @Test
    void everyEventIsWrittenAsItsTreeWouldBe() {
        List<ServiceEvent> events = List.of(new ServiceEvent.Starting(T), new ServiceEvent.Started(T, 4242, 8000, 312),
                new ServiceEvent.Stopping(T), new ServiceEvent.Stopped(T), new ServiceEvent.Restarting(T, 2, 1500),
                new ServiceEvent.Healthy(T, 200, null, 1.25), new ServiceEvent.Unhealthy(T, 503, "bad \"gateway\"\n", 0.1),
                new ServiceEvent.Error(T, "failed: ü ✓", null), new ServiceEvent.Warning(T, "w\ttab"),
                new ServiceEvent.Info(T, "i"), new ServiceEvent.Stdout(T, "line\r"), new ServiceEvent.Stderr(T, "</script>"),
                new ServiceEvent.ProcessExit(T, 137, "SIGKILL"), new ServiceEvent.ProcessError(T, "m", "c"),
                new ServiceEvent.ApiError(T, "/api/x/", "POST", null));
        for (ServiceEvent e : events) {
            for (String service : List.of("web", "wörker \"2\"")) {
                ObjectNode tree = ServiceJson.toJson(e);
                tree.put("service", service);
                tree.put("instance", 3);
                assertThat(StreamFrames.eventJson(e, service, 3)).as(e.name()).isEqualTo(ServiceJson.write(tree));
                assertThat(new String(StreamFrames.event(e, service, 3), StandardCharsets.UTF_8))
                        .isEqualTo("event: service-event\ndata: " + ServiceJson.write(tree) + "\n\n");
            }
        }
    }

    @Test
    void healthChecksWrittenPieceByPieceAreTheTreesText() {
        List<Instant> instants = List.of(T, Instant.parse("2026-12-05T01:02:03Z"), Instant.parse("2026-12-05T01:02:03.100Z"),
                Instant.parse("1969-12-31T23:59:59.999999999Z"), Instant.parse("+12026-01-01T00:00:00Z"));
        List<String> errors = Arrays.asList(null, "", "HTTP 500", "connection refused: \u0001\u001f\\ / é");
        for (Instant t : instants) {
            for (String error : errors) {
                for (double latency : new double[] {0, 1.25, 1e-7, 123456789.5, Double.NaN}) {
                    for (ServiceEvent e : List.of(new ServiceEvent.Healthy(t, 200, error, latency),
                            new ServiceEvent.Unhealthy(t, -1, error, latency))) {
                        ObjectNode tree = ServiceJson.toJson(e);
                        tree.put("service", "web");
                        tree.put("instance", 12);
                        assertThat(StreamFrames.eventJson(e, "web", 12)).as("%s", e).isEqualTo(ServiceJson.write(tree));
                    }
                }
            }
        }
    }
}
