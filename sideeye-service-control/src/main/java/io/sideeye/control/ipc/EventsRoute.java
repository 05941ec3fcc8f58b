package io.sideeye.control.ipc;

import com.sun.net.httpserver.HttpExchange;
import io.sideeye.control.http.ControlExchange;
import io.sideeye.control.http.HttpStatusException;
import io.sideeye.control.metrics.MetricsRoutes;
import io.sideeye.control.sse.SseFrame;
import io.sideeye.control.sse.SseHub;
import io.sideeye.service.ServiceGroup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /ipc/events}: opens a Server-Sent-Events stream of every service, or of one with
 * {@code ?service=<name>}. The first frames are a {@code retry} hint, the {@code services} frame
 * and the current {@code django-service-status} of every instance; live frames follow. With
 * {@code ?resources=1} the stream also carries a {@code resources} frame per service every 2 s
 * (its CPU and memory, as {@code GET /ipc/django-service-resources} answers them), the first at
 * once.
 */
final class EventsRoute {
    /** Reconnection delay suggested to clients, in milliseconds. */
    static final long RETRY_MILLIS = 1000;
    /** The query parameter that asks for the {@code resources} frames. */
    static final String RESOURCES_PARAM = "resources";

    private final SseHub hub;
    private final GroupSlot slot;

    EventsRoute(SseHub hub, GroupSlot slot) {
        this.hub = hub;
        this.slot = slot;
    }

    void handle(ControlExchange ex) throws IOException {
        String only = only(ex);
        Set<String> feeds = feeds(ex);
        if (!ex.claimForStreaming()) {
            return;
        }
        HttpExchange raw = ex.raw();
        raw.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        raw.getResponseHeaders().set("X-Accel-Buffering", "no");
        try {
            raw.sendResponseHeaders(200, 0);
        } catch (IOException e) {
            raw.close();
            throw e;
        }
        hub.subscribe(raw, only, feeds, () -> {
            List<byte[]> frames = new ArrayList<>();
            frames.add(SseFrame.retry(RETRY_MILLIS));
            frames.addAll(slot.currentFrames(only));
            return frames;
        });
    }

    /** The feeds asked for: {@code resources=1} (or {@code true}); {@code 0}, {@code false} or none: none. */
    private static Set<String> feeds(ControlExchange ex) {
        String resources = ex.query(RESOURCES_PARAM);
        if (resources == null || resources.equals("0") || resources.equals("false")) {
            return Set.of();
        }
        if (resources.equals("1") || resources.equals("true")) {
            return Set.of(MetricsRoutes.RESOURCES_FEED);
        }
        throw new HttpStatusException(400, "query parameter " + RESOURCES_PARAM + " must be 1 or 0 (true or false), not '"
                + ServiceTarget.printable(resources) + "'");
    }

    /** The service the stream is limited to, or null for all; an unknown one is refused before streaming. */
    private String only(ControlExchange ex) {
        String requested = ex.query(ServiceTarget.PARAM);
        if (requested == null || requested.isEmpty()) {
            return null;
        }
        ServiceGroup group = slot.get();
        if (group == null) {
            return requested;
        }
        return ServiceTarget.of(group, requested).name();
    }
}
