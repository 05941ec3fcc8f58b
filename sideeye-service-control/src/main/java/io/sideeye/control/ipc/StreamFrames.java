package io.sideeye.control.ipc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.control.http.JsonText;
import io.sideeye.control.sse.SseFrame;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.LogLine;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceGroup;
import io.sideeye.service.ServiceJson;
import io.sideeye.service.time.IsoInstant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The frames of {@code GET /ipc/events}. Every frame about a service carries {@code "service"}
 * and {@code "instance"}; the {@code services} frame describes the attached group.
 */
final class StreamFrames {
    static final String STATUS = "django-service-status";
    static final String SERVICE_EVENT = "service-event";
    static final String LOG = "log";
    static final String SERVICES = "services";

    private StreamFrames() {
    }

    /** A {@code django-service-status} frame. */
    static byte[] status(ObjectNode seedStatus) {
        return SseFrame.event(STATUS, ServiceJson.write(seedStatus));
    }

    /** A {@code service-event} frame: the event as {@link ServiceJson} renders it, tagged. */
    static byte[] event(ServiceEvent event, String service, int instance) {
        return SseFrame.event(SERVICE_EVENT, eventJson(event, service, instance));
    }

    /**
     * The text of {@code ServiceJson.toJson(event)} with {@code service} and {@code instance}
     * added last, written straight from the event rather than through a tree (one frame per
     * event, a health check a second, while a stream is open): {@code {"name":..., <the
     * event's fields>, "service":..., "instance":...}}.
     */
    static String eventJson(ServiceEvent event, String service, int instance) {
        if (event instanceof ServiceEvent.Healthy h) {
            return checkJson(h.name(), h.timestamp(), h.status(), h.error(), h.latencyMs(), service, instance);
        }
        if (event instanceof ServiceEvent.Unhealthy u) {
            return checkJson(u.name(), u.timestamp(), u.status(), u.error(), u.latencyMs(), service, instance);
        }
        String fields = ServiceJson.write(event); // {"timestamp":...,...}
        StringBuilder b = new StringBuilder(fields.length() + service.length() + 48);
        b.append("{\"name\":").append(ServiceJson.write(event.name()));
        if (fields.length() > 2) {
            b.append(',').append(fields, 1, fields.length() - 1);
        }
        return b.append(",\"service\":").append(ServiceJson.write(service))
                .append(",\"instance\":").append(instance).append('}').toString();
    }

    /**
     * The text of a health check's event, the frame sent most often (one a check, every second
     * with 1 s checks): written piece by piece, the same text as the data binding writes
     * ({@code StreamFramesTest}) for a tenth of its cost on a JVM that runs it too seldom to
     * compile it (docs/BENCHMARKS.md, section {@code daemons}).
     */
    private static String checkJson(String name, Instant timestamp, int status, String error, double latencyMs,
                                    String service, int instance) {
        StringBuilder b = new StringBuilder(128 + service.length() + (error == null ? 0 : error.length()));
        b.append("{\"name\":\"").append(name).append("\",\"timestamp\":");
        if (timestamp == null) {
            b.append("null");
        } else {
            b.append('"').append(IsoInstant.format(timestamp)).append('"');
        }
        b.append(",\"status\":").append(status).append(",\"error\":");
        JsonText.string(error, b).append(",\"latencyMs\":");
        JsonText.number(latencyMs, b).append(",\"service\":");
        return JsonText.string(service, b).append(",\"instance\":").append(instance).append('}').toString();
    }

    /** A {@code log} frame: {@code {timestamp, stream, line, service, instance}}. */
    static byte[] log(LogLine line, String service, int instance) {
        ObjectNode n = ServiceJson.tree(line);
        n.put("service", service);
        n.put("instance", instance);
        return SseFrame.event(LOG, ServiceJson.write(n));
    }

    /**
     * The {@code services} frame: {@code {"default":"web","services":[{"name":"web","instances":1},...]}},
     * or {@code {"default":null,"services":[]}} when nothing is attached.
     */
    static byte[] services(ServiceGroup group) {
        ObjectNode n = ServiceJson.object();
        ArrayNode list = ServiceJson.array();
        if (group == null) {
            n.putNull("default");
        } else {
            n.put("default", group.defaultService());
            for (String name : group.names()) {
                list.addObject().put("name", name).put("instances", group.instances(name).size());
            }
        }
        n.set("services", list);
        return SseFrame.event(SERVICES, ServiceJson.write(n));
    }

    /**
     * What a new subscriber (or, after an attach, every subscriber) gets first: the
     * {@code services} frame, then the current status of every instance, the default service's
     * first; only the service {@code only} when it is not null.
     */
    static List<byte[]> current(ServiceGroup group, String only) {
        List<byte[]> frames = new ArrayList<>();
        current(group, (topic, frame) -> {
            if (only == null || topic == null || topic.equals(only)) {
                frames.add(frame);
            }
        });
        return frames;
    }

    /** The same frames, each with its topic (the service's name; null for everyone). */
    static void current(ServiceGroup group, BiConsumer<String, byte[]> out) {
        out.accept(null, services(group));
        if (group == null) {
            out.accept(null, status(StatusPayload.notInitialized()));
            return;
        }
        List<String> order = new ArrayList<>(group.names());
        order.remove(group.defaultService());
        order.add(0, group.defaultService());
        for (String name : order) {
            List<DjangoServiceManager> instances = group.instances(name);
            for (int i = 0; i < instances.size(); i++) {
                out.accept(name, status(StatusPayload.of(instances.get(i).getStatus(), name, i + 1)));
            }
        }
    }
}
