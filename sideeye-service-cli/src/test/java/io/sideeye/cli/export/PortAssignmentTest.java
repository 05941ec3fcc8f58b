package io.sideeye.cli.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortAssignmentTest {

    private static ServiceSpec spec(String name, int port, int instances) {
        return ServiceSpec.of(name, DjangoServiceManager.builder().port(port).config()).instances(instances);
    }

    @Test
    void fixedPortsStayAndAutomaticOnesTakeTheNextFreeFromTheBase() {
        Map<String, List<Integer>> ports = PortAssignment.assign(List.of(spec("web", 8001, 1), spec("worker", 0, 3),
                spec("admin", 0, 1), spec("api", 8003, 1)), 8000);

        assertThat(ports).containsExactly(Map.entry("web", List.of(8001)), Map.entry("worker", List.of(8000, 8002, 8004)),
                Map.entry("admin", List.of(8005)), Map.entry("api", List.of(8003)));
    }

    @Test
    void runningOutOfPortsSaysWhichServiceAndWhatToDo() {
        assertThatThrownBy(() -> PortAssignment.assign(List.of(spec("worker", 0, 3)), 65534))
                .isInstanceOf(ExportException.class)
                .hasMessage("no port left above 65534 for service worker; choose a lower --base-port");
    }
}
