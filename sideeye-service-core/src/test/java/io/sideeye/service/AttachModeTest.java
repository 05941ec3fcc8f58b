package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.event.EventBus;
import io.sideeye.service.fake.FakeHttp;
import io.sideeye.service.fake.FakeLauncher;
import io.sideeye.service.fake.FakePorts;
import io.sideeye.service.fake.FakeResolver;
import io.sideeye.service.fake.FakeScheduler;
import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.HttpFailure;
import io.sideeye.service.http.HttpReply;
import io.sideeye.service.http.HttpTransport;
import io.sideeye.service.process.RuntimeRecords;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Attach mode: an external service is monitored and called, never spawned, restarted or killed. */
class AttachModeTest {
    private static final String TOKEN = "s3cr3t-attach-token";
    private static final String URL = "http://127.0.0.1:9000/app";

    private final FakeScheduler scheduler = new FakeScheduler();
    private final FakeLauncher launcher = new FakeLauncher();
    private final ScriptedHttp probe = new ScriptedHttp();
    private final ScriptedHttp api = new ScriptedHttp();
    private final List<ServiceEvent> events = new CopyOnWriteArrayList<>();

    private DjangoServiceManager attach(UnaryOperator<ServiceBuilder> customize) {
        ServiceConfig config = customize.apply(Harness.defaults().external(URL).apiToken(TOKEN)).config();
        Seams seams = new Seams(launcher, new FakeResolver(), api, probe, new FakePorts(), scheduler,
                EventBus.on(Runnable::run), RuntimeRecords.in(null), Runnable::run);
        DjangoServiceManager m = new DjangoServiceManager(new Supervisor(config, seams));
        m.onAny(events::add);
        return m;
    }

    @AfterEach
    void stopClock() {
        scheduler.shutdown();
    }

    @Test
    void startAttachesAndChecksHealthAtTheExternalUrlWithTheToken() {
        DjangoServiceManager m = attach(b -> b);
        assertThat(run(m.start())).isTrue();
        assertThat(events).extracting(ServiceEvent::name).containsExactly("info");
        assertThat(((ServiceEvent.Info) events.get(0)).message()).isEqualTo("Attached to external service at " + URL);

        scheduler.advance(Duration.ofSeconds(2));
        assertThat(probe.calls).hasSize(2).allSatisfy(c -> {
            assertThat(c.uri()).hasToString(URL + "/api/health/");
            assertThat(c.headers()).containsEntry("Authorization", "Bearer " + TOKEN);
        });
        ServiceStatus s = m.getStatus();
        assertThat(s.state()).isEqualTo(ServiceState.EXTERNAL);
        assertThat(s.isRunning()).isTrue();
        assertThat(s.external()).isTrue();
        assertThat(s.remote()).isFalse();
        assertThat(s.url()).isEqualTo(URL);
        assertThat(s.port()).isEqualTo(9000);
        assertThat(s.pid()).isNull();
        assertThat(ServiceJson.toJson(s).path("external").asBoolean()).isTrue();
        assertThat(ServiceJson.toJson(s).has("remote")).isTrue();
    }

    @Test
    void aLostExternalServiceIsUnhealthyWithTheReasonAndNeverRestarted() {
        DjangoServiceManager m = attach(b -> b);
        run(m.start());
        probe.answer = call -> CompletableFuture.failedFuture(
                new HttpFailure(HttpFailure.Kind.REFUSED, "connection refused"));
        scheduler.advance(Duration.ofSeconds(5)); // beyond unhealthyThreshold (3)
        assertThat(events).filteredOn(ServiceEvent.Unhealthy.class::isInstance).hasSize(5)
                .extracting(e -> ((ServiceEvent.Unhealthy) e).error())
                .containsOnly("external service at " + URL + " is not answering: connection refused");
        assertThat(m.getStatus().state()).isEqualTo(ServiceState.EXTERNAL);
        assertThat(m.getStatus().isRunning()).isFalse();
        assertThat(events).extracting(ServiceEvent::name)
                .doesNotContain("restarting", "starting", "stopping", "process-exit", "warning");
        assertThat(launcher.children).isEmpty();

        probe.answer = call -> CompletableFuture.completedFuture(FakeHttp.reply(503, "{\"status\":\"unhealthy\"}"));
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(m.getStatus().lastHealthCheck().error())
                .isEqualTo("external service at " + URL + " is unhealthy: HTTP 503: status \"unhealthy\"");
    }

    @Test
    void httpsIsCheckedThroughTheJdkClientTransportAndShownAsRemote() {
        DjangoServiceManager m = attach(b -> b.external("https://api.example.com").allowRemoteHost(true));
        run(m.start());
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(probe.calls).isEmpty();
        assertThat(api.calls).singleElement().extracting(c -> c.uri().toString())
                .isEqualTo("https://api.example.com/api/health/");
        assertThat(m.getStatus().remote()).isTrue();
        assertThat(m.getStatus().port()).isEqualTo(443);
    }

    @Test
    void apiCallsGoToTheExternalUrlWithTheToken() {
        DjangoServiceManager m = attach(b -> b);
        run(m.start());
        ApiResponse r = run(m.apiCall("/notes/?page=2"));
        assertThat(r.success()).isTrue();
        assertThat(api.calls).singleElement().satisfies(c -> {
            assertThat(c.uri()).hasToString(URL + "/api/notes/?page=2");
            assertThat(c.headers()).containsEntry("Authorization", "Bearer " + TOKEN);
        });
    }

    @Test
    void stopOnlyEndsTheMonitoring() {
        DjangoServiceManager m = attach(b -> b);
        run(m.start());
        assertThat(run(m.stop())).isTrue();
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(probe.calls).isEmpty();
        assertThat(m.getStatus().state()).isEqualTo(ServiceState.STOPPED);
        assertThat(launcher.children).isEmpty();
    }

    @Test
    void theTokenAppearsInNoEventStatusOrConfigurationText() {
        DjangoServiceManager m = attach(b -> b);
        run(m.start());
        probe.answer = call -> CompletableFuture.failedFuture(new HttpFailure(HttpFailure.Kind.IO, "reset"));
        scheduler.advance(Duration.ofSeconds(2));
        run(m.apiCall("/x/"));
        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(ServiceJson.toJson(e).toString()).doesNotContain(TOKEN));
        assertThat(ServiceJson.toJson(m.getStatus()).toString()).doesNotContain(TOKEN);
        assertThat(m.config().toString()).doesNotContain(TOKEN);
        assertThat(m.toString()).doesNotContain(TOKEN);
    }

    private <T> T run(CompletableFuture<T> f) {
        scheduler.advanceUntil(f::isDone, Duration.ofSeconds(30));
        return f.join();
    }

    /** Answers every call through {@link #answer}; healthy by default. */
    private static final class ScriptedHttp implements HttpTransport {
        final List<HttpCall> calls = new CopyOnWriteArrayList<>();
        volatile Function<HttpCall, CompletableFuture<HttpReply>> answer =
                call -> CompletableFuture.completedFuture(FakeHttp.reply(200, "{\"status\":\"healthy\"}"));

        @Override
        public CompletableFuture<HttpReply> send(HttpCall call) {
            calls.add(call);
            return answer.apply(call);
        }

        @Override
        public void close() {
        }
    }
}
