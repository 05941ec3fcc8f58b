package io.sideeye.service;

import static io.sideeye.service.GroupHarness.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sideeye.service.fake.FakeChild;
import io.sideeye.service.fake.FakeHttp;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ServiceGroupTest {

    private static ServiceGroup.Builder webWorkerCache(ServiceGroup.Builder b) {
        return b.service(ServiceSpec.of("web", config("web")))
                .service(ServiceSpec.of("worker", config("worker")).after("web"))
                .service(ServiceSpec.of("cache", config("cache")));
    }

    @Test
    void aServiceStartsOnlyOnceWhatItRunsAfterIsHealthyWhileIndependentOnesStartAtOnce() {
        try (GroupHarness h = new GroupHarness(ServiceGroupTest::webWorkerCache)) {
            assertThat(h.await(h.group.start())).isTrue();
            List<String> order = h.lifecycle();
            assertThat(order).containsSubsequence("web#1 starting", "web#1 started", "worker#1 starting",
                    "worker#1 started");
            assertThat(order.indexOf("cache#1 starting")).isLessThan(order.indexOf("web#1 started"));
            assertThat(h.group.status().values()).allSatisfy(list ->
                    assertThat(list).extracting(ServiceStatus::state).containsOnly(ServiceState.RUNNING));
        }
    }

    @Test
    void stopGoesInReverseOrderDependantsFirst() {
        try (GroupHarness h = new GroupHarness(ServiceGroupTest::webWorkerCache)) {
            h.await(h.group.start());
            h.events.clear();
            assertThat(h.await(h.group.stop())).isTrue();
            assertThat(h.lifecycle()).containsSubsequence("worker#1 stopping", "worker#1 stopped", "web#1 stopping",
                    "web#1 stopped");
            assertThat(h.launcher.alive()).isZero();
        }
    }

    @Test
    void aFailedDependencyBlocksItsDependantsTransitivelyWithAClearError() {
        try (GroupHarness h = new GroupHarness(b -> b
                .service(ServiceSpec.of("web", config("web")))
                .service(ServiceSpec.of("worker", config("worker")).after("web").instances(2))
                .service(ServiceSpec.of("mailer", config("mailer")).after("worker"))
                .service(ServiceSpec.of("cache", config("cache"))))) {
            h.launcher.refuse = spec -> spec.command().contains("--service=web");
            assertThat(h.await(h.group.start())).isFalse();

            assertThat(h.children("worker")).isEmpty();
            assertThat(h.children("mailer")).isEmpty();
            assertThat(h.state("cache", 1)).isEqualTo(ServiceState.RUNNING);
            String blocked = "worker not started: it runs after web, which failed to start";
            assertThat(h.events).filteredOn(e -> e.service().equals("worker"))
                    .extracting(e -> e.instance() + " " + e.event().name() + " " + message(e.event()))
                    .containsExactly("1 error " + blocked, "2 error " + blocked);
            assertThat(h.group.status().get("worker")).allSatisfy(s -> {
                assertThat(s.state()).isEqualTo(ServiceState.STOPPED);
                assertThat(s.lastError()).isEqualTo(blocked);
            });
            assertThat(h.group.status().get("mailer").get(0).lastError())
                    .isEqualTo("mailer not started: it runs after worker, which failed to start");
        }
    }

    @Test
    void startOfOneServiceStartsWhatItRunsAfterFirstAndStopOfOneLeavesTheOthers() {
        try (GroupHarness h = new GroupHarness(ServiceGroupTest::webWorkerCache)) {
            assertThat(h.await(h.group.start("worker"))).isTrue();
            assertThat(h.lifecycle()).containsSubsequence("web#1 started", "worker#1 starting");
            assertThat(h.children("cache")).isEmpty();

            assertThat(h.await(h.group.stop("web"))).isTrue();
            assertThat(h.state("web", 1)).isEqualTo(ServiceState.STOPPED);
            assertThat(h.state("worker", 1)).isEqualTo(ServiceState.RUNNING);

            h.events.clear();
            assertThat(h.await(h.group.start("worker"))).isTrue();
            assertThat(h.lifecycle()).containsExactly("web#1 starting", "web#1 started"); // worker was running
        }
    }

    @Test
    void aStopOvertakesStartsStillWaitingForTheirDependencies() {
        try (GroupHarness h = new GroupHarness(ServiceGroupTest::webWorkerCache)) {
            h.launcher.initialHealth = FakeChild.Health.NOT_LISTENING; // web stays STARTING
            CompletableFuture<Boolean> start = h.group.start();
            h.scheduler.advance(Duration.ofMillis(200));
            assertThat(h.await(h.group.stop())).isTrue();
            assertThat(h.await(start)).isFalse();
            assertThat(h.children("worker")).isEmpty();
            assertThat(h.events).noneMatch(e -> message(e.event()).contains("not started"));
        }
    }

    @Test
    void aServiceWhoseProcessEndsWhileWaitingForItsTurnToStopIsStoppedNotRestarted() {
        try (GroupHarness h = new GroupHarness(b -> b.service(ServiceSpec.of("web", config("web")))
                .service(ServiceSpec.of("worker", config("worker")).after("web")))) {
            h.await(h.group.start());
            h.children("worker").get(0).ignoresSigterm = true; // the worker's stop takes shutdownTimeout
            h.events.clear();

            CompletableFuture<Boolean> stop = h.group.stop();
            h.scheduler.advance(Duration.ofMillis(300));
            assertThat(h.state("web", 1)).as("web waits for the worker").isEqualTo(ServiceState.RUNNING);
            h.children("web").get(0).exit(143); // e.g. a SIGTERM that reached it from outside

            assertThat(h.await(stop)).isTrue();
            assertThat(h.children("web")).hasSize(1);
            assertThat(h.events).extracting(e -> e.event().name()).doesNotContain("restarting");
            assertThat(h.lifecycle()).containsSubsequence("web#1 stopping", "web#1 stopped", "worker#1 stopped");
            assertThat(h.state("web", 1)).isEqualTo(ServiceState.STOPPED);

            assertThat(h.await(h.group.start())).as("a new start lifts the hold").isTrue();
            h.children("web").get(1).exit(1);
            h.scheduler.advance(Duration.ofMillis(300));
            assertThat(h.events).extracting(e -> e.event().name()).contains("restarting");
        }
    }

    @Test
    void restartOfAServiceRestartsEachOfItsInstances() {
        try (GroupHarness h = new GroupHarness(b -> b.service(ServiceSpec.of("web", config("web")).instances(2)))) {
            h.await(h.group.start());
            assertThat(h.await(h.group.restart("web"))).isTrue();
            assertThat(h.children("web")).hasSize(4);
            assertThat(h.launcher.alive()).isEqualTo(2);
        }
    }

    @Test
    void replicasRunOnDistinctPortsWithTheirOwnNames() {
        try (GroupHarness h = new GroupHarness(b -> b.service(ServiceSpec.of("web", config("web")).instances(3)))) {
            assertThat(h.await(h.group.start())).isTrue();
            assertThat(h.group.status().get("web")).extracting(ServiceStatus::port).doesNotHaveDuplicates()
                    .hasSize(3);
            assertThat(h.group.instances("web")).extracting(m -> m.config().name())
                    .containsExactly("web#1", "web#2", "web#3");
            assertThat(h.events).extracting(GroupEvent::instance).contains(1, 2, 3);
        }
    }

    @Test
    void apiCallsGoRoundRobinOverHealthyInstancesAndSkipUnhealthyOnes() {
        try (GroupHarness h = new GroupHarness(b -> b.service(ServiceSpec.of("web", config("web")).instances(3)))) {
            h.http.api = call -> FakeHttp.reply(200, "{\"port\":" + call.uri().getPort() + "}");
            h.await(h.group.start());
            List<Integer> ports = h.group.status().get("web").stream().map(ServiceStatus::port).toList();
            assertThat(callPorts(h, 6)).containsExactlyInAnyOrder(ports.get(0), ports.get(0), ports.get(1),
                    ports.get(1), ports.get(2), ports.get(2));

            h.children("web").get(1).health = FakeChild.Health.HTTP_500; // fails its next check, below the threshold
            h.scheduler.advance(Duration.ofSeconds(1));
            assertThat(h.state("web", 2)).isEqualTo(ServiceState.RUNNING);
            assertThat(callPorts(h, 4)).containsOnly(ports.get(0), ports.get(2)).hasSize(4)
                    .containsExactlyInAnyOrder(ports.get(0), ports.get(0), ports.get(2), ports.get(2));
        }
    }

    @Test
    void withNoHealthyInstanceTheCallFailsNamingTheService() {
        try (GroupHarness h = new GroupHarness(b -> b.service(ServiceSpec.of("web", config("web")).instances(2)))) {
            assertThatThrownBy(() -> h.group.apiCall("web", "/notes/").join())
                    .isInstanceOf(CompletionException.class).cause().isInstanceOf(ServiceNotRunningException.class)
                    .hasMessage("Service 'web' is not running: none of its 2 instances is healthy (STOPPED, STOPPED);"
                            + " start it, or check its health and logs");
            assertThatThrownBy(() -> h.group.apiCall("api", "/notes/").join()).cause()
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'api' is not a service of this group; use one of [web]");
        }
    }

    @Test
    void anExternalDependencyThatDoesNotAnswerBlocksItsDependants() {
        try (GroupHarness h = new GroupHarness(b -> b
                .service(ServiceSpec.of("api", config("api", c -> c.external("http://127.0.0.1:9/app"))))
                .service(ServiceSpec.of("web", config("web")).after("api")))) {
            assertThat(h.await(h.group.start())).isFalse();
            assertThat(h.state("api", 1)).isEqualTo(ServiceState.EXTERNAL);
            assertThat(h.children("web")).isEmpty();
            assertThat(h.group.status().get("web").get(0).lastError())
                    .isEqualTo("web not started: it runs after api, which failed to start");
        }
    }

    @Test
    void namesSpecsStatusAndDefaultFollowTheDeclaration() {
        try (GroupHarness h = new GroupHarness(b -> webWorkerCache(b).defaultService("worker"))) {
            assertThat(h.group.names()).containsExactly("web", "worker", "cache");
            assertThat(h.group.status().keySet()).containsExactly("web", "worker", "cache");
            assertThat(h.group.defaultService()).isEqualTo("worker");
            assertThat(h.group.spec("worker").after()).containsExactly("web");
            assertThat(h.group.manager("web")).isSameAs(h.group.instances("web").get(0));
            assertThatThrownBy(() -> h.group.status().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> h.group.instances("db")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'db' is not a service of this group; use one of [web, worker, cache]");
        }
        try (GroupHarness h = new GroupHarness(ServiceGroupTest::webWorkerCache)) {
            assertThat(h.group.defaultService()).isEqualTo("web");
        }
    }

    @Test
    void aGroupAroundAnExistingManagerLeavesItToItsOwner() {
        try (Harness h = new Harness()) {
            ServiceGroup group = ServiceGroup.of("web", h.manager);
            List<GroupEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            group.onAny(events::add);
            h.startNow();
            org.awaitility.Awaitility.await().until(() -> events.stream()
                    .anyMatch(e -> e.event() instanceof ServiceEvent.Started && e.service().equals("web")));
            group.close();
            assertThat(h.state()).isEqualTo(ServiceState.RUNNING);
            int seen = events.size();
            h.stopNow();
            assertThat(events).hasSize(seen); // the group no longer listens
            assertThatThrownBy(() -> group.start().join()).cause().isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void theGroupStatusRendersAsOneJsonObjectByService() {
        try (GroupHarness h = new GroupHarness(b -> b.service(ServiceSpec.of("web", config("web")))
                .service(ServiceSpec.of("worker", config("worker")).instances(2)))) {
            h.await(h.group.start());
            var json = ServiceJson.groupToJson(h.group.status());
            assertThat(json.fieldNames()).toIterable().containsExactly("web", "worker");
            assertThat(json.path("worker")).hasSize(2);
            assertThat(json.path("worker").get(1).path("state").asText()).isEqualTo("RUNNING");
            assertThat(json.path("web").get(0).path("external").asBoolean()).isFalse();
            assertThat(json.path("web").get(0).has("isRunning")).isTrue();
            assertThat(ServiceJson.toJson(h.group.status())).isEqualTo(json);
        }
    }

    private static List<Integer> callPorts(GroupHarness h, int calls) {
        return java.util.stream.IntStream.range(0, calls)
                .mapToObj(i -> h.await(h.group.apiCall("web", "/whoami/")).data().get("port").asInt()).toList();
    }

    private static String message(ServiceEvent e) {
        return e instanceof ServiceEvent.Error error ? error.message() : "";
    }
}
