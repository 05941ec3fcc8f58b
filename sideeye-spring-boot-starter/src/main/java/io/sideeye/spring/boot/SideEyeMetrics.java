package io.sideeye.spring.boot;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceState;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters of the backend, each tagged {@code service=<name>}:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>what</th></tr>
 *   <tr><td>{@code sideeye.health.latency}</td><td>timer, tag {@code outcome=healthy|unhealthy}</td>
 *       <td>round trip of each health check</td></tr>
 *   <tr><td>{@code sideeye.restarts}</td><td>function counter</td><td>automatic restarts since the manager was created</td></tr>
 *   <tr><td>{@code sideeye.state}</td><td>gauge, tag {@code state}</td><td>1 for the current state, 0 for the others</td></tr>
 *   <tr><td>{@code sideeye.uptime}</td><td>time gauge</td><td>time since the backend became RUNNING; 0 when not running</td></tr>
 * </table>
 */
public class SideEyeMetrics implements MeterBinder {
    private final DjangoServiceManager manager;

    /** Meters for {@code manager}. */
    public SideEyeMetrics(DjangoServiceManager manager) {
        this.manager = manager;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Tags tags = Tags.of("service", manager.config().name());
        Timer healthy = latency(registry, tags, "healthy");
        Timer unhealthy = latency(registry, tags, "unhealthy");
        manager.on(ServiceEvent.Healthy.class, e -> record(healthy, e.latencyMs()));
        manager.on(ServiceEvent.Unhealthy.class, e -> record(unhealthy, e.latencyMs()));

        FunctionCounter.builder("sideeye.restarts", manager, m -> m.getStatus().restartsTotal())
                .description("Automatic restarts of the backend").tags(tags).register(registry);
        for (ServiceState state : ServiceState.values()) {
            Gauge.builder("sideeye.state", manager, m -> m.getStatus().state() == state ? 1 : 0)
                    .description("1 for the backend's current state, 0 for the others")
                    .tags(tags).tag("state", state.name()).register(registry);
        }
        TimeGauge.builder("sideeye.uptime", manager, TimeUnit.MILLISECONDS, m -> m.getStatus().uptime())
                .description("Time since the backend became RUNNING").tags(tags).register(registry);
    }

    private static Timer latency(MeterRegistry registry, Tags tags, String outcome) {
        return Timer.builder("sideeye.health.latency").description("Round trip of the backend's health checks")
                .tags(tags).tag("outcome", outcome).register(registry);
    }

    private static void record(Timer timer, double latencyMs) {
        timer.record(Math.round(latencyMs * 1_000_000), TimeUnit.NANOSECONDS);
    }
}
