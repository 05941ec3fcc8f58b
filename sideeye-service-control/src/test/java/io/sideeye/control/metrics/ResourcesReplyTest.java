package io.sideeye.control.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.service.ServiceJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The resources answer written straight is the text the data binding writes for the same tree. */
class ResourcesReplyTest {
    private static final ProcessTreeSample ONE = new ProcessTreeSample(4242L, 3, 12.34, 0.5, 52_428_800L);
    private static final ProcessTreeSample TWO = new ProcessTreeSample(4343L, 1, 0.01, 100.0 / 3, 1L << 33);

    @Test
    void oneInstance() {
        assertThat(ResourcesReply.of(List.of(ONE))).isEqualTo(tree(List.of(ONE)))
                .isEqualTo("{\"success\":true,\"resources\":{\"rootPid\":4242,\"processes\":3,\"cpuSeconds\":12.34,"
                        + "\"cpuPercent\":0.5,\"residentBytes\":52428800}}");
    }

    @Test
    void replicasAndStoppedInstancesAndOddNumbers() {
        ProcessTreeSample odd = new ProcessTreeSample(7L, 2, 1e-7, 1.0E21, Long.MAX_VALUE);
        ProcessTreeSample nan = new ProcessTreeSample(8L, 1, Double.NaN, Double.POSITIVE_INFINITY, 0);
        for (List<ProcessTreeSample> samples : List.of(List.of(ONE, TWO), List.of(ProcessTreeSample.NONE, TWO),
                List.of(ProcessTreeSample.NONE), List.of(ONE, ProcessTreeSample.NONE, TWO), List.of(odd, nan))) {
            assertThat(ResourcesReply.of(samples)).as("%s", samples).isEqualTo(tree(samples));
        }
    }

    @Test
    void theStreamFrameHasTheSameFiguresWithTheServiceLast() {
        for (String service : List.of("web", "a \"quoted\" name\\ with\na line break\u0001", "zoë")) {
            for (List<ProcessTreeSample> samples : List.of(List.of(ONE), List.of(ONE, TWO), List.of(ProcessTreeSample.NONE))) {
                ObjectNode expected = node(samples);
                expected.remove("success");
                expected.put("service", service);
                assertThat(ResourcesReply.frame(service, samples)).as("%s %s", service, samples)
                        .isEqualTo(ServiceJson.write(expected));
            }
        }
        assertThat(ResourcesReply.frame("web", List.of(ONE))).isEqualTo("{\"resources\":{\"rootPid\":4242,\"processes\":3,"
                + "\"cpuSeconds\":12.34,\"cpuPercent\":0.5,\"residentBytes\":52428800},\"service\":\"web\"}");
    }

    /** The reply as a JSON tree written by the data binding (how the route wrote it before). */
    private static String tree(List<ProcessTreeSample> samples) {
        return ServiceJson.write(node(samples));
    }

    private static ObjectNode node(List<ProcessTreeSample> samples) {
        ObjectNode reply = ServiceJson.object();
        reply.put("success", true);
        fields(ProcessTreeSample.sum(samples), reply.putObject("resources"));
        if (samples.size() > 1) {
            ArrayNode each = reply.putArray("instances");
            for (int i = 0; i < samples.size(); i++) {
                fields(samples.get(i), each.addObject()).put("instance", i + 1);
            }
        }
        return reply;
    }

    private static ObjectNode fields(ProcessTreeSample s, ObjectNode into) {
        return into.put("rootPid", s.rootPid()).put("processes", s.processes()).put("cpuSeconds", s.cpuSeconds())
                .put("cpuPercent", s.cpuPercent()).put("residentBytes", s.residentBytes());
    }
}
