package io.sideeye.service;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The Java examples of docs/GROUPS.md, compiled here so the page cannot drift from the API. */
final class GroupsDocExamples {
    private GroupsDocExamples() {
    }

    static void webAndWorkers() {
        // GROUPS:start
        ServiceConfig web = DjangoServiceManager.builder()
                .projectDir(Path.of("backend"))
                .port(0)                                        // a free port
                .config();
        ServiceConfig worker = web.toBuilder()
                .command(List.of("{python}", "manage.py", "worker"))
                .healthMode(HealthMode.PROCESS)                 // alive is healthy: no health endpoint needed
                .config();
        try (ServiceGroup group = ServiceGroup.builder()
                .service(ServiceSpec.of("web", web).instances(2))
                .service(ServiceSpec.of("worker", worker).after("web"))
                .build()) {
            group.onAny(e -> System.out.println(e.service() + "#" + e.instance() + " " + e.event().name()));
            if (group.start().join()) {                         // web (both copies) first, then worker
                ApiResponse notes = group.apiCall("web", "/notes/").join();   // round-robin over healthy copies
                System.out.println(ServiceJson.groupToJson(group.status()));
            }
        }                                                       // close(): worker stops first, then web
        // GROUPS:end
    }

    static void replaceOne(ServiceGroup group, ServiceConfig worker) {
        // GROUPS:start
        ServiceConfig worker2 = worker.toBuilder()
                .command(List.of("{python}", "manage.py", "worker", "--queue=mail"))
                .config();
        group.replace(ServiceSpec.of("worker", worker2).after("web").instances(2)).join();   // web keeps running
        // GROUPS:end
    }

    static void attach() {
        // GROUPS:start
        DjangoServiceManager api = DjangoServiceManager.builder()
                .external(URI.create("https://api.example.com/app"))  // nothing is spawned
                .allowRemoteHost(true)                          // another machine: an explicit opt-in
                .apiToken(System.getenv("API_TOKEN"))           // sent as Authorization: Bearer ...
                .healthCheckInterval(Duration.ofSeconds(15))
                .build();
        api.on(ServiceEvent.Unhealthy.class, e -> System.err.println(e.error()));
        api.start().join();                                     // state EXTERNAL, checks every 15 s
        // GROUPS:end
    }
}
