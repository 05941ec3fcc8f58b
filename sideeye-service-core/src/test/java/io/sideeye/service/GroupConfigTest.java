package io.sideeye.service;

import static io.sideeye.service.GroupHarness.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every configuration error of a service group names the service, the key and the remedy. */
class GroupConfigTest {

    static Stream<Arguments> badGroups() {
        return Stream.of(
                bad("services", () -> ServiceGroup.builder().build(), "services: the group has no service"),
                bad("services.web", () -> ServiceGroup.builder().service(ServiceSpec.of("web", config("web")))
                        .service(ServiceSpec.of("web", config("web"))).build(), "services.web: declared twice"),
                bad("services.worker.after", () -> ServiceGroup.builder()
                        .service(ServiceSpec.of("web", config("web")))
                        .service(ServiceSpec.of("worker", config("worker")).after("wbe")).build(),
                        "services.worker.after: 'wbe' is not a service of this group; the services are [web, worker]"),
                bad("services.a.after", () -> ServiceGroup.builder()
                        .service(ServiceSpec.of("a", config("a")).after("c"))
                        .service(ServiceSpec.of("b", config("b")).after("a"))
                        .service(ServiceSpec.of("c", config("c")).after("b"))
                        .service(ServiceSpec.of("d", config("d"))).build(),
                        "services: a, c, b form a dependency cycle (a runs after c runs after b runs after a)",
                        "remove one of these after entries"),
                bad("defaultService", () -> ServiceGroup.builder().service(ServiceSpec.of("web", config("web")))
                        .defaultService("api").build(), "defaultService: 'api' is not a service of this group;"
                        + " use one of [web]"),
                bad("services.admin.port", () -> ServiceGroup.builder()
                        .service(ServiceSpec.of("web", config("web", b -> b.port(8000))))
                        .service(ServiceSpec.of("admin", config("admin", b -> b.port(8000)))).build(),
                        "services.admin.port: 8000 on 127.0.0.1 is also the port of services.web", "use port 0"),
                bad("services.Web.name", () -> ServiceSpec.of("Web", config("web")),
                        "services.Web.name: 'Web' is not a valid service name"),
                bad("services.web.config", () -> ServiceSpec.of("web", null), "services.web.config: must be set"),
                bad("services.worker.instances", () -> ServiceSpec.of("worker", config("worker", b -> b.port(8000)))
                        .instances(3), "services.worker.instances: 3 copies need port 0 so each gets its own free port"),
                bad("services.worker.instances", () -> ServiceSpec.of("worker", config("worker")).instances(0),
                        "0 is out of range; use 1 to 32"),
                bad("services.worker.instances", () -> ServiceSpec.of("worker", config("worker")).instances(33),
                        "33 is out of range"),
                bad("services.api.instances", () -> ServiceSpec.of("api",
                        config("api", b -> b.external("http://127.0.0.1:9000"))).instances(2),
                        "copies of an external service"),
                bad("services.web.after", () -> ServiceSpec.of("web", config("web")).after("web"),
                        "'web' cannot run after itself"),
                bad("services.web.after", () -> ServiceSpec.of("web", config("web")).after("db", "db"),
                        "'db' is listed twice"),
                bad("services.web.after", () -> ServiceSpec.of("web", config("web")).after("Db"),
                        "'Db' is not a valid service name"),
                bad("services.worker.logFile", () -> ServiceGroup.builder().service(ServiceSpec.of("worker",
                        config("worker", b -> b.logFile(java.nio.file.Path.of("/tmp/sideeye-test/worker.log"))))
                        .instances(2)).build(),
                        "services.worker.logFile: /tmp/sideeye-test/worker.log would be written by all 2 copies at once",
                        "put {name} in it (e.g. /tmp/sideeye-test/{name}.log)"),
                bad("services.admin.logFile", () -> ServiceGroup.builder()
                        .service(ServiceSpec.of("web", config("web", b -> b.logFile(java.nio.file.Path.of("/tmp/x.log")))))
                        .service(ServiceSpec.of("admin", config("admin", b -> b.logFile(java.nio.file.Path.of("/tmp/x.log")))))
                        .build(), "services.admin.logFile: /tmp/x.log is also the log file of services.web"));
    }

    private static Arguments bad(String field, Supplier<Object> build, String... fragments) {
        return Arguments.of(field, build, fragments);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("badGroups")
    void invalidGroupsNameTheServiceAndTheRemedy(String field, Supplier<Object> build, String[] fragments) {
        assertThatThrownBy(build::get).isInstanceOfSatisfying(ServiceConfigException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(fragments);
        });
    }
}
