package io.sideeye.service;

import static io.sideeye.service.GroupHarness.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sideeye.service.fake.FakeChild;
import io.sideeye.service.fake.FakeHttp;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ServiceGroupReplaceTest {

    /** web; worker after web; mailer after worker; cache on its own. */
    private static ServiceGroup.Builder chain(ServiceGroup.Builder b) {
        return b.service(ServiceSpec.of("web", config("web")))
                .service(ServiceSpec.of("worker", config("worker")).after("web"))
                .service(ServiceSpec.of("mailer", config("mailer")).after("worker"))
                .service(ServiceSpec.of("cache", config("cache")));
    }

    /** The configuration of {@code service} whose command also carries {@code flag}. */
    private static ServiceConfig changed(String service, String flag) {
        return config(service, b -> b.command(List.of("fake-backend", "--port={port}", "--service=" + service, flag)));
    }

    @Test
    void replacingARunningServiceRestartsOnlyItWithTheNewSpec() {
        try (GroupHarness h = new GroupHarness(b -> b.service(ServiceSpec.of("web", config("web")))
                .service(ServiceSpec.of("cache", config("cache"))))) {
            h.http.api = call -> FakeHttp.reply(200, "{\"port\":" + call.uri().getPort() + "}");
            assertThat(h.await(h.group.start())).isTrue();
            FakeChild web = h.children("web").get(0);
            DjangoServiceManager oldCache = h.group.manager("cache");
            h.events.clear();

            assertThat(h.await(h.group.replace(ServiceSpec.of("cache", changed("cache", "--v2"))))).isTrue();

            assertThat(h.lifecycle()).containsExactly("cache#1 stopping", "cache#1 stopped", "cache#1 starting",
                    "cache#1 started");
            assertThat(h.children("cache")).hasSize(2);
            assertThat(h.children("cache").get(0).isAlive()).isFalse();
            FakeChild cache = h.children("cache").get(1);
            assertThat(cache.spec().command()).contains("--v2");
            assertThat(h.children("web")).containsExactly(web);
            assertThat(web.isAlive()).isTrue();
            assertThat(h.group.manager("cache")).isNotSameAs(oldCache);
            assertThat(h.group.spec("cache").config().command()).contains("--v2");
            assertThat(h.group.status().get("cache").get(0).pid()).isEqualTo(cache.pid());
            assertThat(h.await(h.group.apiCall("cache", "/whoami/")).data().get("port").asInt()).isEqualTo(cache.port());
        }
    }

    @Test
    void aReplacementMayRunMoreInstancesWhoseEventsReachTheGroupListeners() {
        try (GroupHarness h = new GroupHarness(b -> b.service(ServiceSpec.of("web", config("web")))
                .service(ServiceSpec.of("worker", config("worker")).after("web")))) {
            h.await(h.group.start());

            assertThat(h.await(h.group.replace(ServiceSpec.of("worker", config("worker")).after("web")
                    .instances(3)))).isTrue();

            assertThat(h.group.instances("worker")).extracting(m -> m.config().name())
                    .containsExactly("worker#1", "worker#2", "worker#3");
            assertThat(h.group.status().get("worker")).extracting(ServiceStatus::state)
                    .containsExactly(ServiceState.RUNNING, ServiceState.RUNNING, ServiceState.RUNNING);
            assertThat(h.lifecycle()).contains("worker#2 started", "worker#3 started");
            assertThat(h.launcher.alive()).isEqualTo(4); // web and three workers
            assertThat(h.children("web")).hasSize(1);
        }
    }

    @Test
    void aReplacementThatWouldCloseACycleIsRefusedAndChangesNothing() {
        try (GroupHarness h = new GroupHarness(ServiceGroupReplaceTest::chain)) {
            h.await(h.group.start());
            List<DjangoServiceManager> before = h.group.instances("web");
            int launched = h.launcher.children.size();
            h.events.clear();

            assertThatThrownBy(() -> h.group.replace(ServiceSpec.of("web", changed("web", "--v2")).after("mailer")))
                    .isInstanceOf(ServiceConfigException.class)
                    .hasMessage("services: web, mailer, worker form a dependency cycle (web runs after mailer runs"
                            + " after worker runs after web), so none of them could ever start; remove one of these"
                            + " after entries");
            assertThatThrownBy(() -> h.group.replace(ServiceSpec.of("worker", config("worker")).after("wbe")))
                    .isInstanceOf(ServiceConfigException.class).hasMessageStartingWith("services.worker.after: 'wbe'"
                            + " is not a service of this group");
            assertThatThrownBy(() -> h.group.replace(ServiceSpec.of("api", config("api"))))
                    .isInstanceOf(ServiceConfigException.class).hasMessage("services.api: is not a service of this"
                            + " group, and a replacement only changes a service it has; the services are"
                            + " [web, worker, mailer, cache]");

            h.scheduler.advance(java.time.Duration.ofSeconds(1));
            assertThat(h.group.instances("web")).isEqualTo(before);
            assertThat(h.group.spec("web").after()).isEmpty();
            assertThat(h.launcher.children).hasSize(launched);
            assertThat(h.lifecycle()).isEmpty();
            // the refused spec left no trace: a valid replacement is checked against the group in force
            assertThat(h.await(h.group.replace(ServiceSpec.of("worker", config("worker"))))).isTrue();
        }
    }

    @Test
    void twoServicesOnOneFixedPortAreRefused() {
        try (GroupHarness h = new GroupHarness(b -> b.service(ServiceSpec.of("web", config("web", c -> c.port(8000))))
                .service(ServiceSpec.of("admin", config("admin"))))) {
            assertThatThrownBy(() -> h.group.replace(ServiceSpec.of("admin", config("admin", c -> c.port(8000)))))
                    .isInstanceOf(ServiceConfigException.class)
                    .hasMessageStartingWith("services.admin.port: 8000 on 127.0.0.1 is also the port of services.web");
            assertThat(h.group.spec("admin").config().port()).isZero();
        }
    }

    @Test
    void runningDependantsStopFirstAndStartAgainInDependencyOrderWhileStoppedOnesStayStopped() {
        try (GroupHarness h = new GroupHarness(b -> chain(b)
                .service(ServiceSpec.of("reports", config("reports")).after("web")))) {
            h.await(h.group.start());
            h.await(h.group.stop("reports"));
            h.events.clear();

            assertThat(h.await(h.group.replace(ServiceSpec.of("web", changed("web", "--v2"))))).isTrue();

            assertThat(h.lifecycle()).containsExactly("mailer#1 stopping", "mailer#1 stopped", "worker#1 stopping",
                    "worker#1 stopped", "web#1 stopping", "web#1 stopped", "web#1 starting", "web#1 started",
                    "worker#1 starting", "worker#1 started", "mailer#1 starting", "mailer#1 started");
            assertThat(h.children("cache")).hasSize(1);
            assertThat(h.children("reports")).hasSize(1);
            assertThat(h.state("reports", 1)).isEqualTo(ServiceState.STOPPED);
            assertThat(h.children("web").get(1).spec().command()).contains("--v2");
        }
    }

    @Test
    void aStoppedServiceIsOnlyReplacedAndAStopAskedForMeanwhileIsNotUndone() {
        try (GroupHarness h = new GroupHarness(ServiceGroupReplaceTest::chain)) {
            assertThat(h.await(h.group.replace(ServiceSpec.of("cache", changed("cache", "--v2"))))).isTrue();
            assertThat(h.launcher.children).isEmpty();
            assertThat(h.group.spec("cache").config().command()).contains("--v2");

            h.await(h.group.start());
            h.launcher.initialHealth = FakeChild.Health.NOT_LISTENING; // the replacement's start hangs
            CompletableFuture<Boolean> first = h.group.replace(ServiceSpec.of("web", changed("web", "--v3")));
            CompletableFuture<Boolean> second = h.group.replace(ServiceSpec.of("cache", changed("cache", "--v4")));
            h.scheduler.advance(java.time.Duration.ofMillis(200));
            assertThat(second).isNotDone(); // waits for its turn
            assertThat(h.await(h.group.stop())).isTrue();

            assertThat(h.await(first)).isFalse();
            assertThat(h.await(second)).isTrue(); // replaced; its stop came after it was asked for
            assertThat(h.group.spec("cache").config().command()).contains("--v4");
            assertThat(h.launcher.alive()).isZero();
            assertThat(h.group.status().values()).allSatisfy(list ->
                    assertThat(list).extracting(ServiceStatus::state).containsOnly(ServiceState.STOPPED));
        }
    }
}
