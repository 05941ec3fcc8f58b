package io.sideeye.service;

import io.sideeye.service.event.EventBus;
import io.sideeye.service.fake.FakeChild;
import io.sideeye.service.fake.FakeHttp;
import io.sideeye.service.fake.FakeLauncher;
import io.sideeye.service.fake.FakePorts;
import io.sideeye.service.fake.FakeResolver;
import io.sideeye.service.fake.FakeScheduler;
import io.sideeye.service.process.RuntimeRecords;
import io.sideeye.service.time.Cancellable;
import io.sideeye.service.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A group whose managers share one set of fakes: one clock, one launcher, one HTTP fake. Each
 * service's command carries {@code --service=<name>} so a test can tell whose child is whose.
 */
final class GroupHarness implements AutoCloseable {
    final FakeScheduler scheduler = new FakeScheduler();
    final FakeLauncher launcher = new FakeLauncher();
    final FakeHttp http = new FakeHttp(launcher, scheduler);
    final FakePorts ports = new FakePorts();
    final List<GroupEvent> events = new CopyOnWriteArrayList<>();
    final ServiceGroup group;

    GroupHarness(UnaryOperator<ServiceGroup.Builder> declare) {
        group = declare.apply(ServiceGroup.builder()).build(this::manager, Runnable::run);
        group.onAny(events::add);
    }

    /** A service's configuration on the fakes: port 0, a command naming the service. */
    static ServiceConfig config(String service) {
        return config(service, b -> b);
    }

    static ServiceConfig config(String service, UnaryOperator<ServiceBuilder> customize) {
        return customize.apply(Harness.defaults()
                .command(List.of("fake-backend", "--port={port}", "--service=" + service))).config();
    }

    private DjangoServiceManager manager(ServiceConfig config) {
        Seams seams = new Seams(launcher, new FakeResolver(), http, http, ports, shared(), EventBus.on(Runnable::run),
                RuntimeRecords.in(null), Runnable::run);
        return new DjangoServiceManager(new Supervisor(config, seams));
    }

    /**
     * The shared clock for one manager: closing that manager (e.g. one a replacement retired)
     * must not stop the clock of the others, so its shutdown only cuts the manager off.
     */
    private Scheduler shared() {
        return new Scheduler() {
            private volatile boolean shutdown;

            @Override public Instant now() {
                return scheduler.now();
            }
            @Override public long nanoTime() {
                return scheduler.nanoTime();
            }
            @Override public void execute(Runnable task) {
                schedule(Duration.ZERO, task);
            }
            @Override public Cancellable schedule(Duration delay, Runnable task) {
                return shutdown ? Cancellable.NONE : scheduler.schedule(delay, () -> {
                    if (!shutdown) {
                        task.run();
                    }
                });
            }
            @Override public void shutdown() {
                shutdown = true;
            }
        };
    }

    /** Runs the clock until {@code f} completes, and returns its value. */
    <T> T await(CompletableFuture<T> f) {
        scheduler.advanceUntil(f::isDone, Duration.ofSeconds(60));
        return f.join();
    }

    /** The children launched for {@code service}, oldest first. */
    List<FakeChild> children(String service) {
        return launcher.children.stream().filter(c -> c.spec().command().contains("--service=" + service)).toList();
    }

    /** {@code "<service>#<instance> <event name>"} for the lifecycle events, in order. */
    List<String> lifecycle() {
        List<String> names = List.of("starting", "started", "stopping", "stopped", "error");
        return events.stream().filter(e -> names.contains(e.event().name()))
                .map(e -> e.service() + "#" + e.instance() + " " + e.event().name()).toList();
    }

    ServiceState state(String service, int instance) {
        return group.instances(service).get(instance - 1).getStatus().state();
    }

    @Override
    public void close() {
        scheduler.shutdown();
    }
}
