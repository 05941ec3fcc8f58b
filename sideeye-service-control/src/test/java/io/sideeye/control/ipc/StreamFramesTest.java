package io.sideeye.control.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
}
