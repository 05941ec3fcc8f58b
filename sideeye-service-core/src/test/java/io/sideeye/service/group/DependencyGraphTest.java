package io.sideeye.service.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sideeye.service.ServiceConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    private static Map<String, List<String>> after(Object... pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> deps = (List<String>) pairs[i + 1];
            map.put((String) pairs[i], deps);
        }
        return map;
    }

    @Test
    void startOrderPutsEachServiceAfterItsDependenciesAndOtherwiseKeepsTheDeclaration() {
        DependencyGraph g = DependencyGraph.of(after("worker", List.of("web", "db"), "web", List.of("db"),
                "cache", List.of(), "db", List.of()));
        assertThat(g.startOrder()).containsExactly("cache", "db", "web", "worker");
        assertThat(g.names()).containsExactly("worker", "web", "cache", "db");
        assertThat(g.dependencies("worker")).containsExactly("web", "db");
        assertThat(g.dependants("db")).containsExactly("worker", "web");
        assertThat(g.withDependencies("worker")).containsExactlyInAnyOrder("worker", "web", "db");
        assertThat(g.withDependencies("cache")).containsExactly("cache");
    }

    @Test
    void aCycleNamesEveryServiceInIt() {
        assertThatThrownBy(() -> DependencyGraph.of(after("a", List.of(), "b", List.of("c"), "c", List.of("d"),
                "d", List.of("b"))))
                .isInstanceOfSatisfying(ServiceConfigException.class, e -> {
                    assertThat(e.field()).isEqualTo("services.b.after");
                    assertThat(e.getMessage()).isEqualTo("services: b, c, d form a dependency cycle (b runs after c"
                            + " runs after d runs after b), so none of them could ever start; remove one of these"
                            + " after entries");
                });
    }

    @Test
    void anUnknownNameIsRejectedListingTheServices() {
        assertThatThrownBy(() -> DependencyGraph.of(after("web", List.of(), "worker", List.of("wbe"))))
                .isInstanceOf(ServiceConfigException.class)
                .hasMessage("services.worker.after: 'wbe' is not a service of this group; the services are"
                        + " [web, worker]; fix the name or declare that service");
    }
}
