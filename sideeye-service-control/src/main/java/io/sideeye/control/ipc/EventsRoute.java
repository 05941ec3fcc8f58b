package io.sideeye.control.ipc;

import com.sun.net.httpserver.HttpExchange;
import io.sideeye.control.http.ControlExchange;
import io.sideeye.control.sse.SseFrame;
import io.sideeye.control.sse.SseHub;
import io.sideeye.service.ServiceGroup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /ipc/events}: opens a Server-Sent-Events stream of every service, or of one with
 * {@code ?service=<name>}. The first frames are a {@code retry} hint, the {@code services} frame
 * and the current {@code django-service-status} of every instance; live frames follow.
 */
final class EventsRoute {
    /** Reconnection delay suggested to clients, in milliseconds. */
    static final long RETRY_MILLIS = 1000;

    private final SseHub hub;
    private final GroupSlot slot;

    EventsRoute(SseHub hub, GroupSlot slot) {
        this.hub = hub;
        this.slot = slot;
    }

    void handle(ControlExchange ex) throws IOException {
        String only = only(ex);
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
        hub.subscribe(raw, only, () -> {
            List<byte[]> frames = new ArrayList<>();
            frames.add(SseFrame.retry(RETRY_MILLIS));
            frames.addAll(slot.currentFrames(only));
            return frames;
        });
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
