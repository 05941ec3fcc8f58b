package io.sideeye.control.ipc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.control.metrics.EventCounters;
import io.sideeye.control.sse.SseFrame;
import io.sideeye.control.sse.SseHub;
import io.sideeye.service.LogLine;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceJson;
import java.util.function.Consumer;

/**
 * Turns the manager's events into Server-Sent Events, on the manager's event thread: output
 * lines become {@code log} frames, every other event a {@code service-event} frame, and the
 * lifecycle events the seed forwarded are followed by a {@code django-service-status} frame.
 */
final class EventForwarder implements Consumer<ServiceEvent> {
    static final String STATUS = "django-service-status";
    static final String SERVICE_EVENT = "service-event";
    static final String LOG = "log";

    private final SseHub hub;
    private final EventCounters counters;

    EventForwarder(SseHub hub, EventCounters counters) {
        this.hub = hub;
        this.counters = counters;
    }

    @Override
    public void accept(ServiceEvent event) {
        counters.record(event);
        if (event instanceof ServiceEvent.Stdout out) {
            hub.publish(logFrame(new LogLine(out.timestamp(), "stdout", out.line())));
            return;
        }
        if (event instanceof ServiceEvent.Stderr err) {
            hub.publish(logFrame(new LogLine(err.timestamp(), "stderr", err.line())));
            return;
        }
        hub.publish(SseFrame.event(SERVICE_EVENT, ServiceJson.write(ServiceJson.toJson(event))));
        ObjectNode status = SeedStatus.of(event);
        if (status != null) {
            hub.publish(statusFrame(status));
        }
    }

    static byte[] statusFrame(ObjectNode status) {
        return SseFrame.event(STATUS, ServiceJson.write(status));
    }

    private static byte[] logFrame(LogLine line) {
        return SseFrame.event(LOG, ServiceJson.write(line));
    }
}
