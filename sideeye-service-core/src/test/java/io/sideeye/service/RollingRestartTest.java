package io.sideeye.service;

import static io.sideeye.service.GroupHarness.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.fake.FakeChild;
import io.sideeye.service.fake.FakeHttp;
import io.sideeye.service.http.HttpFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@link ServiceGroup#restart(String)} of a service with several instances: one at a time. */
class RollingRestartTest {

    private static GroupHarness threeWebs() {
        return new GroupHarness(b -> b.service(ServiceSpec.of("web", config("web",
                c -> c.startupTimeout(Duration.ofSeconds(5)))).instances(3)));
    }

    @Test
    void eachInstanceRestartsOnlyOnceTheOneBeforeIsHealthyAgain() {
        try (GroupHarness h = threeWebs()) {
            assertThat(h.await(h.group.start())).isTrue();
            List<FakeChild> old = h.children("web");
            h.launcher.initialHealth = FakeChild.Health.HTTP_503; // new generations answer "starting" until told
            CompletableFuture<Boolean> rollout = h.group.restart("web");
            h.scheduler.advance(Duration.ofSeconds(2));

            assertThat(h.children("web")).hasSize(4);
            assertThat(old.get(0).isAlive()).isFalse();
            assertThat(old.get(1).isAlive()).isTrue();
            assertThat(old.get(2).isAlive()).isTrue();
            assertThat(h.state("web", 2)).isEqualTo(ServiceState.RUNNING);
            assertThat(rollout).isNotDone();

            h.children("web").get(3).health = FakeChild.Health.HEALTHY;
            h.scheduler.advance(Duration.ofSeconds(2));
            assertThat(h.children("web")).hasSize(5);
            assertThat(old.get(1).isAlive()).isFalse();
            assertThat(old.get(2).isAlive()).isTrue();

            h.children("web").get(4).health = FakeChild.Health.HEALTHY;
            h.scheduler.advance(Duration.ofSeconds(2));
            h.children("web").get(5).health = FakeChild.Health.HEALTHY;
            assertThat(h.await(rollout)).isTrue();
            assertThat(h.launcher.alive()).isEqualTo(3);
            assertThat(h.lifecycle()).containsSubsequence("web#1 stopping", "web#1 started", "web#2 stopping",
                    "web#2 started", "web#3 stopping", "web#3 started");
        }
    }

    @Test
    void apiCallsDuringTheRolloutGoOnlyToTheHealthyInstances() {
        try (GroupHarness h = threeWebs()) {
            h.http.api = call -> FakeHttp.reply(200, "{\"port\":" + call.uri().getPort() + "}");
            assertThat(h.await(h.group.start())).isTrue();
            h.launcher.initialHealth = FakeChild.Health.HTTP_503;
            CompletableFuture<Boolean> rollout = h.group.restart("web");
            h.scheduler.advance(Duration.ofSeconds(2));
            assertThat(h.state("web", 1)).isEqualTo(ServiceState.STARTING);
            List<Integer> up = List.of(h.group.instances("web").get(1).getStatus().port(),
                    h.group.instances("web").get(2).getStatus().port());

            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ApiResponse r = h.group.apiCall("web", "/notes/").join();
                assertThat(r.success()).isTrue();
                ports.add(r.data().get("port").asInt());
            }
            assertThat(ports).containsOnlyElementsOf(up).contains(up.get(0), up.get(1));

            h.children("web").get(3).health = FakeChild.Health.HEALTHY;
            h.scheduler.advance(Duration.ofSeconds(2));
            h.children("web").get(4).health = FakeChild.Health.HEALTHY;
            h.scheduler.advance(Duration.ofSeconds(2));
            h.children("web").get(5).health = FakeChild.Health.HEALTHY;
            assertThat(h.await(rollout)).isTrue();
        }
    }

    @Test
    void anInstanceThatDoesNotComeBackEndsTheRolloutAndTheOthersKeepRunning() {
        try (GroupHarness h = threeWebs()) {
            assertThat(h.await(h.group.start())).isTrue();
            List<FakeChild> old = h.children("web");
            h.launcher.initialHealth = FakeChild.Health.HTTP_500;
            assertThat(h.await(h.group.restart("web"))).isFalse();
            assertThat(old.get(1).isAlive()).isTrue();
            assertThat(old.get(2).isAlive()).isTrue();
            assertThat(h.state("web", 2)).isEqualTo(ServiceState.RUNNING);
            assertThat(h.state("web", 3)).isEqualTo(ServiceState.RUNNING);
        }
    }

    @Test
    void anIdempotentCallThatMeetsAConnectionFailureIsSentToAnotherHealthyInstance() {
        try (GroupHarness h = threeWebs()) {
            h.http.api = call -> FakeHttp.reply(200, "{\"port\":" + call.uri().getPort() + "}");
            assertThat(h.await(h.group.start())).isTrue();
            for (int i = 0; i < 2; i++) { // the call and the instance's own second attempt
                h.http.apiFailures.add(new HttpFailure(HttpFailure.Kind.REFUSED, "connection refused"));
            }
            int before = h.http.calls.size();
            ApiResponse r = h.group.apiCall("web", "/notes/").join();
            assertThat(r.success()).as(String.valueOf(r)).isTrue();
            List<Integer> ports = h.http.calls.subList(before, h.http.calls.size()).stream()
                    .filter(c -> c.uri().getPath().equals("/api/notes/")).map(c -> c.uri().getPort()).toList();
            assertThat(ports).hasSize(3);
            assertThat(ports.get(2)).isNotEqualTo(ports.get(0));
            assertThat(r.data().get("port").asInt()).isEqualTo(ports.get(2));

            h.http.apiFailures.add(new HttpFailure(HttpFailure.Kind.REFUSED, "connection refused"));
            h.http.apiFailures.add(new HttpFailure(HttpFailure.Kind.REFUSED, "connection refused"));
            ApiResponse post = h.group.apiCall("web", "/notes/", "POST", java.util.Map.of("a", 1)).join();
            assertThat(post.error()).isEqualTo("connection refused");
        }
    }
}
