package io.sideeye.control.ipc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.control.metrics.EventCounters;
import io.sideeye.control.sse.SseHub;
import io.sideeye.service.GroupEvent;
import io.sideeye.service.LogLine;
import io.sideeye.service.ServiceEvent;
import java.util.function.Consumer;

/**
 * Turns the group's events into Server-Sent Events, on the group's event thread, each on the
 * topic of its service: output lines become {@code log} frames, every other event a
 * {@code service-event} frame, and the lifecycle events the seed forwarded are followed by a
 * {@code django-service-status} frame. A frame is only made when a stream is open to receive it.
 * A passing health check's frame may wait for the next frame of a feed the stream takes
 * ({@link SseHub#publishDeferrable}): a dashboard, which takes the resources every 2 s, receives
 * the checks of each 2 s in one write; a failing check, a log line and every other event go at once.
 */
final class EventForwarder implements Consumer<GroupEvent> {
    private final SseHub hub;
    private final EventCounters counters;

    EventForwarder(SseHub hub, EventCounters counters) {
        this.hub = hub;
        this.counters = counters;
    }

    @Override
    public void accept(GroupEvent tagged) {
        String service = tagged.service();
        int instance = tagged.instance();
        ServiceEvent event = tagged.event();
        counters.record(service, instance, event);
        if (event instanceof ServiceEvent.Stdout out) {
            hub.publish(service, () -> StreamFrames.log(new LogLine(out.timestamp(), "stdout", out.line()), service, instance));
            return;
        }
        if (event instanceof ServiceEvent.Stderr err) {
            hub.publish(service, () -> StreamFrames.log(new LogLine(err.timestamp(), "stderr", err.line()), service, instance));
            return;
        }
        if (event instanceof ServiceEvent.Healthy) { // routine: may wait for the resources' next frame
            hub.publishDeferrable(service, () -> StreamFrames.event(event, service, instance));
            return; // no status frame follows a check
        }
        hub.publish(service, () -> StreamFrames.event(event, service, instance));
        hub.publish(service, () -> {
            ObjectNode status = StatusPayload.of(event, service, instance);
            return status == null ? null : StreamFrames.status(status);
        });
    }
}
