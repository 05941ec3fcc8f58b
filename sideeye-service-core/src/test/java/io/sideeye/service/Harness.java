package io.sideeye.service;

import io.sideeye.service.event.EventBus;
import io.sideeye.service.fake.FakeChild;
import io.sideeye.service.fake.FakeHttp;
import io.sideeye.service.fake.FakeLauncher;
import io.sideeye.service.fake.FakePorts;
import io.sideeye.service.fake.FakeResolver;
import io.sideeye.service.fake.FakeScheduler;
import io.sideeye.service.http.HttpTransport;
import io.sideeye.service.probe.ProbeLoop;
import io.sideeye.service.process.RuntimeRecords;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** A manager wired to fakes of every seam: time moves only when the test advances it. */
final class Harness implements AutoCloseable {
    final FakeScheduler scheduler = new FakeScheduler();
    final FakeLauncher launcher = new FakeLauncher();
    final FakeHttp http = new FakeHttp(launcher, scheduler);
    final FakePorts ports = new FakePorts();
    final FakeResolver resolver = new FakeResolver();
    final List<ServiceEvent> events = new CopyOnWriteArrayList<>();
    final DjangoServiceManager manager;

    Harness() {
        this(b -> b);
    }

    Harness(UnaryOperator<ServiceBuilder> customize) {
        this(customize, null);
    }

    /**
     * With {@code loopExchanges} not null, periodic checks go through a {@link ProbeLoop} driven by
     * the fake scheduler (as they go through the shared loop in production), exchanged through
     * the transport it makes of the fake HTTP.
     */
    Harness(UnaryOperator<ServiceBuilder> customize, Function<FakeHttp, HttpTransport> loopExchanges) {
        ServiceConfig config = customize.apply(defaults()).config();
        ProbeLoop loop = loopExchanges == null ? null : ProbeLoop.drivenBy(scheduler, loopExchanges.apply(http));
        Seams seams = new Seams(launcher, resolver, http, http, ports, scheduler, EventBus.on(Runnable::run),
                RuntimeRecords.in(null), Runnable::run, loop);
        manager = new DjangoServiceManager(new Supervisor(config, seams));
        manager.onAny(events::add);
    }

    static ServiceBuilder defaults() {
        return DjangoServiceManager.builder()
                .command(List.of("fake-backend", "--port={port}"))
                .port(0)
                .healthCheckInterval(Duration.ofSeconds(1))
                .healthCheckTimeout(Duration.ofMillis(500))
                .unhealthyThreshold(3)
                .restartDelay(Duration.ofMillis(100))
                .maxRestartDelay(Duration.ofSeconds(1))
                .restartResetAfter(Duration.ofSeconds(60))
                .startupTimeout(Duration.ofSeconds(5))
                .shutdownTimeout(Duration.ofSeconds(2))
                .maxRestartAttempts(3)
                .runtimeDir(null);
    }

    /** Starts and runs the clock until the start future completes. */
    boolean startNow() {
        CompletableFuture<Boolean> f = manager.start();
        scheduler.advanceUntil(f::isDone, Duration.ofSeconds(30));
        return f.join();
    }

    boolean stopNow() {
        CompletableFuture<Boolean> f = manager.stop();
        scheduler.advanceUntil(f::isDone, Duration.ofSeconds(30));
        return f.join();
    }

    FakeChild child() {
        return launcher.last();
    }

    ServiceState state() {
        return manager.getStatus().state();
    }

    /** Event names in order, without the chatty ones (output lines and passing checks). */
    List<String> names() {
        return events.stream().map(ServiceEvent::name)
                .filter(n -> !n.equals("stdout") && !n.equals("stderr") && !n.equals("healthy")).toList();
    }

    <E extends ServiceEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
        scheduler.shutdown();
    }
}
