package io.sideeye.control.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.control.http.ControlExchange;
import io.sideeye.control.http.Router;
import io.sideeye.control.ipc.ServiceTarget;
import io.sideeye.control.sse.SseFrame;
import io.sideeye.control.sse.SseHub;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceGroup;
import io.sideeye.service.ServiceJson;
import io.sideeye.service.ServiceStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} (Prometheus text, every service and instance labelled),
 * {@code GET /ipc/django-service-resources} (the CPU and memory figures of one service as JSON)
 * and the event streams' {@code resources} feed: the same figures of every service pushed every
 * 2 s on the streams that ask for them ({@code GET /ipc/events?resources=1}; the dashboard's
 * charts).
 */
public final class MetricsRoutes implements AutoCloseable {
    /** The event streams' feed (and frame type) of each service's CPU and memory figures. */
    public static final String RESOURCES_FEED = "resources";
    /** How often the {@link #RESOURCES_FEED} samples every service. */
    public static final Duration RESOURCES_PERIOD = Duration.ofSeconds(2);

    private final Supplier<ServiceGroup> group;
    private final EventCounters counters;
    private final SseHub hub;
    private final ProcessTreeSampler sampler = new ProcessTreeSampler();

    /** Routes reading from the attached group, the event counters and the stream hub. */
    public MetricsRoutes(Supplier<ServiceGroup> group, EventCounters counters, SseHub hub) {
        this.group = group;
        this.counters = counters;
        this.hub = hub;
    }

    /** Closes the files the resources sampler keeps open between samples. */
    @Override
    public void close() {
        sampler.close();
    }

    /** Registers both routes, and the {@link #RESOURCES_FEED} with the stream hub. */
    public void register(Router router) {
        router.add("GET", "/metrics", this::metrics);
        router.addQuick("GET", "/ipc/django-service-resources", this::resources); // a few /proc reads
        hub.addFeed(RESOURCES_FEED, RESOURCES_PERIOD, this::publishResources);
    }

    /** One tick of the feed: a frame per service, sampled only when a stream wants it. */
    private void publishResources() {
        ServiceGroup g = group.get();
        if (g == null) {
            return;
        }
        for (String service : g.names()) {
            hub.publishFeed(RESOURCES_FEED, service, () -> SseFrame.event(RESOURCES_FEED,
                    ResourcesReply.frame(service, samples(g.instances(service)))));
        }
    }

    /** One sample per instance, instance 1 first. */
    private List<ProcessTreeSample> samples(List<DjangoServiceManager> instances) {
        List<ProcessTreeSample> samples = new ArrayList<>(instances.size());
        for (DjangoServiceManager m : instances) {
            samples.add(sampler.sample(m.getStatus().pid()));
        }
        return samples;
    }

    /**
     * The process tree of the addressed service; for a replicated one the figures add up every
     * instance's tree ({@code rootPid} is instance 1's) and {@code instances} lists each.
     */
    private void resources(ControlExchange ex) {
        ServiceGroup g = group.get();
        if (g == null) {
            ObjectNode reply = ServiceJson.object();
            reply.put("success", false);
            reply.put("error", "Django service manager not initialized");
            reply.putNull("resources");
            ex.sendJson(503, reply);
            return;
        }
        ex.sendJsonText(200, ResourcesReply.of(samples(ServiceTarget.of(g, ex).instances())));
    }

    private void metrics(ControlExchange ex) {
        ex.send(200, PrometheusText.CONTENT_TYPE, render().getBytes(StandardCharsets.UTF_8));
    }

    /** The exposition text. */
    String render() {
        PrometheusText t = new PrometheusText();
        ServiceGroup g = group.get();
        t.gauge("sideeye_manager_attached", "Whether services are attached to the control server.", g == null ? 0 : 1);
        if (g != null) {
            List<InstanceMetrics.Instance> instances = new ArrayList<>();
            for (String service : g.names()) {
                List<DjangoServiceManager> managers = g.instances(service);
                for (int i = 0; i < managers.size(); i++) {
                    ServiceStatus s = managers.get(i).getStatus();
                    instances.add(new InstanceMetrics.Instance(service, i + 1, s, sampler.sample(s.pid())));
                }
            }
            InstanceMetrics.write(t, instances);
            t.family("sideeye_health_check_duration_seconds", "histogram",
                    "Health-check latency since the control server started (checks that got an answer).");
            for (InstanceMetrics.Instance i : instances) {
                counters.latency(i.service(), i.instance()).write(t, "sideeye_health_check_duration_seconds",
                        i.labels());
            }
            writeCounters(t, g.names());
        }
        t.gauge("sideeye_control_event_streams", "Open Server-Sent-Events streams.", hub.subscriberCount());
        t.family("sideeye_control_event_streams_dropped_total", "counter",
                "Event streams dropped because their client did not keep up.");
        t.sample("sideeye_control_event_streams_dropped_total", (long) hub.droppedCount());
        ManagerProcessMetrics.write(t);
        return t.toString();
    }

    private void writeCounters(PrometheusText t, List<String> services) {
        t.family("sideeye_health_checks_total", "counter", "Health checks by service and result.");
        for (String s : services) {
            t.sample("sideeye_health_checks_total", counters.of(s).healthy(), "service", s, "result", "healthy");
            t.sample("sideeye_health_checks_total", counters.of(s).unhealthy(), "service", s, "result", "unhealthy");
        }
        t.family("sideeye_api_errors_total", "counter", "API calls to the service that failed.");
        services.forEach(s -> t.sample("sideeye_api_errors_total", counters.of(s).apiErrors(), "service", s));
        t.family("sideeye_control_api_calls_total", "counter", "API calls made through the control server.");
        for (String s : services) {
            t.sample("sideeye_control_api_calls_total", counters.of(s).controlApiOk(), "service", s, "outcome", "success");
            t.sample("sideeye_control_api_calls_total", counters.of(s).controlApiFailed(), "service", s,
                    "outcome", "failure");
        }
        t.family("sideeye_process_exits_total", "counter", "Exits of the service's processes.");
        services.forEach(s -> t.sample("sideeye_process_exits_total", counters.of(s).processExits(), "service", s));
        t.family("sideeye_log_lines_total", "counter", "Output lines written by the service.");
        services.forEach(s -> t.sample("sideeye_log_lines_total", counters.of(s).logLines(), "service", s));
    }
}
