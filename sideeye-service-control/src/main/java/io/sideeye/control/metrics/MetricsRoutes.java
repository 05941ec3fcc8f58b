package io.sideeye.control.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.control.http.ControlExchange;
import io.sideeye.control.http.Router;
import io.sideeye.control.sse.SseHub;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.HealthCheckResult;
import io.sideeye.service.LatencySummary;
import io.sideeye.service.ServiceJson;
import io.sideeye.service.ServiceState;
import io.sideeye.service.ServiceStatus;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} (Prometheus text) and {@code GET /ipc/django-service-resources} (the
 * dashboard's CPU and memory figures as JSON).
 */
public final class MetricsRoutes {
    private final Supplier<DjangoServiceManager> manager;
    private final EventCounters counters;
    private final SseHub hub;
    private final ProcessTreeSampler sampler = new ProcessTreeSampler();

    /** Routes reading from the attached manager, the event counters and the stream hub. */
    public MetricsRoutes(Supplier<DjangoServiceManager> manager, EventCounters counters, SseHub hub) {
        this.manager = manager;
        this.counters = counters;
        this.hub = hub;
    }

    /** Registers both routes. */
    public void register(Router router) {
        router.add("GET", "/metrics", this::metrics);
        router.add("GET", "/ipc/django-service-resources", this::resources);
    }

    private void resources(ControlExchange ex) {
        DjangoServiceManager m = manager.get();
        ObjectNode reply = ServiceJson.mapper().createObjectNode();
        if (m == null) {
            reply.put("success", false);
            reply.put("error", "Django service manager not initialized");
            reply.putNull("resources");
            ex.sendJson(503, reply);
            return;
        }
        reply.put("success", true);
        reply.set("resources", ServiceJson.mapper().valueToTree(sampler.sample(m.getStatus().pid())));
        ex.sendJson(200, reply);
    }

    private void metrics(ControlExchange ex) {
        ex.send(200, PrometheusText.CONTENT_TYPE, render().getBytes(StandardCharsets.UTF_8));
    }

    /** The exposition text. */
    String render() {
        PrometheusText t = new PrometheusText();
        DjangoServiceManager m = manager.get();
        t.gauge("sideeye_manager_attached", "Whether a service manager is attached to the control server.",
                m == null ? 0 : 1);
        if (m != null) {
            ServiceStatus s = m.getStatus();
            writeService(t, s);
            writeProcessTree(t, sampler.sample(s.pid()));
        }
        writeCounters(t);
        t.gauge("sideeye_control_event_streams", "Open Server-Sent-Events streams.", hub.subscriberCount());
        t.counter("sideeye_control_event_streams_dropped_total",
                "Event streams dropped because their client did not keep up.", hub.droppedCount());
        return t.toString();
    }

    private static void writeService(PrometheusText t, ServiceStatus s) {
        t.gauge("sideeye_service_up", "Whether the backend is running (1) or not (0).", s.isRunning() ? 1 : 0);
        t.family("sideeye_service_state", "gauge", "The lifecycle state: 1 for the current one, 0 for the others.");
        for (ServiceState state : ServiceState.values()) {
            t.sample("sideeye_service_state", "state", state.name().toLowerCase(Locale.ROOT), state == s.state() ? 1 : 0);
        }
        t.counter("sideeye_service_restarts_total", "Automatic restarts since the manager was created.",
                s.restartsTotal());
        t.gauge("sideeye_service_restart_attempts", "Automatic restart attempts in the current streak.",
                s.restartAttempts());
        t.gauge("sideeye_service_uptime_seconds", "Time since the backend became healthy.", s.uptime() / 1000.0);
        HealthCheckResult last = s.lastHealthCheck();
        if (last != null) {
            t.gauge("sideeye_health_last_healthy", "Whether the latest health check passed.", last.healthy() ? 1 : 0);
            t.gauge("sideeye_health_last_latency_seconds", "Latency of the latest health check.",
                    last.latencyMs() / 1000.0);
        }
        writeLatency(t, "sideeye_health_latency", "health-check", s.healthLatency());
        writeLatency(t, "sideeye_api_latency", "API-call", s.apiLatency());
    }

    private static void writeLatency(PrometheusText t, String prefix, String what, LatencySummary l) {
        LatencySummary v = l == null ? LatencySummary.EMPTY : l;
        t.gauge(prefix + "_p50_seconds", "Median " + what + " latency over the recent window.", v.p50() / 1000.0);
        t.gauge(prefix + "_p95_seconds", "95th percentile " + what + " latency over the recent window.",
                v.p95() / 1000.0);
        t.gauge(prefix + "_max_seconds", "Largest " + what + " latency in the recent window.", v.max() / 1000.0);
        t.gauge(prefix + "_window_samples", "Samples in the recent " + what + " latency window.", v.count());
    }

    private static void writeProcessTree(PrometheusText t, ProcessTreeSample p) {
        t.gauge("sideeye_backend_processes", "Processes in the backend's process tree.", p.processes());
        t.counter("sideeye_backend_cpu_seconds_total", "CPU time used by the backend's live process tree.",
                p.cpuSeconds());
        t.gauge("sideeye_backend_cpu_usage_cores", "CPU use of the backend's process tree, in cores.",
                p.cpuPercent() / 100.0);
        t.gauge("sideeye_backend_resident_memory_bytes", "Resident memory of the backend's process tree.",
                p.residentBytes());
    }

    private void writeCounters(PrometheusText t) {
        t.family("sideeye_health_checks_total", "counter", "Health checks by result.");
        t.sample("sideeye_health_checks_total", "result", "healthy", counters.healthy());
        t.sample("sideeye_health_checks_total", "result", "unhealthy", counters.unhealthy());
        t.counter("sideeye_api_errors_total", "API calls to the backend that failed.", counters.apiErrors());
        t.family("sideeye_control_api_calls_total", "counter", "API calls made through the control server.");
        t.sample("sideeye_control_api_calls_total", "outcome", "success", counters.controlApiOk());
        t.sample("sideeye_control_api_calls_total", "outcome", "failure", counters.controlApiFailed());
        t.counter("sideeye_process_exits_total", "Exits of backend processes.", counters.processExits());
        t.counter("sideeye_log_lines_total", "Output lines written by the backend.", counters.logLines());
    }
}
